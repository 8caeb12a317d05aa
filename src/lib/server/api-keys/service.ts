import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../roles';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { apiKeys, type ApiKey } from '../db/schema';
import { issueToken, parseToken, secretMatches } from '../auth/token';

/** Lets secret scanners and people recognise a leaked key. */
export const API_KEY_PREFIX = 'sfy_';

/** How often `lastUsedAt` is written: a busy integration need not write on every call. */
const LAST_USED_RESOLUTION_MS = 60 * 1000;

export type ApiKeySummary = Omit<ApiKey, 'secretHash'>;

/** The plain key is returned here once and never again: only its hash is kept. */
export async function createApiKey(
	db: Db,
	input: { name: string; role: Role; createdBy: string | null }
) {
	const { id, token, secretHash } = issueToken(API_KEY_PREFIX);
	const [row] = await inTransaction(db, (tx) =>
		tx
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
	);
	const { secretHash: _hash, ...apiKey } = row!;
	return { key: token, apiKey };
}

export async function listApiKeys(db: Queryable): Promise<ApiKeySummary[]> {
	const rows = await db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
	return rows.map(({ secretHash: _hash, ...key }) => key);
}

export async function revokeApiKey(db: Db, id: string, now = new Date()): Promise<boolean> {
	const revoked = await inTransaction(db, (tx) =>
		tx
			.update(apiKeys)
			.set({ revokedAt: now })
			.where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
			.returning({ id: apiKeys.id })
	);
	return revoked.length > 0;
}

/**
 * The live key behind a bearer token, or null when it is malformed, unknown, revoked or forged.
 * It reads outside any transaction (every API call comes here): the write it may then make,
 * `lastUsedAt`, is right whatever ran in between.
 */
export async function authenticateApiKey(
	db: Db,
	bearer: string,
	now = new Date()
): Promise<ApiKeySummary | null> {
	const parts = parseToken(bearer, API_KEY_PREFIX);
	if (!parts) return null;
	const row = await first(db.select().from(apiKeys).where(eq(apiKeys.id, parts.id)));
	if (!row || row.revokedAt || !secretMatches(parts.secret, row.secretHash)) return null;
	if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
		await inTransaction(db, async (tx) => {
			await tx.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
		});
	}
	const { secretHash: _hash, ...key } = row;
	return key;
}
