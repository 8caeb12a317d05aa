import { apiRoute } from '$lib/server/api/endpoint';
import { listUsers } from '$lib/server/api/endpoints/users';
import { appDb } from '$lib/server/db/app-db';
import { listUsers as staffUsers } from '$lib/server/users/service';

export const GET = apiRoute(listUsers, () => ({
	users: staffUsers(appDb()).map((user) => ({
		id: user.id,
		email: user.email,
		name: user.name,
		role: user.role,
		status: user.status,
		createdAt: user.createdAt.toISOString()
	}))
}));
