import { apiRoute } from '$lib/server/api/endpoint';
import {
	getCase as getEndpoint,
	updateCase as updateEndpoint
} from '$lib/server/api/endpoints/cases';
import { ApiError } from '$lib/server/api/errors';
import { appDb } from '$lib/server/db/app-db';
import { caseDetailJson } from '$lib/server/followups/case-json';
import { getCase } from '$lib/server/followups/queries';
import { updateCase } from '$lib/server/followups/workflow';
import { apiId } from '$lib/server/route-params';
import { findUserByEmail } from '$lib/server/users/service';
import { asApiError } from '$lib/server/refusals';
import * as m from '$lib/paraglide/messages';

async function found(id: number) {
	const kase = await getCase(appDb(), id);
	if (!kase) throw new ApiError(404, m.cases_not_found());
	return kase;
}

export const GET = apiRoute(getEndpoint, async ({ event }) =>
	caseDetailJson(await found(apiId(event.params.id, m.cases_not_found())))
);

export const PATCH = apiRoute(updateEndpoint, async ({ event, body, apiKey }) => {
	const db = appDb();
	const id = apiId(event.params.id, m.cases_not_found());
	await found(id);
	let assigneeId: string | null | undefined = body.assignee === null ? null : undefined;
	if (body.assignee) {
		const user = await findUserByEmail(db, body.assignee);
		if (!user || user.deactivatedAt)
			throw new ApiError(400, m.api_no_active_staff_user_email({ email: body.assignee }), [
				{ path: ['assignee'], message: m.api_cases_assignee_rule(), code: 'custom' }
			]);
		assigneeId = user.id;
	}
	const outcome = await updateCase(
		db,
		id,
		{
			status: body.status,
			note: body.note,
			assigneeId,
			dueAt: body.dueAt ? new Date(body.dueAt) : undefined,
			comment: body.comment
		},
		{ apiKeyName: apiKey.name }
	);
	// The API names the assignee by email, in the field `assignee`.
	if (!outcome.ok)
		throw asApiError({
			...outcome,
			field: outcome.field === 'assigneeId' ? 'assignee' : outcome.field
		});
	return caseDetailJson(await found(id));
});
