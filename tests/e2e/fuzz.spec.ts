import { type APIRequestContext, type APIResponse } from '@playwright/test';
import { expect, test } from './fixtures';
import Database from 'better-sqlite3';
import { routeAccess } from '../../src/lib/server/auth/access-table';
import { createApiKey, createStaff, sharedServer, speedSurveyDefinition } from './support';

/**
 * Sends bad input to every API endpoint and every form action, as an owner, and asserts that none
 * answers 5xx and that a refused request (4xx) leaves every table as it was. Deterministic: the
 * choices are drawn from a seeded generator, and the loops are bounded to keep the run short.
 */

const SEED = 13;
const MB = 1024 * 1024;

/** mulberry32: a small seeded generator, so a failing run can be repeated exactly. */
function seeded(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const random = seeded(SEED);
const sample = <T>(items: T[], count: number): T[] =>
	items
		.map((item) => ({ item, key: random() }))
		.sort((a, b) => a.key - b.key)
		.slice(0, count)
		.map(({ item }) => item);

/** In the spirit of the big list of naughty strings: each has broken some parser somewhere. */
const naughtyStrings = [
	'',
	' ',
	'\t\r\n',
	'undefined',
	'null',
	'NaN',
	'Infinity',
	'-1',
	'0',
	'1e309',
	'9007199254740993',
	'0x1F',
	'true',
	'[]',
	'{}',
	'{"a":1}',
	'__proto__',
	'constructor',
	'prototype',
	'hasOwnProperty',
	'toString',
	"'; drop table clients; --",
	'" or ""="',
	'%00',
	'%s%s%s%n',
	'${7*7}{{7*7}}',
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	'javascript:alert(1)',
	'../../../../etc/passwd',
	'file:///etc/passwd',
	'http://127.0.0.1:22/',
	'\u0000',
	'a\u0000b',
	'\u202Eevil\u202C',
	'\uFEFFbom',
	'\uD800',
	'Ω≈ç√∫˜µ≤≥÷',
	'田中さんにあげて下さい',
	'👩🏽‍👩🏽‍👧🏽‍👦🏽',
	'Z̮̞̠͙͔ͅḀ̗̞͈̻̗Ḷ͙͎̯̹̞͓G̻O̭̗̮',
	"=cmd|' /C calc'!A0",
	'@SUM(1+1)',
	'a'.repeat(256),
	'1'.repeat(400),
	'test@example.com\r\nBcc: x@evil.test',
	'nobody@e2e.test'
];

/** Values of the wrong type for wherever they land. */
const wrongTypes: unknown[] = [
	0,
	-1,
	1.5,
	1e308,
	-1e308,
	2 ** 53 + 2,
	true,
	false,
	null,
	[],
	{},
	[1, 'a', null],
	{ a: { b: 1 } },
	['x'.repeat(10)]
];

const huge = 'x'.repeat(MB);
const deepArray = '['.repeat(10_000) + ']'.repeat(10_000);
const deepObject = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);

/** Nonsense for `{id}` in a path. */
const nonsenseIds = [
	'0',
	'-1',
	'999999999',
	'1.5',
	'abc',
	'9007199254740993',
	'1e3',
	'%00',
	'__proto__',
	'constructor',
	'%2E%2E',
	'x'.repeat(5000)
];

/**
 * Tables a refused request may rightly write, and where: a refused sign-in is counted (the point
 * of it), and a respondent's page with problems keeps what was typed (the autosave). Background
 * jobs are written by the server's own worker on its schedule (re-scoring texts once a model's
 * keywords changed, up to a poll later), so a row there may land during any request; so does the
 * analytics worker, packing stale days into chunks and naming what they hold (docs/csi.md). A client
 * card's form refused with its problems shows the card again: that read is audited (`client.view`).
 */
const writtenWhenRefused: Record<string, RegExp> = {
	login_failures: /^\/login/,
	response_drafts: /^\/s\//,
	background_jobs: /./,
	stale_score_chunks: /./,
	stale_tone_chunks: /./,
	score_chunks: /./,
	tone_chunks: /./,
	analytics_names: /./,
	audit_log: /^\/clients\/\d+\?\//
};

type Outcome = { method: string; path: string; kind: string; status: number };

class Recorder {
	cases = 0;
	serverErrors: Outcome[] = [];
	partialWrites: (Outcome & { tables: string[] })[] = [];
	private readonly db = new Database(sharedServer().database, {
		readonly: true,
		fileMustExist: true
	});
	private readonly countAll: Database.Statement;
	private last: Record<string, number>;
	// The fuzz's own setup has just written: wait for it before the first comparison.
	private settleBeforeNext = true;

	constructor() {
		const tables = this.db
			.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
			.all() as { name: string }[];
		this.countAll = this.db.prepare(
			`select ${tables.map(({ name }) => `(select count(*) from "${name}") as "${name}"`).join(', ')}`
		);
		this.last = this.counts();
	}

	private counts(): Record<string, number> {
		return this.countAll.get() as Record<string, number>;
	}

	/** After a request that was accepted, background work (mail, webhooks, jobs) may still write: wait for it. */
	private async settled(): Promise<Record<string, number>> {
		let previous = this.counts();
		for (let i = 0; i < 100; i += 1) {
			await new Promise((resolve) => setTimeout(resolve, 20));
			const now = this.counts();
			if (JSON.stringify(now) === JSON.stringify(previous)) return now;
			previous = now;
		}
		return previous;
	}

	async send(
		method: string,
		path: string,
		kind: string,
		request: () => Promise<APIResponse>
	): Promise<APIResponse> {
		const before = this.settleBeforeNext ? await this.settled() : this.last;
		const response = await request();
		const status = response.status();
		this.cases += 1;
		const after = this.counts();
		const outcome = {
			method,
			path: path.length > 120 ? `${path.slice(0, 120)}…` : path,
			kind,
			status
		};
		if (status >= 500) this.serverErrors.push(outcome);
		if (status >= 400 && status < 500) {
			const tables = Object.keys(after).filter(
				(table) => after[table] !== before[table] && !writtenWhenRefused[table]?.test(path)
			);
			if (tables.length) this.partialWrites.push({ ...outcome, tables });
		}
		this.settleBeforeNext = status < 400;
		this.last = after;
		return response;
	}

	summary(): string {
		return `fuzz (seed ${SEED}): ${this.cases} cases, ${this.serverErrors.length} × 5xx, ${this.partialWrites.length} partial writes`;
	}

	report(): string {
		const line = (o: Outcome) => `${o.status} ${o.method} ${o.path} [${o.kind}]`;
		return [
			this.summary(),
			...this.serverErrors.map(line),
			...this.partialWrites.map((o) => `${line(o)} wrote to ${o.tables.join(', ')}`)
		].join('\n');
	}
}

/** Every leaf of a valid body, as a path, so one field at a time can be made bad (arrays: their first item). */
function leafPaths(
	value: unknown,
	prefix: (string | number)[] = [],
	depth = 0
): (string | number)[][] {
	if (depth > 4 || value === null || typeof value !== 'object')
		return prefix.length ? [prefix] : [];
	const entries: [string | number, unknown][] = Array.isArray(value)
		? value.length
			? [[0, value[0]]]
			: []
		: Object.entries(value);
	return [
		...(prefix.length ? [prefix] : []),
		...entries.flatMap(([key, child]) => leafPaths(child, [...prefix, key], depth + 1))
	];
}

function withValue(body: unknown, path: (string | number)[], value: unknown): unknown {
	const copy = structuredClone(body) as Record<string | number, unknown>;
	let node = copy;
	for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
	node[path.at(-1)!] = value;
	return copy;
}

type Operation = {
	method: string;
	path: string;
	hasBody: boolean;
	acceptsCsv: boolean;
	query: string[];
};

function operations(document: {
	paths: Record<
		string,
		Record<
			string,
			{
				requestBody?: { content: Record<string, unknown> };
				parameters?: { name: string; in: string }[];
			}
		>
	>;
}): Operation[] {
	return Object.entries(document.paths).flatMap(([path, methods]) =>
		Object.entries(methods).map(([method, operation]) => ({
			method: method.toUpperCase(),
			path,
			hasBody: !!operation.requestBody,
			acceptsCsv: !!operation.requestBody?.content['text/csv'],
			query: (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
		}))
	);
}

test.describe.configure({ mode: 'serial' });

test('no bad input to the API or a form gets a 5xx or a partial write', async ({
	request,
	playwright,
	baseURL
}) => {
	// About two minutes on an idle machine; the margin is for a busy one.
	test.setTimeout(360_000);
	const recorder = new Recorder();

	// Keys in turn: the per-key rate limit would otherwise answer most of the fuzz with 429.
	const keys = Array.from({ length: 8 }, () => createApiKey('owner'));
	let turn = 0;
	const api = (extra: Record<string, string> = {}) => ({
		authorization: `Bearer ${keys[turn++ % keys.length]}`,
		...extra
	});

	// Real objects to aim at: a model, an open survey, a client with consent and a personal link.
	const suffix = `${Date.now()}`;
	const modelBody = {
		name: `Fuzz model ${suffix}`,
		description: 'fuzz',
		factors: [{ key: 'speed', name: 'Speed', weight: 1, keywords: ['fast'] }]
	};
	const model = await (
		await request.post('/api/v1/models', { headers: api(), data: modelBody })
	).json();
	const definition = speedSurveyDefinition;
	const survey = await (
		await request.post('/api/v1/surveys', {
			headers: api(),
			data: { name: `Fuzz survey ${suffix}`, modelId: model.id, definition }
		})
	).json();
	expect(
		(await request.post(`/api/v1/surveys/${survey.id}/open`, { headers: api() })).status()
	).toBe(200);
	const clientBody = {
		email: `fuzz.${suffix}@example.com`,
		name: 'Fuzz Client',
		language: 'en',
		company: 'Fuzz Oy',
		tags: ['fuzz'],
		consent: true,
		annualValue: 100,
		renewalOn: '2027-01-01'
	};
	const client = await (
		await request.post('/api/v1/clients', { headers: api(), data: clientBody })
	).json();
	const invitation = await (
		await request.post('/api/v1/invitations', {
			headers: api(),
			data: { client: { id: client.id }, surveyId: survey.id }
		})
	).json();
	expect(invitation.link).toBeTruthy();

	// One valid body per operation: bad input then differs from it in one field, and reaches the code behind the schema.
	const validBodies: Record<string, unknown> = {
		'POST /api/v1/users': {
			email: `fuzz.user.${suffix}@e2e.test`,
			name: 'Fuzz User',
			role: 'viewer'
		},
		'POST /api/v1/clients': {
			...clientBody,
			email: `fuzz.new.${suffix}@example.com`,
			attributes: {}
		},
		'PATCH /api/v1/clients/{id}': {
			name: 'Fuzz Client',
			phone: '+358 40 123',
			accountManager: null,
			clientSince: '2020-01-01'
		},
		'POST /api/v1/clients/bulk': {
			onExisting: 'skip',
			clients: [{ ...clientBody, email: `fuzz.bulk.${suffix}@example.com` }]
		},
		'POST /api/v1/models': { ...modelBody, name: `Fuzz model 2 ${suffix}` },
		'POST /api/v1/models/{id}/versions': { note: 'fuzz', factors: [{ key: 'speed', weight: 2 }] },
		'POST /api/v1/surveys': { name: `Fuzz survey 2 ${suffix}`, modelId: model.id, definition },
		'PUT /api/v1/surveys/{id}': { name: `Fuzz survey ${suffix}`, definition },
		'POST /api/v1/surveys/{id}/responses': {
			responses: [
				{
					submittedAt: '2025-01-10T09:00:00Z',
					email: clientBody.email,
					language: 'en',
					answers: { speed: 4, overall: 5, comments: 'Fast' }
				}
			]
		},
		'POST /api/v1/reviews': {
			reviews: [
				{
					source: 'fuzz',
					externalId: `fuzz-${suffix}`,
					author: 'Fuzz',
					stars: 4,
					title: 'Good',
					text: 'Fast and friendly',
					date: '2025-01-10',
					language: 'en',
					email: clientBody.email
				}
			]
		},
		'POST /api/v1/invitations': {
			client: { email: clientBody.email },
			surveyId: survey.id,
			delivery: 'link',
			expiresInDays: 30
		},
		'PATCH /api/v1/cases/{id}': { status: 'in_progress', comment: 'fuzz' },
		'POST /api/v1/sentiment': { texts: [{ text: 'Fast and friendly', language: 'en' }] },
		'POST /api/v1/topics': { name: `Fuzz topic ${suffix}`, keywords: ['fuzz', 'fast'] },
		'PUT /api/v1/topics/{id}': { name: `Fuzz topic 2 ${suffix}`, keywords: ['fuzz'] }
	};

	const document = await (await request.get('/api/v1/openapi.json')).json();
	const all = operations(document);
	// Real ids from each collection's list; the erasing DELETEs go last, so the others still find their object.
	const realIds: Record<string, string> = {};
	for (const { path } of all.filter((op) => op.path.includes('{id}'))) {
		const collection = path.slice(0, path.indexOf('/{id}'));
		if (realIds[collection]) continue;
		const listed = await (await request.get(collection, { headers: api() })).json();
		const first = (Object.values(listed).find(Array.isArray) as { id: number }[] | undefined)?.[0];
		if (first) realIds[collection] = String(first.id);
	}
	const realPath = (path: string) =>
		path.replace('{id}', realIds[path.slice(0, path.indexOf('/{id}'))] ?? '1');
	all.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

	for (const op of all) {
		const key = `${op.method} ${op.path}`;
		const path = realPath(op.path);
		const send = (
			kind: string,
			options: { data?: unknown; headers?: Record<string, string>; url?: string }
		) =>
			recorder.send(op.method, options.url ?? path, kind, () =>
				request.fetch(options.url ?? path, {
					method: op.method,
					headers: api(options.headers),
					data: options.data as string,
					maxRedirects: 0,
					timeout: 60_000
				})
			);

		for (const id of op.path.includes('{id}') ? sample(nonsenseIds, 6) : []) {
			const url = op.path.replace('{id}', encodeURIComponent(id).replace(/%25/g, '%'));
			await send(`id ${id.slice(0, 20)}`, { url, data: validBodies[key] });
		}
		for (const name of op.query) {
			for (const value of [...sample(naughtyStrings, 3), huge.slice(0, 8000)]) {
				await send(`query ${name}=${JSON.stringify(value.slice(0, 20))}`, {
					url: `${path}?${new URLSearchParams({ [name]: value })}`
				});
			}
		}
		if (!op.hasBody) continue;

		const valid = validBodies[key] ?? {};
		for (const leaf of sample(leafPaths(valid), 10)) {
			const at = leaf.join('.');
			for (const value of [...sample(naughtyStrings, 2), ...sample(wrongTypes, 2)]) {
				await send(`${at}=${JSON.stringify(value)?.slice(0, 30)}`, {
					data: withValue(valid, leaf, value)
				});
			}
		}
		const [hugeLeaf] = sample(leafPaths(valid), 1);
		if (hugeLeaf)
			await send(`${hugeLeaf.join('.')}=1 MB string`, { data: withValue(valid, hugeLeaf, huge) });
		const text = JSON.stringify(valid);
		const json = { 'content-type': 'application/json' };
		const raw: [string, string, Record<string, string>][] = [
			['body nested 10,000 arrays deep', deepArray, json],
			['body nested 10,000 objects deep', deepObject, json],
			['field nested 10,000 deep', text.replace(/^\{/, `{"deep":${deepArray},`), json],
			[
				'__proto__ key',
				text.replace(/^\{/, '{"__proto__":{"polluted":true,"role":"owner"},'),
				json
			],
			[
				'constructor.prototype key',
				text.replace(/^\{/, '{"constructor":{"prototype":{"polluted":true}},"prototype":{"x":1},'),
				json
			],
			['NUL byte in JSON', text.replace(/"(\w+)":"/, '"$1":"\\u0000'), json],
			['raw NUL byte', `${text}\u0000`, json],
			['invalid JSON: cut short', text.slice(0, -2), json],
			['invalid JSON: trailing comma', text.replace(/\}$/, ',}'), json],
			['invalid JSON: single quotes', text.replace(/"/g, "'"), json],
			['invalid JSON: lone surrogate bytes', '{"a":"\\ud800"}', json],
			['body is a JSON string', JSON.stringify(text), json],
			...sample(wrongTypes, 4).map((value): [string, string, Record<string, string>] => [
				`body is ${JSON.stringify(value).slice(0, 20)}`,
				JSON.stringify(value),
				json
			]),
			['text/plain', text, { 'content-type': 'text/plain' }],
			[
				'form-urlencoded',
				'a=1&__proto__[x]=1',
				{ 'content-type': 'application/x-www-form-urlencoded' }
			],
			['multipart without boundary', text, { 'content-type': 'multipart/form-data' }],
			[
				'application/xml',
				'<?xml version="1.0"?><a>&lt;</a>',
				{ 'content-type': 'application/xml' }
			],
			['no content type', text, { 'content-type': '' }],
			['charset latin1', text, { 'content-type': 'application/json; charset=latin1' }]
		];
		if (op.acceptsCsv) {
			const csv = { 'content-type': 'text/csv' };
			const csvPath = `${path}?onExisting=update`;
			raw.push(
				['CSV with JSON inside', text, csv],
				[
					'CSV with naughty cells',
					`email,name,language\n${sample(naughtyStrings, 12)
						.map((s) => `"${s.replace(/"/g, '""')}",x,en`)
						.join('\n')}`,
					csv
				],
				['CSV with NUL bytes', 'email,name,language\na\u0000@example.com,N\u0000UL,en', csv],
				['CSV with only a header', 'email,name,language', csv],
				['CSV with an unclosed quote', 'email,name,language\n"x@example.com,x,en', csv],
				['CSV with __proto__ columns', '__proto__,constructor,prototype\nx,y,z', csv]
			);
			for (const [kind, data, headers] of raw.slice(-6))
				await send(kind, { url: csvPath, data, headers });
			raw.splice(-6);
		}
		for (const [kind, data, headers] of raw) await send(kind, { data, headers });
	}

	// Forms: as a signed-in owner, every action of every page that has one.
	const owner = createStaff('owner');
	const session = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	const signIn = async () => {
		const response = await session.post('/login', { form: owner, maxRedirects: 0 });
		expect(response.status()).toBe(303);
	};
	await signIn();
	await fuzzForms(session, recorder, {
		signIn,
		ids: {
			survey: String(survey.id),
			client: String(client.id),
			model: String(model.id),
			token: invitation.link.split('/s/')[1]
		}
	});
	await session.dispose();

	console.log(recorder.summary());
	expect(recorder.serverErrors.length + recorder.partialWrites.length, recorder.report()).toBe(0);
});

type Ids = { survey: string; client: string; model: string; token: string };

/** A route id as a path to post to: route groups dropped, parameters filled with the ids of real objects. */
function pathOf(routeId: string, ids: Ids): string {
	const byCollection: Record<string, string> = {
		clients: ids.client,
		surveys: ids.survey,
		p: ids.survey,
		factors: ids.model,
		s: ids.token
	};
	const segments = routeId.split('/').filter((segment) => !/^\(.+\)$/.test(segment));
	return (
		segments
			.map((segment, i) =>
				/^\[.+\]$/.test(segment) ? (byCollection[segments[i - 1]!] ?? '1') : segment
			)
			.join('/') || '/'
	);
}

/** Field names of the page's forms, from its HTML: what the actions read. */
async function fieldNames(session: APIRequestContext, path: string): Promise<string[]> {
	const html = await (await session.get(path, { maxRedirects: 0 })).text();
	const names = [
		...html.matchAll(/<(?:input|select|textarea|button)\b[^>]*?\sname="([^"]+)"/g)
	].map(([, name]) => name!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
	return [...new Set(names)];
}

async function fuzzForms(
	session: APIRequestContext,
	recorder: Recorder,
	options: { signIn: () => Promise<void>; ids: Ids }
) {
	for (const [routeId, access] of Object.entries(routeAccess)) {
		if (!access.actions) continue;
		const path = pathOf(routeId, options.ids);
		const names = await fieldNames(session, path);
		for (const action of Object.keys(access.actions)) {
			// The unnamed action is posted to the page itself; `?/default` is refused on purpose.
			const url = action === 'default' ? path : `${path}?/${action}`;
			const everyField = (value: string) => Object.fromEntries(names.map((name) => [name, value]));
			const send = async (
				kind: string,
				options_: {
					form?: Record<string, string>;
					multipart?: FormData;
					data?: string;
					headers?: Record<string, string>;
				}
			) => {
				const response = await recorder.send('POST', url, kind, () =>
					session.post(url, { ...options_, maxRedirects: 0, timeout: 60_000 })
				);
				// Some actions end the session (signing out everywhere): sign in again and go on.
				if (response.status() === 303 && response.headers().location?.startsWith('/login'))
					await options.signIn();
			};
			const repeated = new FormData();
			for (const name of names) for (const value of ['1', 'x']) repeated.append(name, value);
			const withFiles = new FormData();
			for (const name of names)
				withFiles.append(
					name,
					new Blob([`a,b\n\u0000${'x'.repeat(1024)}`], { type: 'text/csv' }),
					'fuzz\u0000.csv'
				);

			for (const value of sample(naughtyStrings, 2))
				await send(`every field ${JSON.stringify(value).slice(0, 30)}`, {
					form: everyField(value)
				});
			for (const name of sample(names, 4)) {
				const [value] = sample(naughtyStrings, 1);
				await send(`${name}=${JSON.stringify(value).slice(0, 30)}`, {
					form: { ...everyField('1'), [name]: value! }
				});
			}
			await send('every field twice', { multipart: repeated });
			await send('every field a file with a NUL byte', { multipart: withFiles });
			for (const name of sample(names, 1))
				await send(`${name} 1 MB`, { form: { ...everyField('1'), [name]: huge } });
			await send('every field with NUL bytes', { form: everyField('a\u0000b') });
			await send('__proto__, constructor and prototype keys', {
				form: {
					...everyField('x'),
					['__proto__']: 'x',
					constructor: 'x',
					prototype: 'x',
					'__proto__[polluted]': 'x',
					'constructor.prototype.polluted': 'x'
				}
			});
			await send('no body', {
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				data: ''
			});
			await send('broken url encoding', {
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				data: '%ZZ=%&a=%E0%A4%A'
			});
			await send('JSON instead of a form', {
				headers: { 'content-type': 'application/json' },
				data: '{"a":1}'
			});
			await send('multipart without boundary', {
				headers: { 'content-type': 'multipart/form-data' },
				data: 'a=1'
			});
		}
	}
}
