import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../roles';
import type { Queryable } from '../db';
import { apiKeys, type ApiKey } from '../db/schema';
import { issueToken, parseToken, secretMatches } from '../auth/token';

/** Lets secret scanners and people recognise a leaked key. */
export const API_KEY_PREFIX = 'sfy_';

/** How often `lastUsedAt` is written: a busy integration need not write on every call. */
const LAST_USED_RESOLUTION_MS = 60 * 1000;

export type ApiKeySummary = Omit<ApiKey, 'secretHash'>;

/** The plain key is returned here once and never again: only its hash is kept. */
export function createApiKey(
	db: Queryable,
	input: { name: string; role: Role; createdBy: string | null }
) {
	const { id, token, secretHash } = issueToken(API_KEY_PREFIX);
	const { secretHash: _hash, ...apiKey } = db
		.insert(apiKeys)
		.values({
			id,
			name: input.name,
			role: input.role,
			secretHash,
			createdBy: input.createdBy,
			createdAt: new Date()
		})
		.returning()
		.get();
	return { key: token, apiKey };
}

export function listApiKeys(db: Queryable): ApiKeySummary[] {
	return db
		.select()
		.from(apiKeys)
		.orderBy(desc(apiKeys.createdAt))
		.all()
		.map(({ secretHash: _hash, ...key }) => key);
}

export function revokeApiKey(db: Queryable, id: string, now = new Date()): boolean {
	const revoked = db
		.update(apiKeys)
		.set({ revokedAt: now })
		.where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
		.returning({ id: apiKeys.id })
		.get();
	return revoked !== undefined;
}

/** The live key behind a bearer token, or null when it is malformed, unknown, revoked or forged. */
export function authenticateApiKey(
	db: Queryable,
	bearer: string,
	now = new Date()
): ApiKeySummary | null {
	const parts = parseToken(bearer, API_KEY_PREFIX);
	if (!parts) return null;
	const row = db.select().from(apiKeys).where(eq(apiKeys.id, parts.id)).get();
	if (!row || row.revokedAt || !secretMatches(parts.secret, row.secretHash)) return null;
	if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
		db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id)).run();
	}
	const { secretHash: _hash, ...key } = row;
	return key;
}
