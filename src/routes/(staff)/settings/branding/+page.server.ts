import { DEFAULT_BRANDING, savedBranding } from '$lib/server/branding/read';
import { removeLogo, saveBranding } from '$lib/server/branding/service';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { formValues } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const branding = await savedBranding(appDb());
	return { branding, preview: branding ?? DEFAULT_BRANDING };
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const values = formValues(form);
		// A file field left empty arrives as an empty file: keep the current logo.
		const file = form.get('logo');
		const logo =
			file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
		const saved = await saveBranding(
			appDb(),
			{
				name: values.name ?? '',
				accentColour: values.accentColour ?? '',
				senderName: values.senderName ?? '',
				replyTo: values.replyTo ?? '',
				footer: values.footer ?? '',
				logo
			},
			{ userId: user.id }
		);
		if (!saved.ok) return asFormFailure(saved, { message: m.branding_invalid(), values });
		return { success: m.branding_saved() };
	},
	removeLogo: async (event) => {
		const user = requireUser(event);
		await removeLogo(appDb(), { userId: user.id });
		return { success: m.branding_logo_removed() };
	}
};
