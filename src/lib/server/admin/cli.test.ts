import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../api-keys/service';
import type { Db } from '../db';
import { engine } from '../db/engine';
import { openTestDatabase } from '../db/test-database';
import { createUser, findPasswordLink, findUserByEmail, signIn } from '../users/service';
import { confirmEnrolment, startEnrolment, twoFactorState } from '../auth/two-factor';
import { appCode } from '../auth/test-authenticator';
import { runAdmin } from './cli';

let db: Db;
let url: string;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, url, remove } = await openTestDatabase());
});
afterEach(() => remove());

async function admin(...argv: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runAdmin(argv, {
		env: {
			DATABASE_URL: url,
			ORIGIN: 'https://satisfy.example.com',
			// Required with PostgreSQL (config.ts), as the server-pg project's own environment has it.
			LINK_SECRET: process.env.LINK_SECRET
		},
		out: (line) => out.push(line),
		err: (line) => err.push(line)
	});
	return { code, out, err: err.join('\n') };
}

describe('admin CLI', () => {
	it('creates a user who can sign in', async () => {
		const result = await admin(
			'create-user',
			'--email',
			'Olga@Example.com',
			'--name',
			'Olga',
			'--role',
			'owner',
			'--password',
			'a long password'
		);
		expect(result.code).toBe(0);
		expect((await signIn(db, 'olga@example.com', 'a long password', '127.0.0.1')).ok).toBe(true);
	});

	it('refuses bad arguments with a clear message and exit code 2', async () => {
		const short = await admin(
			'create-user',
			'--email',
			'olga@example.com',
			'--name',
			'Olga',
			'--role',
			'owner',
			'--password',
			'short'
		);
		expect(short.code).toBe(2);
		expect(short.err).toContain('--password: Use at least 12 characters');

		const missing = await admin('create-user', '--email', 'olga@example.com', '--role', 'emperor');
		expect(missing.code).toBe(2);
		expect(missing.err).toContain('--name is required');
		expect(missing.err).toContain('--role: Choose owner, manager or viewer');

		expect((await admin('launch-rockets')).err).toContain('Unknown command "launch-rockets"');
		expect(
			(await admin('create-api-key', '--name', 'x', '--role', 'viewer', '--colour', 'red')).code
		).toBe(2);
		expect(await findUserByEmail(db, 'olga@example.com')).toBeUndefined();
	});

	it('fails with exit code 1 when the email is taken', async () => {
		const args = [
			'create-user',
			'--email',
			'olga@example.com',
			'--name',
			'Olga',
			'--role',
			'owner',
			'--password',
			'a long password'
		];
		await admin(...args);
		const again = await admin(...args);
		expect(again.code).toBe(1);
		expect(again.err).toContain('already exists');
	});

	it('prints a working API key alone on the last line', async () => {
		const { code, out } = await admin('create-api-key', '--name', 'CRM', '--role', 'manager');
		expect(code).toBe(0);
		expect(await authenticateApiKey(db, out.at(-1)!)).toMatchObject({
			name: 'CRM',
			role: 'manager'
		});
	});

	it('resets a password directly, or prints a one-time link on ORIGIN', async () => {
		await admin(
			'create-user',
			'--email',
			'ann@example.com',
			'--name',
			'Ann',
			'--role',
			'viewer',
			'--password',
			'a long password'
		);
		expect(
			(
				await admin(
					'reset-password',
					'--email',
					'ann@example.com',
					'--password',
					'another long one'
				)
			).code
		).toBe(0);
		expect((await signIn(db, 'ann@example.com', 'another long one', '127.0.0.1')).ok).toBe(true);

		const { out } = await admin('reset-password', '--email', 'ann@example.com');
		const link = out.at(-1)!;
		expect(link).toMatch(/^https:\/\/satisfy\.example\.com\/password\//);
		expect((await findPasswordLink(db, link.split('/').at(-1)!))?.purpose).toBe('reset');
		expect((await admin('reset-password', '--email', 'nobody@example.com')).code).toBe(1);
	});

	it('removes a second factor for a user locked out of it', async () => {
		await createUser(db, {
			email: 'ann@example.com',
			name: 'Ann',
			role: 'owner',
			password: 'a long password'
		});
		const ann = (await findUserByEmail(db, 'ann@example.com'))!;
		await startEnrolment(db, ann.id);
		const state = await twoFactorState(db, ann);
		if (state.status !== 'pending') throw new Error('not pending');
		const code = appCode(state.secret, new Date());
		expect((await confirmEnrolment(db, ann, code, '127.0.0.1')).ok).toBe(true);
		expect(await signIn(db, 'ann@example.com', 'a long password', '127.0.0.1')).toMatchObject({
			sessionToken: null
		});

		const { code: exit, out } = await admin('remove-two-factor', '--email', 'ann@example.com');
		expect(exit).toBe(0);
		expect(out).toEqual([
			'Two-factor sign-in of ann@example.com removed; their sessions have ended.'
		]);
		expect(await signIn(db, 'ann@example.com', 'a long password', '127.0.0.1')).toMatchObject({
			sessionToken: expect.any(String)
		});
		expect((await admin('remove-two-factor', '--email', 'ann@example.com')).code).toBe(1);
		expect((await admin('remove-two-factor', '--email', 'nobody@example.com')).code).toBe(1);
	});

	// The move starts from a SQLite workspace; one on PostgreSQL has none to move.
	it.skipIf(engine === 'postgres')(
		'moves to PostgreSQL only when given a PostgreSQL URL',
		async () => {
			expect((await admin('help')).out.join('\n')).toContain('migrate-to-postgres postgres://');
			const missing = await admin('migrate-to-postgres');
			expect(missing.code).toBe(2);
			expect(missing.err).toContain('Name the one PostgreSQL database to move to');
			expect((await admin('migrate-to-postgres', 'postgres://a/b', 'postgres://c/d')).code).toBe(2);
			const wrong = await admin('migrate-to-postgres', 'mysql://root@localhost/satisfy');
			expect(wrong.code).toBe(1);
			expect(wrong.err).toBe(
				'"mysql://root@localhost/satisfy" is not a PostgreSQL URL: give postgres://user:password@host:5432/database.'
			);
		}
	);

	// PostgreSQL's backups are pg_dump's: the test below shows the command says so.
	it.skipIf(engine === 'postgres')(
		'backs up the live database to a file that opens on its own',
		async () => {
			await admin(
				'create-user',
				'--email',
				'ann@example.com',
				'--name',
				'Ann',
				'--role',
				'viewer',
				'--password',
				'a long password'
			);
			const target = url.replace(/app\.db$/, 'backup.db');
			expect((await admin('backup', '--to', target)).code).toBe(0);
			expect(existsSync(target)).toBe(true);
			const copy = new Database(target, { readonly: true });
			expect(copy.prepare('select email from users').all()).toEqual([{ email: 'ann@example.com' }]);
			copy.close();
		}
	);

	it.runIf(engine === 'postgres')(
		'refuses backup, restore and the move to PostgreSQL on PostgreSQL, naming its own tools',
		async () => {
			const backup = await admin('backup', '--to', '/tmp/satisfy-backup.db');
			expect(backup.code).toBe(1);
			expect(backup.err).toContain('pg_dump --format=custom');
			expect(existsSync('/tmp/satisfy-backup.db')).toBe(false);
			const restore = await admin('restore', '--from', '/tmp/satisfy-backup.db');
			expect(restore.code).toBe(1);
			expect(restore.err).toContain('pg_restore');
			const move = await admin('migrate-to-postgres', 'postgres://a/b');
			expect(move.code).toBe(1);
			expect(move.err).toContain('names a PostgreSQL database already');
		}
	);
});
