import { apiRoute } from '$lib/server/api/endpoint';
import { inviteUser, listUsers } from '$lib/server/api/endpoints/users';
import { appDb } from '$lib/server/db/app-db';
import { publicUrl } from '$lib/server/links';
import { asApiError } from '$lib/server/refusals';
import {
	inviteUser as invite,
	listUsers as staffUsers,
	type StaffUser
} from '$lib/server/users/service';

const asJson = (
	user: Pick<StaffUser, 'id' | 'email' | 'name' | 'role' | 'status' | 'secondFactor' | 'createdAt'>
) => ({
	id: user.id,
	email: user.email,
	name: user.name,
	role: user.role,
	status: user.status,
	twoFactor: user.secondFactor,
	createdAt: user.createdAt.toISOString()
});

export const GET = apiRoute(listUsers, async () => ({
	users: (await staffUsers(appDb())).map(asJson)
}));

export const POST = apiRoute(inviteUser, async ({ body, event }) => {
	const result = await invite(appDb(), body);
	if (!result.ok) throw asApiError(result);
	return {
		user: asJson({ ...result.user, status: 'invited', secondFactor: false }),
		invitationLink: publicUrl(`/password/${result.token}`, event.url)
	};
});
