import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guards';
import { seesContactData } from '$lib/server/auth/visibility';
import { readSignInSettings } from '$lib/server/auth/sign-in-settings';
import { resetSecondFactor, setTwoFactorRequirement } from '$lib/server/auth/two-factor';
import { twoFactorRequirementSchema } from '$lib/schemas/two-factor';
import { listSegmentNames } from '$lib/server/clients/segments';
import { appDb } from '$lib/server/db/app-db';
import { parseForm } from '$lib/server/forms';
import { publicUrl } from '$lib/server/links';
import { asFormFailure } from '$lib/server/refusals';
import {
	changeRole,
	deactivateUser,
	inviteUser,
	listUsers,
	reactivateUser,
	reissueInvite,
	setContactDataGrant,
	setUserScope,
	type StaffUser
} from '$lib/server/users/service';
import {
	changeRoleSchema,
	contactDataSchema,
	inviteSchema,
	userIdSchema,
	userScopeSchema
} from '$lib/schemas/users';
import * as m from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

/** Whether each user sees client contact data: by their role, or by an owner's grant (viewers). */
const contactDataOf = (user: StaffUser) =>
	seesContactData({ role: user.role, contactDataGranted: false })
		? ('always' as const)
		: user.contactDataGranted
			? ('shown' as const)
			: ('hidden' as const);

export const load: PageServerLoad = async () => {
	const db = appDb();
	return {
		users: (await listUsers(db)).map((user) => ({ ...user, contactData: contactDataOf(user) })),
		segments: await listSegmentNames(db),
		twoFactorRequiredFor: (await readSignInSettings(db)).twoFactorRequiredFor
	};
};

/** The user a row button names; an empty id finds nobody and answers "No such user". */
async function submittedUserId(event: RequestEvent): Promise<string> {
	const form = parseForm(userIdSchema, await event.request.formData());
	return form.ok ? form.data.userId : '';
}

export const actions: Actions = {
	invite: async (event) => {
		const form = parseForm(inviteSchema, await event.request.formData());
		if (!form.ok) return fail(400, { action: 'invite', errors: form.errors, values: form.values });
		const result = await inviteUser(appDb(), form.data);
		if (!result.ok)
			return asFormFailure(result, { action: 'invite', field: 'email', values: form.data });
		return {
			action: 'invite',
			invited: {
				name: result.user.name,
				email: result.user.email,
				link: publicUrl(`/password/${result.token}`, event.url)
			}
		};
	},
	resendInvite: async (event) => {
		const result = await reissueInvite(appDb(), await submittedUserId(event));
		if (!result.ok) return asFormFailure(result, { action: 'resendInvite' });
		return {
			action: 'resendInvite',
			invited: {
				name: result.user.name,
				email: result.user.email,
				link: publicUrl(`/password/${result.token}`, event.url)
			}
		};
	},
	changeRole: async (event) => {
		const form = parseForm(changeRoleSchema, await event.request.formData());
		if (!form.ok)
			return fail(400, { action: 'changeRole', message: Object.values(form.errors).join(' ') });
		const result = await changeRole(appDb(), form.data.userId, form.data.role);
		if (!result.ok) return asFormFailure(result, { action: 'changeRole' });
		return {
			action: 'changeRole',
			success: m.settings_users_role_changed({ name: result.user.name, role: result.user.role })
		};
	},
	contactData: async (event) => {
		const form = parseForm(contactDataSchema, await event.request.formData());
		if (!form.ok)
			return fail(400, { action: 'contactData', message: Object.values(form.errors).join(' ') });
		const result = await setContactDataGrant(appDb(), form.data.userId, form.data.granted, {
			userId: requireUser(event).id
		});
		if (!result.ok) return asFormFailure(result, { action: 'contactData' });
		const { name } = result.user;
		return {
			action: 'contactData',
			success: result.user.contactDataGranted
				? m.settings_users_contact_granted({ name })
				: m.settings_users_contact_withdrawn({ name })
		};
	},
	scope: async (event) => {
		const form = parseForm(userScopeSchema, await event.request.formData());
		if (!form.ok)
			return fail(400, { action: 'scope', message: Object.values(form.errors).join(' ') });
		const result = await setUserScope(appDb(), form.data.userId, form.data.segmentId, {
			userId: requireUser(event).id
		});
		if (!result.ok) return asFormFailure(result, { action: 'scope' });
		return {
			action: 'scope',
			success: result.segment
				? m.settings_users_scope_limited({ name: result.user.name, segment: result.segment })
				: m.settings_users_scope_all({ name: result.user.name })
		};
	},
	resetTwoFactor: async (event) => {
		const result = await resetSecondFactor(appDb(), await submittedUserId(event), {
			userId: requireUser(event).id
		});
		if (!result.ok) return asFormFailure(result, { action: 'resetTwoFactor' });
		return {
			action: 'resetTwoFactor',
			success: m.two_factor_reset_done({ name: result.user.name })
		};
	},
	twoFactorRequirement: async (event) => {
		const form = parseForm(twoFactorRequirementSchema, await event.request.formData());
		if (!form.ok)
			return fail(400, { action: 'twoFactorRequirement', message: form.errors.requirement });
		await setTwoFactorRequirement(appDb(), form.data.requirement, {
			userId: requireUser(event).id
		});
		return { action: 'twoFactorRequirement', success: m.two_factor_requirement_saved() };
	},
	deactivate: async (event) => {
		const result = await deactivateUser(appDb(), await submittedUserId(event));
		if (!result.ok) return asFormFailure(result, { action: 'deactivate' });
		return {
			action: 'deactivate',
			success: m.settings_users_deactivated({ name: result.user.name })
		};
	},
	reactivate: async (event) => {
		const result = await reactivateUser(appDb(), await submittedUserId(event));
		if (!result.ok) return asFormFailure(result, { action: 'reactivate' });
		return {
			action: 'reactivate',
			success: m.settings_users_reactivated({ name: result.user.name })
		};
	}
};
