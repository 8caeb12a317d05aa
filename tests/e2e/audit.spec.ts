import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { createApiKey, createStaff, expectAccessible, signIn } from './support';

test.describe.configure({ mode: 'serial' });

test('an owner reads, filters and downloads the audit entries of a card they viewed, exported and erased', async ({
	page
}) => {
	const owner = createStaff('owner');
	const key = createApiKey('owner');
	const api = { authorization: `Bearer ${key}` };
	const created = await page.request.post('/api/v1/clients', {
		headers: api,
		data: { email: 'audit.e2e@example.org', name: 'Aud Itson', language: 'en' }
	});
	expect(created.status()).toBe(201);
	const { id } = await created.json();
	const record = `client:${id}`;

	await signIn(page, owner);
	await page.goto(`/clients/${id}`, { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { name: 'Aud Itson' })).toBeVisible();
	expect((await page.request.get(`/clients/${id}/export`)).status()).toBe(200);
	expect((await page.request.get(`/api/v1/clients/${id}`, { headers: api })).status()).toBe(200);

	await page.goto('/settings', { waitUntil: 'networkidle' });
	await page
		.getByRole('navigation', { name: 'Settings' })
		.getByRole('link', { name: 'Audit log' })
		.click();
	await page.getByLabel('Record').fill(record);
	await page.getByRole('button', { name: 'Apply filters' }).click();
	const rows = page.getByRole('table').getByRole('row');
	// Newest first: the API key's read, the export, the page view (and the create before them).
	await expect(rows.nth(1)).toContainText('client.view');
	await expect(rows.nth(1)).toContainText('API key “e2e owner”');
	await expect(rows.nth(2)).toContainText('client.export');
	await expect(rows.nth(2)).toContainText(owner.email);
	await expect(rows.nth(3)).toContainText('client.view');
	await expect(rows.nth(3)).toContainText(owner.email);
	await expect(rows.nth(1).getByRole('link', { name: record })).toHaveAttribute(
		'href',
		`/clients/${id}`
	);
	await expectAccessible(page);

	await page.goto(`/clients/${id}`, { waitUntil: 'networkidle' });
	await page.getByLabel(/Erase Aud Itson/).check();
	await page.getByRole('button', { name: 'Erase client' }).click();
	await expect(page).toHaveURL(/\/clients$/);

	await page.goto(`/settings/audit?subject=${record}`, { waitUntil: 'networkidle' });
	await expect(rows.nth(1)).toContainText('client.erase');
	await expect(rows.nth(1)).toContainText(owner.email);
	// The client is gone: the record is named, no longer linked.
	await expect(page.getByRole('table').getByRole('link', { name: record })).toHaveCount(0);

	await page.getByLabel('What').selectOption('client.export');
	await page.getByRole('button', { name: 'Apply filters' }).click();
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(1)).toContainText('client.export');

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Export these entries as CSV' }).click();
	const csv = readFileSync((await (await downloading).path())!, 'utf8');
	expect(csv.startsWith('\uFEFF'), 'a byte-order mark, so spreadsheets read UTF-8').toBe(true);
	const lines = csv.trim().split('\r\n');
	expect(lines[0]).toBe('id,at,actor,actorId,action,record,details');
	expect(lines).toHaveLength(2);
	expect(lines[1]).toContain(`client.export,${record}`);
	expect(lines[1]).toContain(owner.email);

	const fromApi = await page.request.get(`/api/v1/audit?subject=${record}&limit=2`, {
		headers: api
	});
	expect(fromApi.status()).toBe(200);
	const body = await fromApi.json();
	type Item = { action: string; actor: { kind: string } | null };
	const described = (items: Item[]) => items.map((item) => `${item.action} by ${item.actor?.kind}`);
	// The erase, and the card opened to erase it; then the key's read and the export.
	expect(described(body.items)).toEqual(['client.erase by user', 'client.view by user']);
	expect(body.nextCursor).toEqual(expect.any(Number));
	const older = await (
		await page.request.get(`/api/v1/audit?subject=${record}&limit=2&cursor=${body.nextCursor}`, {
			headers: api
		})
	).json();
	expect(described(older.items)).toEqual(['client.view by key', 'client.export by user']);
});

test('filters that cannot be used are named on the page, and in the API’s 400', async ({
	page,
	request
}) => {
	await signIn(page, createStaff('owner'));
	const response = await page.goto('/settings/audit?from=yesterday&actor=root', {
		waitUntil: 'networkidle'
	});
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('alert')).toContainText('Use a date like 2026-03-31');
	await expect(page.getByRole('alert')).toContainText(
		'Choose who acted as user:<id>, key:<id>, or none'
	);
	const refused = await request.get('/api/v1/audit?to=tomorrow', {
		headers: { authorization: `Bearer ${createApiKey('owner')}` }
	});
	expect(refused.status()).toBe(400);
	expect(JSON.stringify(await refused.json())).toContain('Use a date like 2026-03-31');
});

test('a manager is refused the audit log, its CSV and its API', async ({ page, request }) => {
	await signIn(page, createStaff('manager'));
	for (const path of ['/settings/audit', '/settings/audit/export.csv'])
		expect((await page.request.get(path)).status(), path).toBe(403);
	await page.goto('/settings/account', { waitUntil: 'networkidle' });
	await expect(
		page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' })
	).toHaveCount(0);
	const refused = await request.get('/api/v1/audit', {
		headers: { authorization: `Bearer ${createApiKey('manager')}` }
	});
	expect(refused.status()).toBe(403);
});
