import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import {
	createApiKey,
	createStaff,
	expectAccessible,
	managerAreaLinks,
	owner,
	signIn
} from './support';

/** Posts a form the way a browser would, from our own origin, bypassing the page's buttons. */
function postForm(page: Page, action: string, form: Record<string, string>) {
	return page.request.post(action, {
		form,
		headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
		maxRedirects: 0
	});
}

/** The staff list is the owner's (GET /api/v1/users). */
async function staffEmails(): Promise<string[]> {
	const response = await fetch(`${test.info().project.use.baseURL}/api/v1/users`, {
		headers: { authorization: `Bearer ${createApiKey('owner')}` }
	});
	const body = (await response.json()) as { users: { email: string }[] };
	return body.users.map((u) => u.email);
}

test('a viewer sees no owner settings and gets 403 at their address', async ({
	page,
	consoleErrors
}) => {
	await signIn(page, createStaff('viewer'));
	await page.goto('/settings/account', { waitUntil: 'networkidle' });
	const settingsNav = page.getByRole('navigation', { name: 'Settings' });
	await expect(settingsNav.getByRole('link')).toHaveText(['Your account']);

	for (const path of ['/settings/users', '/settings/api-keys']) {
		consoleErrors.expectRefusal(path, 403);
		const response = await page.goto(path, { waitUntil: 'networkidle' });
		expect(response?.status(), path).toBe(403);
		await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
	}
	await expectAccessible(page);
});

test('a viewer is offered the dashboard, responses, cases, reviews and their account, and no link they cannot follow', async ({
	page
}) => {
	await signIn(page, createStaff('viewer'));
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
		'Dashboard',
		'Responses',
		'Cases',
		'Reviews',
		'Settings'
	]);
	await expect(page.getByRole('region', { name: 'Clients' })).toContainText(' clients.');
	await expect(managerAreaLinks(page)).toHaveCount(0);
	await expectAccessible(page);

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Settings' })
		.click();
	await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link')).toHaveText([
		'Your account'
	]);
});

test('a manager is offered every area but the owner’s settings', async ({ page }) => {
	await signIn(page, createStaff('manager'));
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
		'Dashboard',
		'Clients',
		'Factors',
		'Topics',
		'Surveys',
		'Campaigns',
		'Responses',
		'Cases',
		'Reviews',
		'Settings'
	]);
	await page.goto('/settings/account', { waitUntil: 'networkidle' });
	await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link')).toHaveText([
		'Your account',
		'Outbox'
	]);
});

test('a viewer posting to an owner action gets 403 and changes nothing', async ({ page }) => {
	await signIn(page, createStaff('viewer'));
	const response = await postForm(page, '/settings/users?/invite', {
		name: 'Mallory',
		email: 'mallory@e2e.test',
		role: 'owner'
	});
	expect(response.status()).toBe(403);
	expect(await staffEmails()).not.toContain('mallory@e2e.test');
});

test('a manager posting to an owner action gets 403', async ({ page }) => {
	await signIn(page, createStaff('manager'));
	const response = await postForm(page, '/settings/api-keys?/create', {
		name: 'sneaky',
		role: 'owner'
	});
	expect(response.status()).toBe(403);
});

test('a signed-out visitor posting to an action is sent to sign in', async ({ page }) => {
	await page.goto('/login', { waitUntil: 'networkidle' });
	const response = await postForm(page, '/settings/users?/invite', {
		name: 'Mallory',
		email: 'mallory2@e2e.test',
		role: 'owner'
	});
	expect(response.status()).toBe(303);
	expect(await staffEmails()).not.toContain('mallory2@e2e.test');
});

test('the owner invites a manager, who chooses a password once and signs in', async ({
	page,
	browser,
	consoleErrors
}) => {
	await signIn(page, owner);
	await page.goto('/settings/users', { waitUntil: 'networkidle' });
	await expectAccessible(page);
	const invite = page.getByRole('region', { name: 'Invite a user' });
	await invite.getByLabel('Name').fill('Max Manager');
	await invite.getByLabel('Email').fill('max@e2e.test');
	await invite.getByLabel('Role').selectOption('manager');
	await invite.getByRole('button', { name: 'Create invitation link' }).click();
	const link = await page.locator('code.secret').textContent();
	expect(link).toMatch(/\/password\/[a-z2-7]{24}\.[a-z2-7]{24}$/);
	await expect(page.getByRole('row', { name: /Max Manager/ })).toContainText('invited');

	const invitee = await browser.newContext();
	const inviteePage = await invitee.newPage();
	await inviteePage.goto(link!, { waitUntil: 'networkidle' });
	await expect(inviteePage.getByRole('heading', { name: 'Welcome to Satisfy' })).toBeVisible();
	await expectAccessible(inviteePage);
	await inviteePage.getByLabel('New password').fill('max-chose-this-one');
	await inviteePage.getByLabel('Repeat the password').fill('max-chose-this-one');
	await inviteePage.getByRole('button', { name: 'Save password and sign in' }).click();
	await expect(inviteePage).toHaveURL(/\/dashboard$/);
	await expect(inviteePage.getByText('Your role is manager')).toBeVisible();

	consoleErrors.expectRefusal(new URL(link!).pathname, 404);
	const reuse = await inviteePage.goto(link!, { waitUntil: 'networkidle' });
	expect(reuse?.status()).toBe(404);
	await invitee.close();
});

test('deactivating a user ends their session at once', async ({ page, browser }) => {
	const manager = createStaff('manager');
	const theirs = await browser.newContext();
	const theirPage = await theirs.newPage();
	await signIn(theirPage, manager);

	await signIn(page, owner);
	await page.goto('/settings/users', { waitUntil: 'networkidle' });
	const row = page.getByRole('row', { name: new RegExp(manager.email) });
	await row.getByRole('button', { name: /Deactivate/ }).click();
	await expect(page.getByRole('status')).toContainText('is deactivated and signed out everywhere');
	await expect(row).toContainText('deactivated');

	await theirPage.reload();
	await expect(theirPage).toHaveURL(/\/login/);
	await theirs.close();
});

test('the last owner cannot be demoted', async ({ page }) => {
	await signIn(page, owner);
	await page.goto('/settings/users', { waitUntil: 'networkidle' });
	// Other specs add owners of their own; they step down first, so this owner is the last one.
	for (const row of await page
		.getByRole('row')
		.filter({ has: page.getByRole('combobox', { name: /Role of/ }) })
		.all()) {
		const role = row.getByRole('combobox', { name: /Role of/ });
		if ((await row.textContent())?.includes(owner.email) || (await role.inputValue()) !== 'owner')
			continue;
		await role.selectOption('viewer');
		await row.getByRole('button', { name: /Change/ }).click();
		await expect(role).toHaveValue('viewer');
	}
	const ownRow = page.getByRole('row', { name: new RegExp(owner.email) });
	await ownRow.getByRole('combobox', { name: /Role of/ }).selectOption('viewer');
	await ownRow.getByRole('button', { name: /Change/ }).click();
	await expect(page.getByRole('alert')).toContainText('Satisfy needs at least one active owner');
	await page.reload();
	await expect(ownRow.getByRole('combobox', { name: /Role of/ })).toHaveValue('owner');
});
