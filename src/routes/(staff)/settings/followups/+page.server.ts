import { fail } from '@sveltejs/kit';
import { appDb } from '$lib/server/db/app-db';
import {
	activeStaff,
	currentRules,
	currentSettings,
	saveFollowupSettings
} from '$lib/server/followups/rules';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { followupSettingsFormSchema } from '$lib/schemas/followups';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = appDb();
	return {
		rules: await currentRules(db),
		settings: await currentSettings(db),
		staff: await activeStaff(db)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const form = parseForm(followupSettingsFormSchema, await event.request.formData());
		if (!form.ok)
			return fail(400, {
				errors: form.errors as Record<string, string>,
				message: m.settings_followups_invalid()
			});
		const saved = await saveFollowupSettings(appDb(), form.data);
		// Shown next to its field, and above this long form too, where the page starts.
		if (!saved.ok) return asFormFailure(saved, { message: saved.message });
		return { success: m.settings_followups_saved() };
	}
};
