import { hasRole, type Role } from '../../roles';
import type { Endpoint } from '../api/endpoint';
import { endpoints } from '../api/endpoints';
import { routeAccess, type Audience } from './access-table';
import * as m from '../../paraglide/messages';

/** What a request needs before anything of its route runs. */
export type Requirement =
	| { kind: 'session'; audience: Audience; wholeBase?: true; duringEnrolment?: true }
	| { kind: 'apiKey'; endpoint: Endpoint }
	/** Refused whoever asks: no such route, method or form action. */
	| { kind: 'refused'; status: 400 | 403 | 404 | 405; message: string };

const apiPrefix = '/api/v1/';

/** `/api/v1/clients/{id}` (OpenAPI) → `/api/v1/clients/[id]` (SvelteKit route id). */
const routeIdOf = (path: string) => path.replace(/\{(\w+)\}/g, '[$1]');

/** The API's rows of the access table: each endpoint's method and least role, from its description. */
export const apiAccess: ReadonlyMap<string, ReadonlyMap<string, Endpoint>> = (() => {
	const byRoute = new Map<string, Map<string, Endpoint>>();
	for (const endpoint of endpoints as Endpoint[]) {
		const id = routeIdOf(endpoint.path);
		if (!byRoute.has(id)) byRoute.set(id, new Map());
		byRoute.get(id)!.set(endpoint.method, endpoint);
	}
	return byRoute;
})();

/**
 * The form action a POST names (`?/name`), as SvelteKit reads it; `null` for `?/default`, which
 * SvelteKit reserves and would answer with a 500.
 */
export function actionName(url: URL): string | null {
	for (const key of url.searchParams.keys()) {
		if (key.startsWith('/')) return key === '/default' ? null : key.slice(1);
	}
	return 'default';
}

/** What the request to this route needs: decided from the access table alone. */
export function requirement(routeId: string, method: string, url: URL): Requirement {
	const reads = method === 'GET' || method === 'HEAD';
	const api = apiAccess.get(routeId);
	if (api) {
		const endpoint = api.get(method === 'HEAD' ? 'GET' : method);
		if (!endpoint)
			return { kind: 'refused', status: 405, message: m.access_method_not_allowed({ method }) };
		return { kind: 'apiKey', endpoint };
	}
	const row = routeAccess[routeId];
	if (!row) return { kind: 'refused', status: 403, message: m.access_no_rule() };
	// Said only where they hold, as the row says them.
	const flags = {
		...(row.wholeBase && { wholeBase: row.wholeBase }),
		...(row.duringEnrolment && { duringEnrolment: row.duringEnrolment })
	};
	if (routeId.startsWith(apiPrefix)) return { kind: 'session', audience: row.read, ...flags };
	if (reads) return { kind: 'session', audience: row.read, ...flags };
	if (method !== 'POST' || !row.actions)
		return { kind: 'refused', status: 405, message: m.access_method_not_allowed({ method }) };
	const name = actionName(url);
	if (name === null) return { kind: 'refused', status: 400, message: m.access_default_action() };
	const audience = Object.hasOwn(row.actions, name) ? row.actions[name] : undefined;
	if (!audience)
		return { kind: 'refused', status: 404, message: m.access_unknown_action({ name }) };
	return { kind: 'session', audience, ...flags };
}

/** Whether a user is limited to a segment (owners never are, whatever is stored). */
export const isScoped = (user: { role: Role; scopeSegmentId: number | null }) =>
	user.role !== 'owner' && user.scopeSegmentId !== null;

/** Whether someone with this role (null: not signed in) belongs to the audience. */
export function admits(audience: Audience, role: Role | null): boolean {
	if (audience === 'anyone') return true;
	return role !== null && hasRole(role, audience);
}
