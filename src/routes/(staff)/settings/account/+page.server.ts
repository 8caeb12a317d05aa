import { fail, redirect } from '@sveltejs/kit';
import { clearSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { requireUser } from '$lib/server/auth/guards';
import { signOutEverywhere } from '$lib/server/auth/session';
import { twoFactorState } from '$lib/server/auth/two-factor';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { changeOwnPassword } from '$lib/server/users/service';
import { changePasswordSchema } from '$lib/schemas/users';
import { z } from 'zod';
import { recordId } from '$lib/schemas/ids';
import { cancelReport, listReportSubscriptions } from '$lib/server/reports/subscriptions';
import * as m from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import { setUserLanguage } from '$lib/server/users/language';
import type { Actions, PageServerLoad } from './$types';

const reportIdSchema = z.object({
	id: recordId(() => m.validation_lost_report())
});

const languageSchema = z.object({
	language: z.enum(locales, { error: () => m.settings_account_language_unknown() })
});

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return {
		twoFactor: (await twoFactorState(appDb(), user)).status,
		reports: (await listReportSubscriptions(appDb(), user.id)).map(
			({ id, name, frequency, view }) => ({
				id,
				name,
				frequency,
				view
			})
		)
	};
};

export const actions: Actions = {
	cancelReport: async (event) => {
		const user = requireUser(event);
		const form = parseForm(reportIdSchema, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'cancelReport', message: form.errors.id });
		const cancelled = await cancelReport(appDb(), user.id, form.data.id);
		if (!cancelled.ok) return asFormFailure(cancelled, { action: 'cancelReport' });
		return { action: 'cancelReport', success: m.settings_account_report_cancelled() };
	},
	changePassword: async (event) => {
		const user = requireUser(event);
		const form = parseForm(changePasswordSchema, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'changePassword', errors: form.errors });
		const result = await changeOwnPassword(appDb(), user.id, form.data.current, form.data.password);
		if (!result.ok) return asFormFailure(result, { action: 'changePassword', field: 'current' });
		setSessionCookie(event.cookies, event.url, result.sessionToken);
		return {
			action: 'changePassword',
			success: m.settings_account_password_changed()
		};
	},
	setLanguage: async (event) => {
		const user = requireUser(event);
		const form = parseForm(languageSchema, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'setLanguage', message: form.errors.language });
		await setUserLanguage(appDb(), user.id, form.data.language);
		// The page is drawn again in the new language: this answer is already in the old one.
		redirect(303, '/settings/account?language=saved');
	},
	signOutEverywhere: async (event) => {
		const user = requireUser(event);
		await signOutEverywhere(appDb(), user.id);
		clearSessionCookie(event.cookies, event.url);
		redirect(303, '/login');
	}
};
