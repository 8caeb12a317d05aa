import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../roles';
import { actionName, admits, apiAccess, isScoped, requirement } from './access';
import { routeAccess } from './access-table';

/** Every route file, by SvelteKit route id: what the app serves, found on disk. */
const routeModules = {
	...import.meta.glob<Record<string, unknown>>('/src/routes/**/+page.server.ts'),
	...import.meta.glob<Record<string, unknown>>('/src/routes/**/+server.ts')
};
const pageFiles = Object.keys(import.meta.glob('/src/routes/**/+page.svelte'));
const routeIdOf = (file: string) =>
	file.replace(/^\/src\/routes/, '').replace(/\/\+[^/]+$/, '') || '/';
const routeIds = [...new Set([...Object.keys(routeModules), ...pageFiles].map(routeIdOf))].sort();

const url = (search = '') => new URL(`http://localhost/x${search}`);

describe('the access table', () => {
	it('has a row for every route the app serves', () => {
		const missing = routeIds.filter((id) => !routeAccess[id] && !apiAccess.has(id));
		expect(missing).toEqual([]);
	});

	it('has no row for a route that does not exist', () => {
		const stale = [...Object.keys(routeAccess), ...apiAccess.keys()].filter(
			(id) => !routeIds.includes(id)
		);
		expect(stale).toEqual([]);
	});

	it('names exactly the form actions each page has, and the API methods each endpoint file exports', async () => {
		const mismatches: string[] = [];
		for (const [file, load] of Object.entries(routeModules)) {
			const id = routeIdOf(file);
			const module = await load();
			if (file.endsWith('+page.server.ts')) {
				const actions = Object.keys((module.actions as object | undefined) ?? {}).sort();
				const listed = Object.keys(routeAccess[id]?.actions ?? {}).sort();
				if (actions.join() !== listed.join())
					mismatches.push(`${id}: actions ${actions} but the table lists ${listed}`);
			} else if (apiAccess.has(id)) {
				const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter(
					(method) => method in module
				);
				const listed = [...apiAccess.get(id)!.keys()].sort();
				if (methods.sort().join() !== listed.join())
					mismatches.push(`${id}: exports ${methods} but the endpoints list ${listed}`);
			}
		}
		expect(mismatches).toEqual([]);
	}, 60_000);
});

describe('what a request needs', () => {
	it('refuses a route without a row, whoever asks', () => {
		expect(requirement('/(staff)/secret-new-page', 'GET', url())).toMatchObject({
			kind: 'refused',
			status: 403
		});
	});

	it('guards a page and its data with the row’s read audience', () => {
		expect(requirement('/(staff)/clients', 'GET', url())).toEqual({
			kind: 'session',
			audience: 'manager'
		});
		expect(requirement('/(staff)/dashboard', 'HEAD', url())).toEqual({
			kind: 'session',
			audience: 'viewer'
		});
	});

	it('marks the pages that cover the whole client base, for scoped users to be refused', () => {
		expect(requirement('/(staff)/clients/import', 'GET', url())).toEqual({
			kind: 'session',
			audience: 'manager',
			wholeBase: true
		});
		expect(requirement('/(staff)/settings/outbox', 'POST', url('?/retry'))).toEqual({
			kind: 'session',
			audience: 'owner',
			wholeBase: true
		});
		expect(isScoped({ role: 'manager', scopeSegmentId: 3 })).toBe(true);
		expect(isScoped({ role: 'owner', scopeSegmentId: 3 })).toBe(false);
		expect(isScoped({ role: 'viewer', scopeSegmentId: null })).toBe(false);
	});

	it('guards each form action with its own audience', () => {
		expect(requirement('/(staff)/dashboard', 'POST', url('?/settings'))).toEqual({
			kind: 'session',
			audience: 'owner'
		});
		expect(requirement('/login', 'POST', url())).toEqual({ kind: 'session', audience: 'anyone' });
	});

	it('refuses a form action the page does not have, or a prototype key posing as one', () => {
		expect(requirement('/(staff)/clients', 'POST', url('?/dropEverything'))).toMatchObject({
			kind: 'refused',
			status: 404
		});
		expect(requirement('/(staff)/clients', 'POST', url('?/__proto__'))).toMatchObject({
			kind: 'refused',
			status: 404
		});
		expect(requirement('/(staff)/clients', 'POST', url('?/constructor'))).toMatchObject({
			kind: 'refused',
			status: 404
		});
		expect(requirement('/(staff)/dashboard/sentiment', 'POST', url())).toMatchObject({
			kind: 'refused',
			status: 405
		});
	});

	it('answers ?/default with 400 instead of letting SvelteKit fail on its reserved name', () => {
		expect(actionName(url('?/default'))).toBeNull();
		expect(requirement('/login', 'POST', url('?/default'))).toMatchObject({
			kind: 'refused',
			status: 400
		});
	});

	it('hands API routes to their endpoint’s key check, by method', () => {
		const users = requirement('/api/v1/users', 'GET', url());
		expect(users.kind === 'apiKey' && users.endpoint.role).toBe('owner');
		expect(requirement('/api/v1/users', 'DELETE', url())).toMatchObject({
			kind: 'refused',
			status: 405
		});
		const health = requirement('/api/v1/health', 'HEAD', url());
		expect(health.kind === 'apiKey' && health.endpoint.role).toBeNull();
	});

	it('admits a role and those above it, and anyone to public rows', () => {
		const admitted = (audience: 'anyone' | Role) =>
			[null, ...roles].filter((role) => admits(audience, role));
		expect(admitted('anyone')).toEqual([null, 'viewer', 'manager', 'owner']);
		expect(admitted('viewer')).toEqual(['viewer', 'manager', 'owner']);
		expect(admitted('manager')).toEqual(['manager', 'owner']);
		expect(admitted('owner')).toEqual(['owner']);
	});
});
