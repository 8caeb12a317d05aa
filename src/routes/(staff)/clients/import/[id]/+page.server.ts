import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireUser } from '$lib/server/auth/guards';
import { listAttributeDefinitions } from '$lib/server/clients/attributes';
import { attributeField, importFieldLabel, importFields } from '$lib/server/clients/csv-import';
import { discardImports, getImport, mappingFromForm, previewImport, startImport } from '$lib/server/clients/imports';
import { appDb } from '$lib/server/db/app-db';
import { pageId } from '$lib/server/route-params';
import type { Actions, PageServerLoad } from './$types';

/** How many problems the page lists; the downloadable report has them all. */
const ISSUES_SHOWN = 200;


export const load: PageServerLoad = (event) => {
	const db = appDb();
	const staged = getImport(db, pageId(event.params.id, 'No such import.'));
	if (!staged) error(404, 'No such import.');
	const fields = [
		...importFields.map((field) => ({ value: field as string, label: importFieldLabel(field) })),
		...listAttributeDefinitions(db).map((d) => ({ value: attributeField(d.key) as string, label: `${d.label} (custom field)` }))
	];
	const { content: _content, issues, ...rest } = staged;
	return {
		staged: { ...rest, issueCount: issues?.length ?? 0 },
		issues: issues?.slice(0, ISSUES_SHOWN) ?? [],
		preview: staged.status === 'uploaded' || staged.status === 'invalid' ? previewImport(staged) : null,
		fields
	};
};

export const actions: Actions = {
	start: async (event) => {
		const user = requireUser(event);
		const id = pageId(event.params.id, 'No such import.');
		const form = await event.request.formData();
		const onExisting = z.enum(['skip', 'update']).safeParse(form.get('onExisting'));
		const db = appDb();
		const staged = getImport(db, id);
		if (!staged) error(404, 'No such import.');
		const mapping = mappingFromForm(form, staged.mapping.length);
		const problems = onExisting.success ? [] : ['Choose what to do with clients whose email exists already: skip them or update them.'];
		if (problems.length) return fail(400, { problems, mapping });
		const started = startImport(db, id, { mapping, onExisting: onExisting.data! }, { userId: user.id });
		if (!started.ok) return fail(400, { problems: started.problems, mapping });
		return { started: true };
	},
	discard: (event) => {
		discardImports(appDb(), [pageId(event.params.id, 'No such import.')]);
		return { discarded: true };
	}
};
