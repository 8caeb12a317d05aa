import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { readSignInSettings } from '$lib/server/auth/sign-in-settings';
import {
	confirmEnrolment,
	renewRecoveryCodes,
	startEnrolment,
	turnOffSecondFactor,
	twoFactorState
} from '$lib/server/auth/two-factor';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { asFormFailure } from '$lib/server/refusals';
import { qrCode } from '$lib/server/surveys/qr';
import { codeSchema } from '$lib/schemas/two-factor';
import { requiresSecondFactor } from '$lib/two-factor/requirement';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = appDb();
	const state = await twoFactorState(db, user);
	const { twoFactorRequiredFor } = await readSignInSettings(db);
	return {
		required: requiresSecondFactor(twoFactorRequiredFor, user.role),
		mustEnrol: user.mustEnrolSecondFactor,
		state:
			state.status === 'pending'
				? {
						status: state.status,
						secret: state.secret,
						qr: `data:image/svg+xml;base64,${Buffer.from(await qrCode(state.keyUri, 'svg')).toString('base64')}`
					}
				: state
	};
};

/** The code field's form, read the same way by each action that needs one. */
async function typedCode(request: Request, action: string) {
	const form = parseForm(codeSchema, await request.formData());
	return form.ok
		? { code: form.data.code }
		: { refused: fail(400, { action, errors: form.errors }) };
}

export const actions: Actions = {
	start: async (event) => {
		const user = requireUser(event);
		const started = await startEnrolment(appDb(), user.id);
		if (!started.ok) return asFormFailure(started, { action: 'start' });
		return { action: 'start' };
	},
	confirm: async (event) => {
		const user = requireUser(event);
		const typed = await typedCode(event.request, 'confirm');
		if (typed.refused) return typed.refused;
		const result = await confirmEnrolment(appDb(), user, typed.code, event.getClientAddress());
		if (!result.ok) return asFormFailure(result, { action: 'confirm', field: 'code' });
		return {
			action: 'confirm',
			success: m.two_factor_turned_on(),
			recoveryCodes: result.recoveryCodes
		};
	},
	renewCodes: async (event) => {
		const user = requireUser(event);
		const typed = await typedCode(event.request, 'renewCodes');
		if (typed.refused) return typed.refused;
		const result = await renewRecoveryCodes(appDb(), user, typed.code, event.getClientAddress());
		if (!result.ok) return asFormFailure(result, { action: 'renewCodes', field: 'code' });
		return {
			action: 'renewCodes',
			success: m.two_factor_codes_renewed(),
			recoveryCodes: result.recoveryCodes
		};
	},
	turnOff: async (event) => {
		const user = requireUser(event);
		const typed = await typedCode(event.request, 'turnOff');
		if (typed.refused) return typed.refused;
		const result = await turnOffSecondFactor(appDb(), user, typed.code, event.getClientAddress());
		if (!result.ok) return asFormFailure(result, { action: 'turnOff', field: 'code' });
		return { action: 'turnOff', success: m.two_factor_is_off() };
	}
};
