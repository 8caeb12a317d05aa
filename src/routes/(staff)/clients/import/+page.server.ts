import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { MAX_IMPORT_BYTES } from '$lib/server/clients/csv-import';
import { recentImports, stageImport } from '$lib/server/clients/imports';
import { appDb } from '$lib/server/db/app-db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	return { imports: recentImports(appDb()), maxBytes: MAX_IMPORT_BYTES };
};

export const actions: Actions = {
	upload: async (event) => {
		const user = requireUser(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: 'Choose a CSV file to upload.' });
		if (file.size > MAX_IMPORT_BYTES) {
			return fail(413, { message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 20 MB. Split it into smaller files.` });
		}
		const staged = stageImport(appDb(), { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, user.id);
		if (!staged.ok) return fail(400, { message: staged.message });
		redirect(303, `/clients/import/${staged.id}`);
	}
};
