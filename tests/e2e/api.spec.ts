import { expect, test } from './fixtures';
import { createApiKey, speedSurveyDefinition } from './support';

test('health answers ok with the database and the workers checked, without a key', async ({
	request
}) => {
	const response = await request.get('/api/v1/health');
	expect(response.status()).toBe(200);
	expect(await response.json()).toEqual({
		status: 'ok',
		checks: { database: 'ok', mailWorker: 'ok', webhookWorker: 'ok' }
	});
});

test('a request without a key, or with an unknown one, gets 401 in the error shape', async ({
	request
}) => {
	const missing = await request.get('/api/v1/users');
	expect(missing.status()).toBe(401);
	expect(await missing.json()).toEqual({
		error: { code: 'unauthorized', message: expect.stringContaining('Bearer') }
	});

	const unknown = await request.get('/api/v1/users', {
		headers: { authorization: 'Bearer sfy_aaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaa' }
	});
	expect(unknown.status()).toBe(401);
});

test('viewer and manager keys get 403 on the staff list; an owner key gets the data', async ({
	request
}) => {
	for (const role of ['viewer', 'manager'] as const) {
		const refused = await request.get('/api/v1/users', {
			headers: { authorization: `Bearer ${createApiKey(role)}` }
		});
		expect(refused.status(), role).toBe(403);
		expect((await refused.json()).error.code).toBe('forbidden');
	}

	const owner = await request.get('/api/v1/users', {
		headers: { authorization: `Bearer ${createApiKey('owner')}` }
	});
	expect(owner.status()).toBe(200);
	const { users } = await owner.json();
	expect(users).toEqual(
		expect.arrayContaining([
			expect.objectContaining({
				email: 'olga@e2e.test',
				role: 'owner',
				status: 'active',
				twoFactor: false
			})
		])
	);
});

test('the OpenAPI document describes the API', async ({ request }) => {
	const document = await (await request.get('/api/v1/openapi.json')).json();
	expect(document.openapi).toBe('3.1.0');
	expect(Object.keys(document.paths)).toEqual(
		expect.arrayContaining(['/api/v1/health', '/api/v1/users', '/api/v1/me'])
	);
});

test('an unknown API path answers 404 in JSON', async ({ request }) => {
	const response = await request.get('/api/v1/nothing-here');
	expect(response.status()).toBe(404);
	expect((await response.json()).error.code).toBe('not_found');
});

test('an owner key invites a user: 400 names the bad field, 201 returns the link, 409 on a repeat', async ({
	request
}) => {
	const headers = { authorization: `Bearer ${createApiKey('owner')}` };
	const invalid = await request.post('/api/v1/users', {
		headers,
		data: { email: 'not-an-email', name: 'Hana', role: 'chief' }
	});
	expect(invalid.status()).toBe(400);
	const { error } = await invalid.json();
	expect(error.code).toBe('validation_failed');
	expect(error.issues.map((issue: { path: string[] }) => issue.path[0])).toEqual(['email', 'role']);

	const notJson = await request.post('/api/v1/users', {
		headers: { ...headers, 'content-type': 'application/json' },
		data: '{oops'
	});
	expect(notJson.status()).toBe(400);

	const data = { email: 'hana@e2e.test', name: 'Hana', role: 'viewer' };
	const created = await request.post('/api/v1/users', { headers, data });
	expect(created.status()).toBe(201);
	const body = await created.json();
	expect(body.user).toMatchObject({ email: 'hana@e2e.test', role: 'viewer', status: 'invited' });
	expect(body.invitationLink).toMatch(
		/^http:\/\/localhost:\d+\/password\/[a-z2-7]{24}\.[a-z2-7]{24}$/
	);

	const again = await request.post('/api/v1/users', { headers, data });
	expect(again.status()).toBe(409);
	expect((await again.json()).error.code).toBe('conflict');
});

test('a manager key cannot invite users', async ({ request }) => {
	const response = await request.post('/api/v1/users', {
		headers: { authorization: `Bearer ${createApiKey('manager')}` },
		data: { email: 'ivan@e2e.test', name: 'Ivan', role: 'owner' }
	});
	expect(response.status()).toBe(403);
});

test('a body over BODY_SIZE_LIMIT (21 MB here) answers 413 in the error shape, as JSON and as CSV', async ({
	request
}) => {
	const headers = { authorization: `Bearer ${createApiKey('manager')}` };
	const overLimit = 21 * 1024 * 1024 + 1;
	const json = await request.post('/api/v1/clients', {
		headers: { ...headers, 'content-type': 'application/json' },
		data: JSON.stringify({ name: 'x'.repeat(overLimit) })
	});
	expect(json.status()).toBe(413);
	expect(await json.json()).toEqual({
		error: { code: 'payload_too_large', message: expect.stringContaining('the limit is 21 MB') }
	});

	const csv = await request.post('/api/v1/clients/bulk?onExisting=skip', {
		headers: { ...headers, 'content-type': 'text/csv' },
		data: `email,name\n${'a'.repeat(overLimit)}`
	});
	expect(csv.status()).toBe(413);
	expect((await csv.json()).error.code).toBe('payload_too_large');
});

test.describe('clients API', () => {
	const csv =
		'email,name,language,tags\nkarin.api@example.de,Karin API,de,Enterprise\nlars.api@example.nl,Lars API,nl,SMB\n';

	test('bulk import is all or nothing, with every bad row reported', async ({ request }) => {
		const headers = { authorization: `Bearer ${createApiKey('manager')}` };
		const bad = await request.post('/api/v1/clients/bulk', {
			headers,
			data: {
				onExisting: 'skip',
				clients: [
					{ email: 'fine.api@example.com', name: 'Fine', language: 'en' },
					{ email: 'nope', name: 'Bad', language: 'xx' }
				]
			}
		});
		expect(bad.status()).toBe(400);
		expect((await bad.json()).error.issues).toEqual([
			{ row: 1, column: 'email', message: 'Not a valid email address' },
			{ row: 1, column: 'language', message: expect.stringContaining('Unknown language "xx"') }
		]);

		const badCsv = await request.post('/api/v1/clients/bulk?onExisting=skip', {
			headers: { ...headers, 'content-type': 'text/csv' },
			data: 'email,name\nok.api@example.com,Ok\nbroken,Broken\n'
		});
		expect(badCsv.status()).toBe(400);
		expect((await badCsv.json()).error.issues).toEqual([
			{ row: 3, column: 'email', message: 'Not a valid email address' }
		]);

		const search = await request.get('/api/v1/clients?search=fine.api', { headers });
		expect((await search.json()).total).toBe(0);

		const good = await request.post('/api/v1/clients/bulk?onExisting=skip', {
			headers: { ...headers, 'content-type': 'text/csv' },
			data: csv
		});
		expect(await good.json()).toEqual({ created: 2, updated: 0, skipped: 0 });
		const again = await request.post('/api/v1/clients/bulk?onExisting=update', {
			headers: { ...headers, 'content-type': 'text/csv' },
			data: csv
		});
		expect(await again.json()).toEqual({ created: 0, updated: 2, skipped: 0 });
	});

	test('one client: create, change some fields, export, erase', async ({ request }) => {
		const headers = { authorization: `Bearer ${createApiKey('manager')}` };
		const created = await request.post('/api/v1/clients', {
			headers,
			data: {
				email: 'Mia.API@Example.fi',
				name: 'Mia',
				language: 'fi',
				company: 'Oy',
				tags: ['SMB']
			}
		});
		expect(created.status()).toBe(201);
		const client = await created.json();
		expect(client).toMatchObject({
			email: 'mia.api@example.fi',
			language: 'fi',
			tags: ['SMB'],
			consent: null
		});

		const duplicate = await request.post('/api/v1/clients', {
			headers,
			data: { email: 'mia.api@example.fi', name: 'Mia', language: 'fi' }
		});
		expect(duplicate.status()).toBe(409);

		const patched = await request.patch(`/api/v1/clients/${client.id}`, {
			headers,
			data: { name: 'Mia Korhonen', renewalOn: '2027-05-01' }
		});
		expect(await patched.json()).toMatchObject({
			name: 'Mia Korhonen',
			renewalOn: '2027-05-01',
			company: 'Oy',
			tags: ['SMB']
		});

		const exported = await request.get(`/api/v1/clients/${client.id}/export`, { headers });
		expect((await exported.json()).client.email).toBe('mia.api@example.fi');

		expect((await request.delete(`/api/v1/clients/${client.id}`, { headers })).status()).toBe(200);
		expect((await request.get(`/api/v1/clients/${client.id}/export`, { headers })).status()).toBe(
			404
		);
		expect((await request.delete(`/api/v1/clients/${client.id}`, { headers })).status()).toBe(404);
	});

	test('a viewer key gets 403 on the client base and segments, reading or changing', async ({
		request
	}) => {
		const headers = { authorization: `Bearer ${createApiKey('viewer')}` };
		for (const path of ['/api/v1/clients?limit=1', '/api/v1/segments']) {
			const refused = await request.get(path, { headers });
			expect(refused.status(), path).toBe(403);
			expect((await refused.json()).error.code).toBe('forbidden');
		}
		expect(
			(
				await request.post('/api/v1/clients', {
					headers,
					data: { email: 'v.api@example.com', name: 'V', language: 'en' }
				})
			).status()
		).toBe(403);
	});

	test('the client list answers an unknown segment with 404 and too large a page with 400', async ({
		request
	}) => {
		const headers = { authorization: `Bearer ${createApiKey('manager')}` };
		const list = await request.get('/api/v1/clients?limit=1', { headers });
		const page = await list.json();
		expect(page.items).toHaveLength(1);
		expect(page.total).toBeGreaterThan(1);
		expect((await request.get('/api/v1/segments', { headers })).status()).toBe(200);
		expect((await request.get('/api/v1/clients?segment=999999', { headers })).status()).toBe(404);
		expect((await request.get('/api/v1/clients?limit=5000', { headers })).status()).toBe(400);
	});
});

test.describe('models and surveys API', () => {
	test('a model gets new weights as a new version', async ({ request }) => {
		const headers = { authorization: `Bearer ${createApiKey('manager')}` };
		const created = await request.post('/api/v1/models', {
			headers,
			data: {
				name: 'API desk',
				factors: [
					{ key: 'speed', name: 'Speed', weight: 2 },
					{ key: 'competence', name: 'Competence', weight: 2, keywords: ['knew'] }
				]
			}
		});
		expect(created.status()).toBe(201);
		const model = await created.json();
		expect(model.factors.map((f: { key: string; share: number }) => [f.key, f.share])).toEqual([
			['speed', 0.5],
			['competence', 0.5]
		]);

		const changed = await request.post(`/api/v1/models/${model.id}/versions`, {
			headers,
			data: {
				note: 'Competence counts more',
				factors: [
					{ key: 'speed', weight: 1 },
					{ key: 'competence', weight: 3 }
				]
			}
		});
		expect(changed.status()).toBe(201);
		const versions = (await changed.json()).versions;
		expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
		expect(versions[1].factors.map((f: { weight: number }) => f.weight)).toEqual([2, 2]);
	});

	test('keywords per language find a model’s factors in texts scored through the API, each with its tone and words (#18)', async ({
		request
	}) => {
		const headers = { authorization: `Bearer ${createApiKey('manager')}` };
		const created = await request.post('/api/v1/models', {
			headers,
			data: {
				name: 'API flights',
				factors: [
					{
						key: 'punctuality',
						name: 'Punctuality',
						weight: 1,
						keywords: { any: ['delay'], de: ['Verspätung'], nl: ['te laat'] }
					},
					{ key: 'snacks', name: 'Snacks', weight: 1, keywords: ['snack'] }
				]
			}
		});
		expect(created.status()).toBe(201);
		const model = await created.json();
		expect(model.factors[0]).toMatchObject({
			keywords: ['delay'],
			keywordsByLanguage: { de: ['Verspätung'], nl: ['te laat'] }
		});

		const scored = await request.post('/api/v1/sentiment', {
			headers,
			data: {
				modelId: model.id,
				texts: [
					{ text: 'Leckere Snacks, aber zwei Stunden Verspätung.', language: 'de' },
					{ text: 'We vertrokken een uur te laat.', language: 'nl' }
				]
			}
		});
		expect(scored.status()).toBe(200);
		const [german, dutch] = await scored.json();
		expect(german.aspects).toEqual([
			expect.objectContaining({ factor: 'punctuality', label: 'negative' }),
			expect.objectContaining({
				factor: 'snacks',
				label: 'positive',
				words: [expect.objectContaining({ word: 'leckere' })]
			})
		]);
		expect(dutch.aspects).toEqual([
			expect.objectContaining({ factor: 'punctuality', label: 'negative' })
		]);

		const unknown = await request.post('/api/v1/sentiment', {
			headers,
			data: { modelId: 999_999, texts: [{ text: 'Great' }] }
		});
		expect(unknown.status()).toBe(404);
		expect((await unknown.json()).error.message).toBe('No CSI model has the id 999999.');
	});

	test('a survey is created from JSON, refused opening until fixed, then opened and closed', async ({
		request
	}) => {
		const headers = { authorization: `Bearer ${createApiKey('manager')}` };
		const models = (await (await request.get('/api/v1/models', { headers })).json()).items;
		const model = models.find((m: { name: string }) => m.name === 'API desk');
		const definition = {
			defaultLanguage: 'en',
			languages: ['en', 'de'],
			title: { en: 'How did we do?', de: 'Wie waren wir?' },
			pages: [
				{
					id: 'page1',
					questions: [
						{ id: 'speed', type: 'rating', text: { en: 'How fast did we answer?' }, factor: '' },
						{ id: 'overall', type: 'overall', text: { en: 'Overall, how satisfied are you?' } }
					]
				}
			]
		};
		const bad = await request.post('/api/v1/surveys', {
			headers,
			data: { name: 'Broken', modelId: model.id, definition: { ...definition, languages: ['de'] } }
		});
		expect(bad.status()).toBe(400);

		const created = await request.post('/api/v1/surveys', {
			headers,
			data: { name: 'API desk survey', modelId: model.id, definition }
		});
		expect(created.status()).toBe(201);
		const survey = await created.json();
		expect(survey).toMatchObject({
			status: 'draft',
			version: 1,
			problems: [{ level: 'error', message: expect.stringContaining('has no factor') }]
		});

		const refused = await request.post(`/api/v1/surveys/${survey.id}/open`, { headers });
		expect(refused.status()).toBe(400);
		expect((await refused.json()).error.issues[0].message).toContain('has no factor');

		definition.pages[0]!.questions[0]!.factor = 'speed';
		const fixed = await request.put(`/api/v1/surveys/${survey.id}`, {
			headers,
			data: { name: 'API desk survey', definition }
		});
		expect(await fixed.json()).toMatchObject({ problems: [], newVersion: false });
		expect(
			(await (await request.post(`/api/v1/surveys/${survey.id}/open`, { headers })).json()).status
		).toBe('open');
		expect(
			(await (await request.post(`/api/v1/surveys/${survey.id}/close`, { headers })).json()).status
		).toBe('closed');
		expect((await request.post(`/api/v1/surveys/${survey.id}/close`, { headers })).status()).toBe(
			409
		);

		const viewer = { authorization: `Bearer ${createApiKey('viewer')}` };
		expect((await request.get(`/api/v1/surveys/${survey.id}`, { headers: viewer })).status()).toBe(
			403
		);
		expect(
			(
				await request.put(`/api/v1/surveys/${survey.id}`, {
					headers: viewer,
					data: { name: 'x', definition }
				})
			).status()
		).toBe(403);
	});
});

test.describe('survey responses API', () => {
	test('past responses are imported all or nothing, each problem named by index and field', async ({
		request
	}) => {
		const headers = { authorization: `Bearer ${createApiKey('manager')}` };
		const suffix = `${Date.now()}`;
		const model = await (
			await request.post('/api/v1/models', {
				headers,
				data: {
					name: `Import desk ${suffix}`,
					factors: [{ key: 'speed', name: 'Speed', weight: 1 }]
				}
			})
		).json();
		const definition = speedSurveyDefinition;
		const survey = await (
			await request.post('/api/v1/surveys', {
				headers,
				data: { name: `Import desk survey ${suffix}`, modelId: model.id, definition }
			})
		).json();
		const email = `import.api.${suffix}@example.com`;
		expect(
			(
				await request.post('/api/v1/clients', {
					headers,
					data: { email, name: 'Import API', language: 'de' }
				})
			).status()
		).toBe(201);
		const url = `/api/v1/surveys/${survey.id}/responses`;
		const good = [
			{
				submittedAt: '2025-01-10T09:00:00Z',
				email: email.toUpperCase(),
				language: 'de',
				answers: { speed: 4, overall: 5, comments: 'Schnell' }
			},
			{ submittedAt: '2025-01-12', answers: { speed: 'na', overall: 3 } }
		];

		const bad = await request.post(url, {
			headers,
			data: { responses: [good[0], { submittedAt: '2025-01-11', answers: { speed: 6, mood: 3 } }] }
		});
		expect(bad.status()).toBe(400);
		const { error } = await bad.json();
		expect(error.message).toBe('Nothing was imported: 2 problems to fix.');
		expect(error.issues).toEqual([
			{
				path: ['responses', 1, 'answers', 'speed'],
				code: 'custom',
				message:
					'responses[1].answers.speed: "6" is not an answer to this question: use a whole number from 1 to 5, or na for not applicable'
			},
			{
				path: ['responses', 1, 'answers', 'mood'],
				code: 'custom',
				message: expect.stringContaining(
					'responses[1].answers.mood: This survey has no question "mood"'
				)
			}
		]);

		const malformed = await request.post(url, {
			headers,
			data: { responses: [{ submittedAt: 20250110, answers: {} }] }
		});
		expect(malformed.status()).toBe(400);
		expect((await malformed.json()).error.issues[0].message).toMatch(
			/^responses\[0\]\.submittedAt: /
		);

		const created = await request.post(url, { headers, data: { responses: good } });
		expect(created.status()).toBe(201);
		expect(await created.json()).toEqual({
			imported: 2,
			anonymous: 1,
			version: 1,
			from: '2025-01-10T09:00:00.000Z',
			to: '2025-01-12T00:00:00.000Z'
		});

		// Had the refused call stored its first response, this one would already have been refused as a repeat.
		const again = await request.post(url, { headers, data: { responses: [good[0]] } });
		expect((await again.json()).error.issues[0]).toMatchObject({
			path: ['responses', 0, 'submittedAt'],
			message: expect.stringContaining('imported before?')
		});

		expect(
			(
				await request.post('/api/v1/surveys/999999/responses', {
					headers,
					data: { responses: good }
				})
			).status()
		).toBe(404);
		const viewer = { authorization: `Bearer ${createApiKey('viewer')}` };
		expect((await request.post(url, { headers: viewer, data: { responses: good } })).status()).toBe(
			403
		);
	});
});
