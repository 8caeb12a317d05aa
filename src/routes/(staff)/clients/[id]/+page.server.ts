import { error, fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { erasureConfirmationSchema } from '$lib/schemas/clients';
import { recordAudit } from '$lib/server/audit';
import { inTransaction } from '$lib/server/db/transaction';
import { requireUser } from '$lib/server/auth/guards';
import { clientInScope, scopedQuery, scopeOf } from '$lib/server/auth/scope';
import { listAttributeDefinitions } from '$lib/server/clients/attributes';
import { ATTRIBUTE_FIELD_PREFIX, clientFromForm, saveIssueErrors } from '$lib/server/clients/form';
import { accountManagerLoad, getClient, type ClientCard } from '$lib/server/clients/queries';
import { updateClient } from '$lib/server/clients/save';
import { eraseClients } from '$lib/server/privacy/erasure';
import { answersOnErasureText, erasureKeepsAnswers } from '$lib/server/privacy/settings';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { casesOfClient } from '$lib/server/followups/queries';
import { inboxPage } from '$lib/server/responses/inbox';
import { pageId } from '$lib/server/route-params';
import { scoreTrends } from '$lib/responses/score-trend';
import type { Actions, PageServerLoad } from './$types';

/** The edit form's starting values: the client as stored. */
function formValues(client: ClientCard): Record<string, string> {
	return {
		name: client.name,
		email: client.email,
		company: client.company ?? '',
		phone: client.phone ?? '',
		language: client.language,
		tags: client.tags.join(', '),
		accountManager: client.accountManager?.email ?? '',
		clientSince: client.clientSince ?? '',
		lastPurchaseOn: client.lastPurchaseOn ?? '',
		renewalOn: client.renewalOn ?? '',
		annualValue: client.annualValue?.toString() ?? '',
		consentSource: client.consentSource ?? '',
		...Object.fromEntries(
			client.attributes.map((a) => [`${ATTRIBUTE_FIELD_PREFIX}${a.key}`, a.value])
		)
	};
}

/**
 * The client the URL names, if the user may reach them: out of their scope answers like a client
 * that does not exist, so a guessed id tells nothing.
 */
async function reachableClientId(event: { params: { id: string }; locals: App.Locals; url: URL }) {
	const db = appDb();
	const id = pageId(event.params.id, m.clients_not_found());
	const limit = await scopeOf(db, requireUser(event));
	if (!(await clientInScope(db, id, limit))) error(404, m.clients_not_found_erased());
	return { db, id, limit };
}

export const load: PageServerLoad = async (event) => {
	const { db, id, limit } = await reachableClientId(event);
	const client = await getClient(db, id);
	if (!client) error(404, m.clients_not_found_erased());
	const viewer = requireUser(event);
	await inTransaction(db, async (tx) =>
		recordAudit(tx, { userId: viewer.id }, 'client.view', `client:${client.id}`)
	);
	// The newest page of the inbox narrowed to this client, as trends per survey.
	const { rows, count } = await inboxPage(db, scopedQuery({ client: client.id }, limit), {
		withClients: false
	});
	return {
		responses: { trends: scoreTrends(rows), shown: rows.length, total: count },
		client,
		values: formValues(client),
		staff: (await accountManagerLoad(db)).filter((user) => !user.deactivatedAt),
		attributes: await listAttributeDefinitions(db),
		cases: await casesOfClient(db, client.id, limit),
		answersOnErasure: answersOnErasureText(await erasureKeepsAnswers(db))
	};
};

export const actions: Actions = {
	update: async (event) => {
		const user = requireUser(event);
		const { db, id } = await reachableClientId(event);
		const form = clientFromForm(await event.request.formData());
		if (!form.ok) return fail(400, { errors: form.errors, values: form.values });
		const saved = await updateClient(db, id, form.input, {
			actor: { userId: user.id },
			source: m.clients_consent_source_entered({ name: user.name })
		});
		if (!saved.ok) return fail(409, { errors: saveIssueErrors(saved.issues), values: form.values });
		return { success: m.common_saved() };
	},
	erase: async (event) => {
		const user = requireUser(event);
		const { db, id } = await reachableClientId(event);
		const confirmed = parseForm(erasureConfirmationSchema, await event.request.formData());
		if (!confirmed.ok) return fail(400, { action: 'erase', message: confirmed.errors.confirm });
		await eraseClients(db, [id], { userId: user.id });
		redirect(303, '/clients');
	}
};
