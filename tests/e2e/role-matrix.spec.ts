import {
	request as playwrightRequest,
	type APIRequestContext,
	type APIResponse
} from '@playwright/test';
import { expect, test } from './fixtures';
import { routeAccess, type Audience } from '../../src/lib/server/auth/access-table';
import { createApiKey, createStaff } from './support';

/**
 * The role matrix, generated from the access table itself (and, for the JSON API, from the
 * OpenAPI document its endpoint descriptions generate): every route × anonymous, viewer,
 * manager and owner — the page, its __data.json with and without skipping layouts, every form
 * action, every API method. Whoever the table refuses gets the refusal and never a data node.
 */

const roles = ['viewer', 'manager', 'owner'] as const;
type Who = 'anonymous' | (typeof roles)[number];
const everyone: Who[] = ['anonymous', ...roles];
const rank = (who: Who) => everyone.indexOf(who);
const admitted = (audience: Audience, who: Who) =>
	audience === 'anyone' || (who !== 'anonymous' && rank(who) >= rank(audience));

/** Route id → a path to it: groups dropped, parameters filled with values no object has. */
const pathOf = (routeId: string) =>
	routeId
		.replace(/\/\([^)]+\)/g, '')
		.replace(/\[\.\.\.\w+\]/g, 'no/such/thing')
		.replace(/\[(\w+)\]/g, (_, name: string) => (name === 'id' ? '999999' : `no-such-${name}`)) ||
	'/';

const hasIdParameter = (routeId: string) => /\[\w+\]/.test(routeId);
const isEndpoint = (routeId: string) =>
	/\.(csv|json)$|\/export$|\/progress$|\/qr$|\[\.\.\./.test(routeId);

/** The layout-skipping patterns SvelteKit's client sends: one flag per node, root layout first. */
const invalidatedPatterns = ['', '1', '01', '001', '0001', '011', '0011', '10', '100'];

function dataPath(path: string, pattern: string) {
	const base = path === '/' ? '/__data.json' : `${path}/__data.json`;
	return pattern ? `${base}?x-sveltekit-invalidated=${pattern}` : base;
}

const isSignInRedirect = (response: APIResponse) =>
	response.status() === 303 &&
	(response.headers()['location'] ?? '').startsWith('/login?redirectTo=');

async function bodyOf(response: APIResponse): Promise<string> {
	return (await response.body()).toString('utf8');
}

const contexts = new Map<Who, APIRequestContext>();
const apiKeys = new Map<Who, string>();
let origin = '';
const failures: string[] = [];
let cases = 0;

function check(ok: boolean, what: string) {
	cases += 1;
	if (!ok) failures.push(what);
}

test.beforeAll(async () => {
	// Six runs of the admin CLI: slower than one page.
	test.setTimeout(120_000);
	origin = test.info().project.use.baseURL!;
	for (const who of everyone) {
		const context = await playwrightRequest.newContext({ baseURL: origin, maxRedirects: 0 });
		if (who !== 'anonymous') {
			const user = createStaff(who);
			const signedIn = await context.post('/login', {
				form: user,
				headers: { origin, accept: 'text/html' }
			});
			expect(signedIn.status(), `${who} signs in: ${(await signedIn.text()).slice(0, 300)}`).toBe(
				303
			);
			apiKeys.set(who, createApiKey(who));
		}
		contexts.set(who, context);
	}
});

test.beforeEach(() => {
	failures.length = 0;
	cases = 0;
});

test.afterEach(() => {
	console.log(`role matrix, ${test.info().title}: ${cases} cases, ${failures.length} wrong`);
});

test.afterAll(async () => {
	for (const context of contexts.values()) await context.dispose();
});

/** What someone outside the audience gets: a way to sign in, or a 403 — and no data node. */
async function expectRefused(
	response: APIResponse,
	who: Who,
	what: string,
	kind: 'page' | 'data' | 'action' | 'enhanced'
) {
	const body = await bodyOf(response);
	check(!/"type":"data"|"nodes":/.test(body), `${what}: a data node came back to ${who}`);
	if (who === 'anonymous') {
		if (kind === 'data')
			check(
				response.status() === 200 &&
					/^\{"type":"redirect","location":"\/login\?redirectTo=/.test(body),
				`${what}: ${who} got ${response.status()} ${body.slice(0, 80)}`
			);
		else if (kind === 'enhanced')
			check(
				/"type":"redirect"/.test(body) && body.includes('/login?redirectTo='),
				`${what}: ${who} got ${response.status()} ${body.slice(0, 80)}`
			);
		else
			check(
				isSignInRedirect(response),
				`${what}: ${who} got ${response.status()}, not the way to sign in`
			);
	} else {
		check(response.status() === 403, `${what}: ${who} got ${response.status()}, not 403`);
	}
}

function expectAdmitted(response: APIResponse, who: Who, what: string) {
	check(
		response.status() !== 403 && response.status() < 500 && !isSignInRedirect(response),
		`${what}: ${who} was refused or failed (${response.status()})`
	);
}

test('every page, its data and its endpoints answer each role as the access table says', async () => {
	test.setTimeout(180_000);
	for (const [routeId, rule] of Object.entries(routeAccess)) {
		if (routeId.startsWith('/api/')) continue;
		const path = pathOf(routeId);
		for (const who of everyone) {
			const context = contexts.get(who)!;
			const page = await context.get(path);
			if (admitted(rule.read, who)) expectAdmitted(page, who, `GET ${path}`);
			else await expectRefused(page, who, `GET ${path}`, 'page');
			if (isEndpoint(routeId)) continue;
			for (const pattern of invalidatedPatterns) {
				const data = await context.get(dataPath(path, pattern));
				if (admitted(rule.read, who)) expectAdmitted(data, who, `GET ${dataPath(path, pattern)}`);
				else await expectRefused(data, who, `GET ${dataPath(path, pattern)}`, 'data');
			}
		}
	}
	expect(failures, `${failures.length} of ${cases} cases failed`).toEqual([]);
});

test('every form action answers each role as the access table says', async () => {
	test.setTimeout(120_000);
	for (const [routeId, rule] of Object.entries(routeAccess)) {
		if (routeId.startsWith('/api/') || isEndpoint(routeId)) continue;
		const path = pathOf(routeId);
		for (const [name, audience] of Object.entries(rule.actions ?? {})) {
			const action = name === 'default' ? path : `${path}?/${name}`;
			for (const who of everyone) {
				const context = contexts.get(who)!;
				if (admitted(audience, who)) {
					// An empty form to an object that does not exist: refused by the route, never by access.
					if (audience !== 'anyone' && hasIdParameter(routeId))
						expectAdmitted(
							await context.post(action, { form: {}, headers: { origin, accept: 'text/html' } }),
							who,
							`POST ${action}`
						);
					continue;
				}
				await expectRefused(
					await context.post(action, {
						form: { name: 'x' },
						headers: { origin, accept: 'text/html' }
					}),
					who,
					`POST ${action}`,
					'action'
				);
				const enhanced = await context.post(action, {
					form: { name: 'x' },
					headers: { origin, accept: 'application/json' }
				});
				await expectRefused(
					enhanced,
					who,
					`POST ${action} (enhanced)`,
					who === 'anonymous' ? 'enhanced' : 'action'
				);
			}
		}
		// A name the page does not have, and SvelteKit's reserved one, are refused before anything runs.
		const owner = contexts.get('owner')!;
		check(
			(
				await owner.post(`${path}?/noSuchAction`, {
					form: {},
					headers: { origin, accept: 'text/html' }
				})
			).status() >= 400,
			`POST ${path}?/noSuchAction was not refused`
		);
		const reserved = await owner.post(`${path}?/default`, {
			form: {},
			headers: { origin, accept: 'text/html' }
		});
		check(
			[400, 405].includes(reserved.status()),
			`POST ${path}?/default answered ${reserved.status()}`
		);
	}
	expect(failures, `${failures.length} of ${cases} cases failed`).toEqual([]);
});

test('every API method answers each key as its endpoint says', async () => {
	const anonymous = contexts.get('anonymous')!;
	const document = (await (await anonymous.get('/api/v1/openapi.json')).json()) as {
		paths: Record<string, Record<string, { 'x-required-role'?: (typeof roles)[number] }>>;
	};
	const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
		Object.entries(methods).map(([method, operation]) => ({
			path: path.replace(/\{\w+\}/g, '999999'),
			method: method.toUpperCase(),
			role: operation['x-required-role']
		}))
	);
	expect(operations.length).toBeGreaterThan(25);
	for (const { path, method, role } of operations) {
		for (const who of everyone) {
			const key = apiKeys.get(who);
			const response = await anonymous.fetch(path, {
				method,
				headers: key ? { authorization: `Bearer ${key}` } : {},
				...(method === 'GET' || method === 'DELETE' ? {} : { data: {} })
			});
			const what = `${method} ${path}`;
			if (!role || admitted(role, who)) {
				check(
					![401, 403].includes(response.status()) && response.status() < 500,
					`${what}: ${who} key got ${response.status()}`
				);
				continue;
			}
			const body = await bodyOf(response);
			check(
				response.status() === (who === 'anonymous' ? 401 : 403),
				`${what}: ${who} key got ${response.status()}`
			);
			check(
				/^\{"error":\{"code":"(unauthorized|forbidden)"/.test(body),
				`${what}: ${who} key got a body other than the error: ${body.slice(0, 80)}`
			);
		}
	}
	const unknown = await anonymous.get('/api/v1/no/such/thing');
	check(unknown.status() === 404, `an unknown API path answered ${unknown.status()}`);
	expect(failures, `${failures.length} of ${cases} cases failed`).toEqual([]);
});
