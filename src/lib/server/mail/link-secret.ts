import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { appConfig } from '../config';
import type { Db } from '../db';
import { onPostgres } from '../db/transaction';

const kept = new Map<string, Uint8Array>();

/**
 * The key personal links are derived from (personal-link.ts): LINK_SECRET when set (several app
 * nodes must share it), else one generated once and kept in `link-secret` next to the database
 * file, readable by its owner only. Never in the database: a copy of it alone computes no link.
 * On PostgreSQL there is no such file, and with a secret of its own each app node would give an
 * email another node had tried to send a new link, and the first one would stop working:
 * LINK_SECRET is required there (config.ts refuses to start without it).
 * Asynchronous (file I/O): call it outside transactions.
 */
export async function linkSecret(db: Db, configured = appConfig().linkSecret): Promise<Uint8Array> {
	if (configured) return new TextEncoder().encode(configured);
	if (onPostgres(db))
		throw new Error(
			'Set LINK_SECRET (32 characters or more, the same on every app node): on PostgreSQL ' +
				'there is no database file to keep a generated one next to, and it never goes inside ' +
				'the database'
		);
	const file = db.$client.memory ? ':memory:' : join(dirname(db.$client.name), 'link-secret');
	let secret = kept.get(file);
	if (!secret) {
		secret = file === ':memory:' ? randomBytes(32) : await secretInFile(file);
		// Two first calls at once both read (or link) the same file: the first one kept wins.
		if (!kept.has(file)) kept.set(file, secret);
		secret = kept.get(file)!;
	}
	return secret;
}

async function secretInFile(file: string): Promise<Uint8Array> {
	try {
		return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	// Written aside, then linked into place: a second process starting at the same moment either
	// links first or reads the complete file, never a half-written one.
	const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
	await writeFile(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
	try {
		await link(draft, file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	} finally {
		await unlink(draft);
	}
	return new TextEncoder().encode((await readFile(file, 'utf8')).trim());
}
