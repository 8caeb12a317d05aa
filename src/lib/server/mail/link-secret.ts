import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appConfig } from '../config';
import type { Db } from '../db';

const kept = new Map<string, Uint8Array>();

/**
 * The key personal links are derived from (personal-link.ts): LINK_SECRET when set (several app
 * nodes must share it), else one generated once and kept in `link-secret` next to the database
 * file, readable by its owner only. Never in the database: a copy of it alone computes no link.
 */
export function linkSecret(db: Db, configured = appConfig().linkSecret): Uint8Array {
	if (configured) return new TextEncoder().encode(configured);
	const file = db.$client.memory ? ':memory:' : join(dirname(db.$client.name), 'link-secret');
	let secret = kept.get(file);
	if (!secret) {
		secret = file === ':memory:' ? randomBytes(32) : secretInFile(file);
		kept.set(file, secret);
	}
	return secret;
}

function secretInFile(file: string): Uint8Array {
	try {
		return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
	// Written aside, then linked into place: a second process starting at the same moment either
	// links first or reads the complete file, never a half-written one.
	const draft = `${file}.${process.pid}.tmp`;
	writeFileSync(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
	try {
		linkSync(draft, file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	} finally {
		unlinkSync(draft);
	}
	return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}
