import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { admin, createApiKey, createStaff, expectAccessible, signIn } from './support';

function postForm(page: Page, action: string, form: Record<string, string>) {
	return page.request.post(action, {
		form,
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
}

const goodCsv = [
	'\uFEFFE-Mail;Name;Firma;Sprache;Tags',
	'anke.e2e@nordlicht.de;Anke Nordlicht;Nordlicht Reisen;de;Enterprise',
	'"jan.e2e@polder.nl";"Jan ""de"" Polder";"Polder; Cargo";nl;SMB',
	'aino.e2e@revontuli.fi;Aino Revontuli;"Revontuli',
	'Oy";fi;SMB'
].join('\r\n');

async function upload(page: Page, name: string, content: string) {
	await page.goto('/clients/import', { waitUntil: 'networkidle' });
	await page
		.getByLabel('CSV file')
		.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
	await page.getByRole('button', { name: 'Upload and preview' }).click();
	await expect(page).toHaveURL(/\/clients\/import\/\d+$/);
}

test.describe.configure({ mode: 'serial' });

test('a manager imports a CSV: preview, guessed columns, explicit choice, result', async ({
	page
}) => {
	await signIn(page, createStaff('manager'));
	await upload(page, 'excel-export.csv', goodCsv);
	await expect(page.getByRole('heading', { name: 'Import “excel-export.csv”' })).toBeVisible();
	await expect(page.getByLabel('E-Mail')).toHaveValue('email');
	await expect(page.getByLabel('Firma')).toHaveValue('company');
	await expect(page.getByRole('cell', { name: 'Revontuli Oy' })).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Skip them').check();
	await page.getByRole('button', { name: 'Check every row and import' }).click();
	await expect(page.getByRole('status')).toContainText(
		'Imported: 3 new clients, 0 updated, 0 skipped'
	);

	await page.goto('/clients?search=polder', { waitUntil: 'networkidle' });
	await expect(page.getByRole('link', { name: 'Jan "de" Polder' })).toBeVisible();
	await expectAccessible(page);
});

test('a file with bad rows imports nothing and lists every bad line', async ({ page }) => {
	await signIn(page, createStaff('manager'));
	const bad = [
		'email,name,language',
		'ok.e2e@example.com,Fine,en',
		'broken,No Email,en',
		'x.e2e@example.com,Bad Language,zz',
		'ok.e2e@example.com,Again,en'
	].join('\n');
	await upload(page, 'bad.csv', bad);
	await page.getByLabel('Update them').check();
	await page.getByRole('button', { name: 'Check every row and import' }).click();
	await expect(
		page.getByRole('heading', { name: 'Nothing was imported: 3 problems to fix' })
	).toBeVisible();
	const rows = page.getByRole('table', { name: 'Problems found' }).getByRole('row');
	await expect(rows.nth(1)).toContainText('3email');
	await expect(rows.nth(2)).toContainText('4language');
	await expect(rows.nth(3)).toContainText('Duplicate of line 2');

	const report = await page.request.get(`${page.url()}/errors.csv`);
	expect(report.headers()['content-type']).toContain('text/csv');
	expect(await report.text()).toContain('line,column,message');

	await page.goto('/clients?search=fine', { waitUntil: 'networkidle' });
	await expect(page.getByText('0 clients match the filters')).toBeVisible();
});

test('a bulk action naming a client that does not exist changes nothing and names the id', async ({
	page
}) => {
	await signIn(page, createStaff('manager'));
	await page.goto('/clients?search=polder', { waitUntil: 'networkidle' });
	const janUrl = new URL(
		(await page.getByRole('link', { name: 'Jan "de" Polder' }).getAttribute('href'))!,
		page.url()
	);
	const form = new FormData();
	for (const id of [janUrl.pathname.split('/').at(-1)!, '987654']) form.append('ids', id);
	form.append('action', 'tag');
	form.append('tag', 'Ghost e2e');
	const response = await page.request.post('/clients?/bulk', {
		form,
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('No client has the id 987654');

	await page.goto(janUrl.href, { waitUntil: 'networkidle' });
	await expect(page.getByRole('region', { name: 'Details' })).not.toContainText('Ghost e2e');
});

test('a file over 20 MB is refused with a clear message', async ({ page }) => {
	await signIn(page, createStaff('manager'));
	await page.goto('/clients/import', { waitUntil: 'networkidle' });
	const big = Buffer.alloc(20.5 * 1024 * 1024, 'a,b\n');
	const response = await page.request.post('/clients/import?/upload', {
		multipart: { file: { name: 'huge.csv', mimeType: 'text/csv', buffer: big } },
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' }
	});
	expect(response.status()).toBe(413);
	expect(await response.text()).toContain('The file is 20.5 MB; the limit is 20 MB.');
});

test('a manager creates a client with field-level errors, edits it and erases it', async ({
	page
}) => {
	await signIn(page, createStaff('manager'));
	await page.goto('/clients/new', { waitUntil: 'networkidle' });
	await page.getByLabel('Name').fill('Ionela Popa');
	await page.getByLabel('Email').fill('ionela.e2e@carpati.ro');
	await page.getByLabel('Language', { exact: true }).fill('xx');
	await page.getByLabel('Annual value').fill('lots');
	await page.getByRole('button', { name: 'Create client' }).click();
	await expect(page.getByText('Unknown language "xx"')).toBeVisible();
	await expect(page.getByText('"lots" is not an amount')).toBeVisible();
	await expect(page.getByLabel('Name')).toHaveValue('Ionela Popa');

	await page.getByLabel('Language', { exact: true }).fill('ro');
	await page.getByLabel('Annual value').fill('125000');
	await page.getByRole('button', { name: 'Create client' }).click();
	await expect(page.getByRole('heading', { name: 'Ionela Popa' })).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Tags').fill('Key account, Cargo');
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('status')).toHaveText('Saved.');
	await expect(page.getByRole('region', { name: 'Details' })).toContainText('Key account');

	const download = await page.request.get(`${page.url()}/export`);
	expect((await download.json()).client).toMatchObject({
		email: 'ionela.e2e@carpati.ro',
		tags: ['Cargo', 'Key account']
	});

	await page.getByLabel(/Erase Ionela Popa/).check();
	await page.getByRole('button', { name: 'Erase client' }).click();
	await expect(page).toHaveURL(/\/clients$/);
	await page.goto('/clients?search=ionela', { waitUntil: 'networkidle' });
	await expect(page.getByText('0 clients match the filters')).toBeVisible();
});

test.describe('a viewer', () => {
	test('gets 403 on the client base and its data, and cannot change it', async ({
		page,
		browser,
		consoleErrors
	}) => {
		const manager = await browser.newPage();
		await signIn(manager, createStaff('manager'));
		await manager.goto('/clients?search=nordlicht', { waitUntil: 'networkidle' });
		await manager.getByRole('link', { name: 'Anke Nordlicht' }).click();
		await expect(manager.getByRole('heading', { name: 'Anke Nordlicht' })).toBeVisible();
		const clientPath = new URL(manager.url()).pathname;
		await manager.close();

		await signIn(page, createStaff('viewer'));
		for (const path of ['/clients', clientPath, '/clients/import'])
			consoleErrors.expectRefusal(path, 403);
		for (const path of ['/clients', clientPath]) {
			const response = await page.goto(path, { waitUntil: 'networkidle' });
			expect(response?.status(), path).toBe(403);
			await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
			await expect(page.getByText('Anke Nordlicht')).toHaveCount(0);
			for (const invalidated of [
				'',
				'?x-sveltekit-invalidated=001',
				'?x-sveltekit-invalidated=01'
			]) {
				const data = await page.request.get(`${path}/__data.json${invalidated}`);
				expect(data.status(), `${path}/__data.json${invalidated}`).toBe(403);
				expect(await data.text()).not.toContain('nordlicht');
			}
		}

		expect(
			(
				await postForm(page, '/clients?/bulk', {
					scope: 'all',
					filter: '',
					action: 'delete',
					confirm: 'on'
				})
			).status()
		).toBe(403);
		expect((await postForm(page, `${clientPath}?/erase`, { confirm: 'on' })).status()).toBe(403);
		expect(
			(
				await postForm(page, '/clients/new', {
					name: 'X',
					email: 'x.e2e@example.com',
					language: 'en'
				})
			).status()
		).toBe(403);
		expect((await page.goto('/clients/import'))?.status()).toBe(403);
	});
});

/** Seven clients of a new account manager (named like their tag), sharing a new tag, through the API. */
async function sevenClients(page: Page) {
	const tag = `handful-${Date.now()}`;
	const manager = `${tag}@e2e.test`;
	admin(
		'create-user',
		'--email',
		manager,
		'--name',
		tag,
		'--role',
		'manager',
		'--password',
		`${tag}-password`
	);
	const rows = Array.from(
		{ length: 7 },
		(_, index) => `${tag}-${index}@example.com,Handful ${index},${tag},${manager}`
	);
	const imported = await page.request.post('/api/v1/clients/bulk?onExisting=skip', {
		headers: { authorization: `Bearer ${createApiKey('manager')}`, 'content-type': 'text/csv' },
		data: ['email,name,tags,Account manager', ...rows].join('\n')
	});
	expect(imported.status()).toBe(200);
	return tag;
}

test('a bulk change to more than a handful of clients asks once, saying how many (#20)', async ({
	page
}) => {
	const tag = await sevenClients(page);
	await signIn(page, createStaff('manager'));
	await page.goto(`/clients?tag=${tag}`, { waitUntil: 'networkidle' });
	await page.getByLabel('all 7 matching clients').check();
	await page.getByLabel('Tag (for tag actions)').fill('Renewal e2e');
	await page.getByRole('button', { name: 'Apply', exact: true }).click();

	const question = page.getByText(
		'This changes 7 clients at once: each gets the tag “Renewal e2e”. Go ahead?'
	);
	await expect(question).toBeFocused();
	await expectAccessible(page);
	await page.goto(`/clients?tag=${tag}&tag=Renewal%20e2e`, { waitUntil: 'networkidle' });
	await expect(page.getByText('No clients match these filters.')).toBeVisible();

	await page.goto(`/clients?tag=${tag}`, { waitUntil: 'networkidle' });
	await page.getByLabel('all 7 matching clients').check();
	await page.getByLabel('Tag (for tag actions)').fill('Renewal e2e');
	await page.getByRole('button', { name: 'Apply', exact: true }).click();
	await page.getByRole('button', { name: 'Yes, change 7 clients' }).click();
	await expect(page.getByText('Tagged 7 clients “Renewal e2e”.')).toBeVisible();
	await page.goto(`/clients?tag=${tag}&tag=Renewal%20e2e`, { waitUntil: 'networkidle' });
	await expect(page.getByText('7 clients match the filters')).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('moving a manager’s clients asks once, saying how many, and cancelling moves none (#20)', async ({
		page,
		consoleErrors
	}) => {
		// The question answers 409: nothing was changed until the number is confirmed.
		consoleErrors.expectRefusal('/clients/account-managers?/reassign', 409);
		const tag = await sevenClients(page);
		await signIn(page, createStaff('owner'));
		await page.goto('/clients/account-managers', { waitUntil: 'networkidle' });
		await page.getByLabel('From', { exact: true }).selectOption({ label: `${tag} (7)` });
		await page.getByLabel('To', { exact: true }).selectOption({ index: 1 });
		await page.getByRole('button', { name: 'Move clients' }).click();
		await expect(
			page.getByText(new RegExp(`^This moves 7 clients from ${tag} to .+\\. Go ahead\\?$`))
		).toBeVisible();

		await page.getByRole('link', { name: 'Cancel' }).click();
		await expect(page).toHaveURL(/\/clients\/account-managers$/);
		await page.goto(`/clients?tag=${tag}`, { waitUntil: 'networkidle' });
		await expect(page.getByRole('row', { name: /Handful/ })).toHaveCount(7);

		await page.goto('/clients/account-managers', { waitUntil: 'networkidle' });
		await page.getByLabel('From', { exact: true }).selectOption({ label: `${tag} (7)` });
		await page.getByLabel('To', { exact: true }).selectOption({ index: 1 });
		await page.getByRole('button', { name: 'Move clients' }).click();
		await page.getByRole('button', { name: 'Yes, move 7 clients' }).click();
		await expect(page.getByText('Moved 7 clients.')).toBeVisible();
		await expect(
			page.getByLabel('From', { exact: true }).locator('option', { hasText: tag })
		).toHaveCount(0);
	});

	test('filters, sorts and saves a segment with plain forms', async ({ page }) => {
		await signIn(page, createStaff('manager'));
		await page.goto('/clients', { waitUntil: 'networkidle' });
		await page.getByText('More filters').click();
		await page.getByRole('checkbox', { name: /Finnish/ }).check();
		await page.getByRole('button', { name: 'Apply filters' }).click();
		await expect(page).toHaveURL(/language=fi/);
		await expect(page.getByText('1 client match the filters')).toBeVisible();
		await page.getByLabel('Segment name').fill('Finland e2e');
		await page.getByRole('button', { name: 'Save segment' }).click();
		await expect(page.getByText('Segment “Finland e2e” saved.')).toBeVisible();
		await page.goto('/clients/segments', { waitUntil: 'networkidle' });
		await expect(page.getByRole('row', { name: /Finland e2e/ })).toContainText('1');
	});
});
