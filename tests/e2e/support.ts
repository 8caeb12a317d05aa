import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SharedServer } from '../playwright.config';
import { adminBundle } from './admin-bundle';

/** The project folder, where the built app and its scripts are run from. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** A port nobody listens on, for a server a test starts itself. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
		probe.on('error', reject);
	});
}

/** A server of the built app that a test starts on a database of its own. */
export type Server = { origin: string; process: ChildProcess; log: string[] };

export async function startServer(
	database: string,
	env: Record<string, string> = {}
): Promise<Server> {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: database,
			ORIGIN: origin,
			// A browser a test left open may keep a connection busy; adapter-node would wait 30 s for it.
			SHUTDOWN_TIMEOUT: '5',
			...env
		},
		stdio: ['ignore', 'ignore', 'pipe']
	});
	const log: string[] = [];
	child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()));
	for (let tries = 0; tries < 300; tries++) {
		if ((await fetch(`${origin}/api/v1/health`).catch(() => null))?.ok)
			return { origin, process: child, log };
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	child.kill();
	throw new Error(`The server on ${origin} did not start: ${log.join('')}`);
}

/** Stops a server a test started, and waits until it has gone. */
export async function stopServer(server: Server): Promise<void> {
	if (server.process.exitCode !== null) return;
	const exited = new Promise((resolve) => server.process.once('exit', resolve));
	server.process.kill();
	await exited;
}

/** The owner the first-run suite creates through /setup. */
export const owner = { email: 'olga@e2e.test', name: 'Olga Owner', password: 'olga-e2e-password' };

/** The shared server the running test's project uses: its database and mail port. */
export function sharedServer(): SharedServer {
	return test.info().project.metadata as SharedServer;
}

/** Runs the admin CLI on a database, as a self-hoster would, server running or not. */
export function adminOn(database: string, ...args: string[]): string[] {
	const output = execFileSync(process.execPath, [adminBundle, ...args], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: database },
		encoding: 'utf8'
	});
	return output.trim().split('\n');
}

/** Runs the admin CLI on the test server's database. */
export const admin = (...args: string[]) => adminOn(sharedServer().database, ...args);

/** A survey that can be opened, for a model with a `speed` factor: one rated question, the overall one, a comment. */
export const speedSurveyDefinition = {
	defaultLanguage: 'en',
	languages: ['en', 'de'],
	title: { en: 'How did we do?' },
	pages: [
		{
			id: 'page1',
			questions: [
				{
					id: 'speed',
					type: 'rating',
					factor: 'speed',
					text: { en: 'How fast?' },
					allowNotApplicable: true
				},
				{ id: 'overall', type: 'overall', text: { en: 'Overall?' } },
				{ id: 'comments', type: 'text', text: { en: 'Anything else?' }, required: false }
			]
		}
	]
};

export function createStaff(role: 'owner' | 'manager' | 'viewer') {
	const user = {
		email: `${role}-${randomUUID().slice(0, 8)}@e2e.test`,
		password: `${role}-password-${randomUUID()}`
	};
	admin(
		'create-user',
		'--email',
		user.email,
		'--name',
		`Test ${role}`,
		'--role',
		role,
		'--password',
		user.password
	);
	return user;
}

export function createApiKey(role: 'owner' | 'manager' | 'viewer'): string {
	return admin('create-api-key', '--name', `e2e ${role}`, '--role', role).at(-1)!;
}

/** A new consenting client named `name`, invited to the survey through the API: their address and link's path. */
export async function inviteNewClient(
	request: APIRequestContext,
	headers: Record<string, string>,
	surveyId: number,
	name: string
): Promise<{ email: string; link: string }> {
	const email = `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@e2e.test`;
	const client = await request.post('/api/v1/clients', {
		headers,
		data: { email, name, language: 'en', consent: true }
	});
	expect(client.status()).toBe(201);
	const invited = await request.post('/api/v1/invitations', {
		headers,
		data: { client: { email }, surveyId }
	});
	expect(invited.status()).toBe(201);
	return { email, link: new URL((await invited.json()).link).pathname };
}

export async function signIn(page: Page, user: { email: string; password: string }) {
	// Wait for the app's scripts too, so the click never lands while the page is being hydrated.
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Email').fill(user.email);
	await page.getByLabel('Password').fill(user.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
}

/** Links in the page's main part into areas only managers and owners open: none for a viewer. */
export const managerAreaLinks = (page: Page) =>
	page
		.getByRole('main')
		.locator(
			'a[href^="/clients"], a[href^="/surveys"], a[href^="/campaigns"], a[href^="/factors"]'
		);

/** WCAG 2.1 A and AA, as the brief asks. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
