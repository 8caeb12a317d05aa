import { asc, eq } from 'drizzle-orm';
import { clientFilterSchema, type ClientFilter } from '../../schemas/client-filter';
import type { Db, Queryable } from '../db';
import { forUpdate, serializeOn } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { segments, users, userScopes } from '../db/schema';
import type { Role } from '../../roles';
import * as m from '../../paraglide/messages';
import { refuse, type Refusal, type Result } from '../../result';
import { countClients } from './queries';

export type Segment = { id: number; name: string; filter: ClientFilter; updatedAt: Date };

function asSegment(row: typeof segments.$inferSelect): Segment {
	// Stored filters were validated on the way in; parsing again guards against hand-edited rows.
	const parsed = clientFilterSchema.safeParse(row.filter);
	return {
		id: row.id,
		name: row.name,
		filter: parsed.success ? parsed.data : {},
		updatedAt: row.updatedAt
	};
}

export async function listSegments(db: Queryable, now = new Date()) {
	const rows = await db.select().from(segments).orderBy(asc(segments.name));
	const listed = [];
	for (const row of rows) {
		const segment = asSegment(row);
		listed.push({ ...segment, clients: await countClients(db, segment.filter, now) });
	}
	return listed;
}

/** Every segment's id and name, by name: for choosers that need no counts. */
export async function listSegmentNames(db: Queryable) {
	return db
		.select({ id: segments.id, name: segments.name })
		.from(segments)
		.orderBy(asc(segments.name));
}

/** Every segment's filter, for evaluating membership of one client. */
export async function listSegmentFilters(db: Queryable): Promise<Pick<Segment, 'id' | 'filter'>[]> {
	return (await db.select().from(segments)).map(asSegment);
}

export async function getSegment(db: Queryable, id: number): Promise<Segment | null> {
	const row = await first(db.select().from(segments).where(eq(segments.id, id)));
	return row ? asSegment(row) : null;
}

/** The names of the users a segment limits (Settings → Users), for refusals that say whom. */
export async function usersLimitedBy(db: Queryable, segmentId: number): Promise<string[]> {
	const rows = await db
		.select({ name: users.name })
		.from(userScopes)
		.innerJoin(users, eq(users.id, userScopes.userId))
		.where(eq(userScopes.segmentId, segmentId))
		.orderBy(asc(users.name));
	return rows.map(({ name }) => name);
}

const limitsSomeone = (names: string[], segment: string) =>
	m.segments_limits_someone_refused({ count: names.length, segment, names: names.join(', ') });

/**
 * Why this user may not save a filter under this name, or null if they may: a segment that limits
 * someone is redefined by owners only, as anyone else could widen their own scope so.
 */
export async function redefinitionRefusal(
	db: Queryable,
	name: string,
	role: Role
): Promise<Refusal | null> {
	const existing = await first(
		db.select({ id: segments.id }).from(segments).where(eq(segments.name, name))
	);
	const limited = existing ? await usersLimitedBy(db, existing.id) : [];
	return limited.length && role !== 'owner' ? refuse(409, limitsSomeone(limited, name)) : null;
}

type SegmentInput = { name: string; filter: ClientFilter; userId: string | null };

async function writeSegment(tx: Db, input: SegmentInput) {
	const now = new Date();
	// A new name has no row to lock yet: two requests could both find none.
	await serializeOn(tx, `segments:${input.name}`);
	const existing = await first(
		forUpdate(tx.select().from(segments).where(eq(segments.name, input.name)))
	);
	if (existing) {
		await tx
			.update(segments)
			.set({ filter: input.filter, updatedAt: now })
			.where(eq(segments.id, existing.id));
		return { id: existing.id, replaced: true };
	}
	const created = await first(
		tx
			.insert(segments)
			.values({
				name: input.name,
				filter: input.filter,
				createdBy: input.userId,
				createdAt: now,
				updatedAt: now
			})
			.returning()
	);
	return { id: created!.id, replaced: false };
}

export async function saveSegment(db: Db, input: SegmentInput) {
	return inTransaction(db, (tx) => writeSegment(tx, input));
}

/**
 * Saves a filter under a name as `role` may (see `redefinitionRefusal`), the check and the write
 * in one transaction.
 */
export async function saveSegmentAs(
	db: Db,
	input: SegmentInput,
	role: Role
): Promise<Result<{ id: number; replaced: boolean }>> {
	return inTransaction(db, async (tx): Promise<Result<{ id: number; replaced: boolean }>> => {
		const refusal = await redefinitionRefusal(tx, input.name, role);
		if (refusal) return refusal;
		return { ok: true, ...(await writeSegment(tx, input)) };
	});
}

/** Deletes a segment unless it limits someone's scope. */
export async function deleteSegment(db: Db, id: number): Promise<Result<{ name: string }>> {
	return inTransaction(db, async (tx): Promise<Result<{ name: string }>> => {
		const segment = await getSegment(tx, id);
		if (!segment) return refuse(404, m.clients_segment_not_found());
		const limited = await usersLimitedBy(tx, id);
		if (limited.length) return refuse(409, limitsSomeone(limited, segment.name));
		await tx.delete(segments).where(eq(segments.id, id));
		return { ok: true, name: segment.name };
	});
}
