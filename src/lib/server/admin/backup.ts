import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import {
	chmodSync,
	closeSync,
	constants,
	copyFileSync,
	existsSync,
	mkdirSync,
	openSync,
	realpathSync,
	renameSync,
	rmSync
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from '../db';
import { migrationsFolder } from '../db';

export type Outcome = { ok: true; message: string } | { ok: false; message: string };

/** A restore also says where the replaced database was kept, if there was one. */
export type RestoreOutcome =
	{ ok: true; message: string; replaced: string | null } | { ok: false; message: string };

/** The path as the file system sees it: symlinks and `..` resolved, even for a file not yet there. */
function realPath(path: string): string {
	if (existsSync(path)) return realpathSync(path);
	return existsSync(dirname(path)) ? join(realpathSync(dirname(path)), basename(path)) : path;
}

const sidecars = (path: string) => [`${path}-wal`, `${path}-shm`];

/**
 * A consistent copy of the live database in one read transaction (`VACUUM INTO`), so writers
 * carry on meanwhile and never make it start over. A backup never replaces a file: not the live
 * database or its -wal/-shm, and not an older backup either.
 */
export async function backupDatabase(db: Db, livePath: string, target: string): Promise<Outcome> {
	const live = realPath(livePath);
	const to = realPath(target);
	if ([live, ...sidecars(live)].includes(to))
		return { ok: false, message: `${target} is the live database; back up to another file.` };
	if (existsSync(target))
		return {
			ok: false,
			message: `${target} already exists; backups never overwrite a file. Choose a new name or delete it first.`
		};
	if (!existsSync(dirname(target)))
		return { ok: false, message: `The folder ${dirname(target)} does not exist.` };
	// Created empty with the owner's permissions only (it holds personal data); VACUUM INTO accepts an empty file.
	closeSync(openSync(target, 'wx', 0o600));
	try {
		// SQLite's own copy, on the connection that reads (one read transaction).
		db.$client.prepare('VACUUM INTO ?').run(target);
	} catch (error) {
		rmSync(target, { force: true });
		throw error;
	}
	return { ok: true, message: `Backed up to ${target}.` };
}

/** Why a file cannot be restored (not a database, damaged, from a newer Satisfy), or null if it can. */
function unrestorable(from: string): string | null {
	if (!existsSync(from)) return `${from} does not exist.`;
	let backup: Database.Database | undefined;
	try {
		backup = new Database(from, { readonly: true, fileMustExist: true });
		const problems = backup.pragma('integrity_check', { simple: false }) as {
			integrity_check: string;
		}[];
		if (problems[0]?.integrity_check !== 'ok')
			return `${from} is damaged (integrity check: ${problems
				.slice(0, 3)
				.map((row) => row.integrity_check)
				.join('; ')}).`;
		const applied = backup
			.prepare(
				"select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'"
			)
			.get()
			? (
					backup.prepare('select max(created_at) as newest from __drizzle_migrations').get() as {
						newest: number | null;
					}
				).newest
			: null;
		if (applied === null) return `${from} is not a Satisfy database (it has no migrations table).`;
		const known = Math.max(
			...readMigrationFiles({ migrationsFolder: migrationsFolder() }).map(
				({ folderMillis }) => folderMillis
			)
		);
		// An older backup is fine: the server applies the missing migrations when it starts.
		if (Number(applied) > known)
			return `${from} was made by a newer version of Satisfy (schema of ${new Date(Number(applied)).toISOString()}); upgrade Satisfy before restoring it.`;
		return null;
	} catch (error) {
		if (error instanceof Database.SqliteError)
			return `${from} is not a readable SQLite database (${error.message}).`;
		throw error;
	} finally {
		backup?.close();
	}
}

/**
 * Replaces the live database with a checked backup. The live file is locked exclusively
 * throughout, which fails while any other process (a server) has it open; its content, WAL
 * included, is kept aside as `<live>.replaced-<time>`.
 */
export async function restoreDatabase(
	livePath: string,
	from: string,
	now = new Date()
): Promise<RestoreOutcome> {
	if (realPath(from) === realPath(livePath))
		return { ok: false, message: `${from} is the live database itself.` };
	const problem = unrestorable(from);
	if (problem) return { ok: false, message: problem };
	mkdirSync(dirname(livePath), { recursive: true });
	const stamp = now.toISOString().replace(/[:.]/g, '-');
	const incoming = `${livePath}.restoring-${stamp}`;
	const backup = new Database(from, { readonly: true, fileMustExist: true });
	let live: Database.Database | undefined;
	let restored = false;
	try {
		if (existsSync(livePath)) {
			live = new Database(livePath, { fileMustExist: true });
			live.pragma('busy_timeout = 0');
			// In exclusive locking mode the first transaction takes the file lock and keeps it until
			// close. Every open WAL connection holds a shared lock, so this fails while a server runs
			// (a plain BEGIN EXCLUSIVE would not: in WAL mode it leaves readers be).
			live.pragma('locking_mode = EXCLUSIVE');
			try {
				live.exec('BEGIN EXCLUSIVE; COMMIT');
			} catch (error) {
				if (error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY')) {
					return {
						ok: false,
						message: `Another process has ${livePath} open: stop the server (and any admin command) before restoring.`
					};
				}
				throw error;
			}
			live.pragma('wal_checkpoint(TRUNCATE)');
		}
		closeSync(openSync(incoming, 'wx', 0o600));
		backup.prepare('VACUUM INTO ?').run(incoming);
		let aside: string | null = null;
		if (live) {
			aside = `${livePath}.replaced-${stamp}`;
			copyFileSync(livePath, aside, constants.COPYFILE_EXCL);
			chmodSync(aside, 0o600);
		}
		renameSync(incoming, livePath);
		restored = true;
		return {
			ok: true,
			message: `Restored ${from} into ${livePath}.${aside ? ` The replaced database is kept as ${aside}.` : ''} Start the server: it applies any newer migrations.`,
			replaced: aside
		};
	} finally {
		backup.close();
		live?.close();
		rmSync(incoming, { force: true });
		// The replaced database's checkpointed, empty WAL and its index must not meet the restored file.
		if (restored) for (const sidecar of sidecars(livePath)) rmSync(sidecar, { force: true });
	}
}
