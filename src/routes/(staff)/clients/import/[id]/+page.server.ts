import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guards';
import { listAttributeDefinitions } from '$lib/server/clients/attributes';
import { attributeField, importFieldLabel, importFields } from '$lib/server/clients/csv-import';
import {
	discardImports,
	getImport,
	importMappingSchema,
	previewImport,
	startImport
} from '$lib/server/clients/imports';
import { appDb } from '$lib/server/db/app-db';
import { formValues } from '$lib/server/forms';
import { pageId } from '$lib/server/route-params';
import type { Actions, PageServerLoad } from './$types';

/** How many problems the page lists; the downloadable report has them all. */
const ISSUES_SHOWN = 200;

const onExistingSchema = z.enum(['skip', 'update'], {
	error: () => m.clients_import_choose_existing()
});

export const load: PageServerLoad = async (event) => {
	const db = appDb();
	const staged = await getImport(db, pageId(event.params.id, m.clients_import_not_found()));
	if (!staged) error(404, m.clients_import_not_found());
	const fields = [
		...importFields.map((field) => ({ value: field as string, label: importFieldLabel(field) })),
		...(await listAttributeDefinitions(db)).map((d) => ({
			value: attributeField(d.key) as string,
			label: m.clients_import_custom_field_option({ label: d.label })
		}))
	];
	const { content: _content, issues, ...rest } = staged;
	return {
		staged: { ...rest, issueCount: issues?.length ?? 0 },
		issues: issues?.slice(0, ISSUES_SHOWN) ?? [],
		preview:
			staged.status === 'uploaded' || staged.status === 'invalid' ? previewImport(staged) : null,
		fields
	};
};

export const actions: Actions = {
	start: async (event) => {
		const user = requireUser(event);
		const id = pageId(event.params.id, m.clients_import_not_found());
		const values = formValues(await event.request.formData());
		const db = appDb();
		const staged = await getImport(db, id);
		if (!staged) error(404, m.clients_import_not_found());
		const mapping = importMappingSchema(staged.mapping.length).safeParse(values);
		const onExisting = onExistingSchema.safeParse(values.onExisting);
		if (!mapping.success || !onExisting.success) {
			const problems = [mapping, onExisting].flatMap(
				(parsed) => parsed.error?.issues.map((issue) => issue.message) ?? []
			);
			// A garbled mapping is not shown back; the page keeps the one stored with the import.
			return fail(400, { problems, mapping: mapping.data ?? staged.mapping });
		}
		const started = await startImport(
			db,
			id,
			{ mapping: mapping.data, onExisting: onExisting.data },
			{ userId: user.id }
		);
		if (!started.ok) return fail(400, { problems: started.problems, mapping: mapping.data });
		return { started: true };
	},
	discard: async (event) => {
		await discardImports(appDb(), [pageId(event.params.id, m.clients_import_not_found())]);
		return { discarded: true };
	}
};
