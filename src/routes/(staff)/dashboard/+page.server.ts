import { hasRole } from '$lib/roles';
import { listApiKeys } from '$lib/server/api-keys/service';
import { countClients } from '$lib/server/clients/queries';
import { appDb } from '$lib/server/db/app-db';
import { listUsers } from '$lib/server/users/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const { user } = await parent();
	const db = appDb();
	const clients = {
		total: countClients(db, {}),
		withoutManager: countClients(db, { accountManager: 'none' }),
		renewingSoon: countClients(db, { renewalInDays: { from: 0, to: 90 } })
	};
	if (!hasRole(user.role, 'owner')) return { clients, team: null };
	const users = listUsers(db);
	return {
		clients,
		team: {
			active: users.filter((u) => u.status === 'active').length,
			invited: users.filter((u) => u.status === 'invited').length,
			apiKeys: listApiKeys(db).filter((key) => !key.revokedAt).length
		}
	};
};
