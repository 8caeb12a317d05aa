import { fail } from '@sveltejs/kit';
import { privacySettingsFormSchema } from '$lib/schemas/privacy';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { erasureKeepsAnswers, saveErasureKeepsAnswers } from '$lib/server/privacy/settings';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	keepAnswers: await erasureKeepsAnswers(appDb())
});

export const actions: Actions = {
	save: async (event) => {
		const user = requireUser(event);
		const form = parseForm(privacySettingsFormSchema, await event.request.formData());
		if (!form.ok)
			return fail(400, { message: form.errors.answersOnErasure ?? m.settings_privacy_choose() });
		const keep = form.data.answersOnErasure === 'keep-anonymously';
		await saveErasureKeepsAnswers(appDb(), keep, { userId: user.id });
		return {
			success: keep ? m.settings_privacy_saved_keep() : m.settings_privacy_saved_delete()
		};
	}
};
