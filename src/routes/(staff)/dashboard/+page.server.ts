import { hasRole } from '$lib/roles';
import { listApiKeys } from '$lib/server/api-keys/service';
import { appDb } from '$lib/server/db/app-db';
import { listUsers } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { user } = await parent();
	if (!hasRole(user.role, 'owner')) return { team: null };
	const db = appDb();
	const users = listUsers(db);
	return {
		team: {
			active: users.filter((u) => u.status === 'active').length,
			invited: users.filter((u) => u.status === 'invited').length,
			apiKeys: listApiKeys(db).filter((key) => !key.revokedAt).length
		}
	};
};
