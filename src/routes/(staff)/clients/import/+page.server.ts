import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { uploadRefusal } from '$lib/schemas/upload';
import { csvUploadSchema, MAX_IMPORT_BYTES } from '$lib/csv/read';
import { recentImports, stageImport } from '$lib/server/clients/imports';
import { appDb } from '$lib/server/db/app-db';
import { asFormFailure } from '$lib/server/refusals';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	return { imports: await recentImports(appDb()), maxBytes: MAX_IMPORT_BYTES };
};

export const actions: Actions = {
	upload: async (event) => {
		const user = requireUser(event);
		const upload = csvUploadSchema.safeParse((await event.request.formData()).get('file'));
		if (!upload.success) return asFormFailure(uploadRefusal(upload.error));
		const file = upload.data;
		const staged = await stageImport(
			appDb(),
			{ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
			user.id
		);
		if (!staged.ok) return fail(400, { message: staged.message });
		redirect(303, `/clients/import/${staged.id}`);
	}
};
