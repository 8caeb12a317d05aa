import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db';
import { engine } from '../db/engine';
import { clients } from '../db/schema';
import { closeSqlite, openSqlite } from '../db/sqlite-connections';
import { eraseClients } from '../privacy/erasure';
import { openTestDatabase } from '../db/test-database';
import { seedDemo } from '../demo/seed';
import { runAdmin } from './cli';

let db: Db;
let url: string;
let remove: (() => Promise<void>) | undefined;
let dir: string;
const children: ChildProcess[] = [];

// One seeded workspace for the file: the demo fills nearly every table, and takes seconds.
// Backup and restore copy a SQLite file; on PostgreSQL the CLI refuses them and names pg_dump
// and pg_restore (cli.test.ts), so nothing here runs there.
const onSqlite = engine === 'sqlite';
beforeAll(async () => {
	if (!onSqlite) return;
	({ db, url, remove } = await openTestDatabase());
	await seedDemo(db, () => {});
}, 120_000);
afterAll(() => remove?.());
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'satisfy-backup-'));
});
afterEach(() => {
	for (const child of children.splice(0)) child.kill('SIGKILL');
	rmSync(dir, { recursive: true, force: true });
});

async function admin(databaseUrl: string, ...argv: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runAdmin(argv, {
		env: { DATABASE_URL: databaseUrl },
		out: (line) => out.push(line),
		err: (line) => err.push(line)
	});
	return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Every table's rows (as JSON, sorted: some tables have no rowid), as a real second reader sees the file. */
function contents(path: string): Record<string, string[]> {
	const file = new Database(path, { readonly: true });
	try {
		const tables = file
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
			)
			.all() as { name: string }[];
		const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
		return Object.fromEntries(
			tables.map(({ name }) => [name, sorted(file.prepare(`select * from "${name}"`).all())])
		);
	} finally {
		file.close();
	}
}

/** A second process with the database open, as a running server has it; `work` runs in a loop when given. */
async function otherProcess(path: string, work?: string): Promise<ChildProcess> {
	const script = `
		const db = new (require(${JSON.stringify(resolve('node_modules/better-sqlite3'))}))(process.argv[1]);
		db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 5000');
		db.prepare('select count(*) from users').get();
		let i = 0;
		const step = () => { ${work ?? ''}; i++; if (i === 1) console.log('ready'); setImmediate(step); };
		${work ? 'step()' : "console.log('ready'); setInterval(() => {}, 1000)"};`;
	const child = spawn(process.execPath, ['-e', script, path], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.push(child);
	await new Promise<void>((ready, failed) => {
		child.stdout!.once('data', () => ready());
		child.once('exit', (code) => failed(new Error(`exited with ${code}`)));
	});
	return child;
}

describe.runIf(onSqlite)('backup', () => {
	it('refuses a DATABASE_URL where no database is, and creates nothing there', async () => {
		const mistyped = join(dir, 'ap.db');
		for (const argv of [
			['backup', '--to', join(dir, 'copy.db')],
			['reset-password', '--email', 'owner@demo.test'],
			['create-api-key', '--name', 'CRM', '--role', 'viewer']
		]) {
			const result = await admin(mistyped, ...argv);
			expect(result.code).toBe(1);
			expect(result.err).toContain(`There is no database at ${mistyped}`);
		}
		expect(readdirSync(dir)).toEqual([]);
	});

	it('lets create-user start a fresh install where no database is yet', async () => {
		const fresh = join(dir, 'new', 'app.db');
		const result = await admin(
			fresh,
			'create-user',
			'--email',
			'olga@example.com',
			'--name',
			'Olga',
			'--role',
			'owner',
			'--password',
			'a long password'
		);
		expect(result.code).toBe(0);
		expect(contents(fresh).users).toHaveLength(1);
	});

	it('refuses to write onto the live database, its WAL, or an existing file', async () => {
		const before = contents(url);
		const link = join(dir, 'link.db');
		symlinkSync(url, link);
		for (const target of [url, `${url}-wal`, `${url}-shm`, link, `file:${url}`]) {
			const result = await admin(url, 'backup', '--to', target);
			expect(result.code).toBe(1);
			expect(result.err).toContain('is the live database');
		}
		const older = join(dir, 'older.db');
		writeFileSync(older, 'last week');
		const result = await admin(url, 'backup', '--to', older);
		expect(result.code).toBe(1);
		expect(result.err).toContain('already exists');
		expect(contents(url)).toEqual(before);
	});

	it('copies a consistent snapshot while another process writes, which restores into a fresh file row for row', async () => {
		const writer = await otherProcess(
			url,
			"db.prepare('insert into tags (name) values (?)').run('load ' + process.pid + ' ' + i)"
		);
		const backup = join(dir, 'backup.db');
		const result = await admin(url, 'backup', '--to', backup);
		writer.kill('SIGKILL');
		expect(result).toMatchObject({ code: 0, out: `Backed up to ${backup}.` });
		expect(statSync(backup).mode & 0o777).toBe(0o600);
		const copied = contents(backup);
		expect(copied.tags!.filter((row) => row.includes('"load ')).length).toBeGreaterThan(0);
		expect(copied.responses!.length).toBeGreaterThan(1000);

		const fresh = join(dir, 'restored', 'app.db');
		const restored = await admin(fresh, 'restore', '--from', backup);
		expect(restored.code).toBe(0);
		expect(statSync(fresh).mode & 0o777).toBe(0o600);
		expect(contents(fresh)).toEqual(copied);
	}, 60_000);
});

describe.runIf(onSqlite)('restore', () => {
	async function liveCopy() {
		const live = join(dir, 'live', 'app.db');
		await admin(
			live,
			'create-user',
			'--email',
			'olga@example.com',
			'--name',
			'Olga',
			'--role',
			'owner',
			'--password',
			'a long password'
		);
		return live;
	}

	it('replaces the database and keeps the replaced one aside, WAL content included', async () => {
		const backup = join(dir, 'backup.db');
		await admin(url, 'backup', '--to', backup);
		const live = await liveCopy();
		// A write left in the WAL, as a stopped server may leave it.
		const writer = new Database(live);
		writer.pragma('wal_autocheckpoint = 0');
		writer.prepare("insert into tags (name) values ('only in the wal')").run();
		const replacedContents = contents(live);
		writer.close();

		const result = await admin(live, 'restore', '--from', backup);
		expect(result.code).toBe(0);
		const aside = readdirSync(join(dir, 'live')).filter((name) =>
			name.startsWith('app.db.replaced-')
		);
		expect(aside).toHaveLength(1);
		expect(result.out).toContain(`kept as ${join(dir, 'live', aside[0]!)}`);
		expect(contents(join(dir, 'live', aside[0]!))).toEqual(replacedContents);
		expect(statSync(join(dir, 'live', aside[0]!)).mode & 0o777).toBe(0o600);
		expect(contents(live)).toEqual(contents(backup));
	}, 30_000);

	it('erases again, in the restored database, the clients erased after the backup was taken', async () => {
		const live = join(dir, 'live.db');
		await admin(url, 'backup', '--to', live);
		const backup = join(dir, 'backup.db');
		await admin(live, 'backup', '--to', backup);
		const later = openSqlite(live);
		const [first, second] = await later
			.select({ id: clients.id, email: clients.email })
			.from(clients)
			.orderBy(clients.id)
			.limit(2);
		expect(await eraseClients(later, [first!.id, second!.id], {})).toBe(2);
		closeSqlite(later);

		const result = await admin(live, 'restore', '--from', backup);
		expect(result.code).toBe(0);
		expect(result.out).toContain('Erased again 2 clients erased after the backup was taken.');
		const restored = contents(live);
		expect(
			restored.clients!.some((row) => row.includes(first!.email) || row.includes(second!.email))
		).toBe(false);
		expect(restored.clients).toHaveLength(contents(backup).clients!.length - 2);
	}, 60_000);

	it('refuses while another process has the database open, and changes nothing', async () => {
		const backup = join(dir, 'backup.db');
		await admin(url, 'backup', '--to', backup);
		const live = await liveCopy();
		const before = contents(live);
		await otherProcess(live);
		const result = await admin(live, 'restore', '--from', backup);
		expect(result.code).toBe(1);
		expect(result.err).toContain('Another process has');
		expect(contents(live)).toEqual(before);
		expect(
			readdirSync(join(dir, 'live')).filter(
				(name) => name.includes('.replaced-') || name.includes('.restoring-')
			)
		).toEqual([]);
	}, 30_000);

	it('refuses a damaged backup, a file that is no database, and a backup from a newer Satisfy', async () => {
		const live = await liveCopy();
		const before = contents(live);

		const damaged = join(dir, 'damaged.db');
		await admin(url, 'backup', '--to', damaged);
		const file = new Database(damaged);
		const page = (
			file.prepare("select rootpage from sqlite_master where name = 'responses'").get() as {
				rootpage: number;
			}
		).rootpage;
		const pageSize = file.pragma('page_size', { simple: true }) as number;
		file.close();
		const bytes = readFileSync(damaged);
		bytes.fill(0x5a, (page - 1) * pageSize + 8, page * pageSize - 100);
		writeFileSync(damaged, bytes);
		const damagedResult = await admin(live, 'restore', '--from', damaged);
		expect(damagedResult.code).toBe(1);
		expect(damagedResult.err).toMatch(/is damaged|is not a readable SQLite database/);

		const text = join(dir, 'notes.txt');
		writeFileSync(text, 'not a database at all, just some words that are long enough for a header');
		expect((await admin(live, 'restore', '--from', text)).err).toContain(
			'is not a readable SQLite database'
		);

		const newer = join(dir, 'newer.db');
		await admin(url, 'backup', '--to', newer);
		const future = new Database(newer);
		future
			.prepare("insert into __drizzle_migrations (hash, created_at) values ('from the future', ?)")
			.run(Date.now() + 365 * 86_400_000);
		future.close();
		const newerResult = await admin(live, 'restore', '--from', newer);
		expect(newerResult.code).toBe(1);
		expect(newerResult.err).toContain('was made by a newer version of Satisfy');

		expect(contents(live)).toEqual(before);
		expect(existsSync(live)).toBe(true);
	}, 30_000);
});
