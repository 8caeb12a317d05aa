import { fail } from '@sveltejs/kit';
import { privacySettingsFormSchema } from '$lib/schemas/privacy';
import { requireUser } from '$lib/server/auth/guards';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { erasureKeepsAnswers, saveErasureKeepsAnswers } from '$lib/server/privacy/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	keepAnswers: await erasureKeepsAnswers(appDb())
});

export const actions: Actions = {
	save: async (event) => {
		const user = requireUser(event);
		const form = parseForm(privacySettingsFormSchema, await event.request.formData());
		if (!form.ok)
			return fail(400, { message: form.errors.answersOnErasure ?? 'Choose one of the options.' });
		const keep = form.data.answersOnErasure === 'keep-anonymously';
		await saveErasureKeepsAnswers(appDb(), keep, { userId: user.id });
		return {
			success: keep
				? 'Saved. Erasing a client keeps their answers, anonymised.'
				: 'Saved. Erasing a client deletes their answers too.'
		};
	}
};
