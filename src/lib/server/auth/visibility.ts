import type { RouteId } from '$app/types';
import type { Role } from '../../roles';
import type { NavItem } from '../../components/layout/staff-nav';
import { admits } from './access';
import { routeAccess, type RouteAccess } from './access-table';
import type { SessionUser } from './session';

/**
 * What a signed-in user is shown, decided from the same access table as their requests
 * (src/hooks.server.ts), so a menu or link never offers a page that would answer 403.
 */

function rowOf(routeId: RouteId): RouteAccess {
	const row = routeAccess[routeId];
	if (!row) throw new Error(`${routeId} has no access rule: add its row to access-table.ts.`);
	return row;
}

/** Whether this role — limited to a segment or not (`scoped`) — may open the route's page (or read its data). */
export function mayRead(routeId: RouteId, role: Role, scoped = false): boolean {
	const row = rowOf(routeId);
	return admits(row.read, role) && !(scoped && row.wholeBase);
}

/** Whether this role may post the route's named form action. */
export function mayPost(routeId: RouteId, action: string, role: Role): boolean {
	const actions = rowOf(routeId).actions ?? {};
	return Object.hasOwn(actions, action) && admits(actions[action]!, role);
}

/** The menu entries this role may open, in menu order. */
export function offered(items: NavItem[], role: Role, scoped = false): NavItem[] {
	return items.filter((item) => mayRead(item.routeId, role, scoped));
}

/**
 * Whether client emails and phones may be shown: to whoever may open the client base, which
 * shows them anyway, and to a viewer an owner granted them to (Settings → Users).
 */
export function seesContactData(user: Pick<SessionUser, 'role' | 'contactDataGranted'>): boolean {
	return mayRead('/(staff)/clients', user.role) || user.contactDataGranted;
}
