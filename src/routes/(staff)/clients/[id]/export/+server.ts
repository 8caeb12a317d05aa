import { error, json } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/auth/guards';
import { clientInScope, scopeOf } from '$lib/server/auth/scope';
import { exportClient } from '$lib/server/privacy/client-export';
import { appDb } from '$lib/server/db/app-db';
import type { RequestHandler } from './$types';

/** Right of access: the client's data as a JSON download. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const db = appDb();
	const id = Number(event.params.id);
	const reachable = Number.isInteger(id) && (await clientInScope(db, id, await scopeOf(db, user)));
	const exported = reachable ? await exportClient(db, id, { userId: user.id }) : null;
	if (!exported) error(404, m.clients_not_found());
	return json(exported, {
		headers: { 'content-disposition': `attachment; filename="client-${id}.json"` }
	});
};
