import { asc, eq } from 'drizzle-orm';
import { clientFilterSchema, type ClientFilter } from '../../schemas/client-filter';
import type { Queryable } from '../db';
import { segments, users, userScopes } from '../db/schema';
import type { Role } from '../../roles';
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

export function listSegments(db: Queryable, now = new Date()) {
	return db
		.select()
		.from(segments)
		.orderBy(asc(segments.name))
		.all()
		.map((row) => {
			const segment = asSegment(row);
			return { ...segment, clients: countClients(db, segment.filter, now) };
		});
}

/** Every segment's id and name, by name: for choosers that need no counts. */
export function listSegmentNames(db: Queryable) {
	return db
		.select({ id: segments.id, name: segments.name })
		.from(segments)
		.orderBy(asc(segments.name))
		.all();
}

/** Every segment's filter, for evaluating membership of one client. */
export function listSegmentFilters(db: Queryable): Pick<Segment, 'id' | 'filter'>[] {
	return db.select().from(segments).all().map(asSegment);
}

export function getSegment(db: Queryable, id: number): Segment | null {
	const row = db.select().from(segments).where(eq(segments.id, id)).get();
	return row ? asSegment(row) : null;
}

/** The names of the users a segment limits (Settings → Users), for refusals that say whom. */
export function usersLimitedBy(db: Queryable, segmentId: number): string[] {
	return db
		.select({ name: users.name })
		.from(userScopes)
		.innerJoin(users, eq(users.id, userScopes.userId))
		.where(eq(userScopes.segmentId, segmentId))
		.orderBy(asc(users.name))
		.all()
		.map(({ name }) => name);
}

const limitsSomeone = (names: string[], segment: string) =>
	`“${segment}” limits what ${names.join(', ')} may see: an owner changes ${names.length > 1 ? 'their' : 'that'} scope in Settings → Users first.`;

/**
 * Why this user may not save a filter under this name, or null if they may: a segment that limits
 * someone is redefined by owners only, as anyone else could widen their own scope so.
 */
export function redefinitionRefusal(db: Queryable, name: string, role: Role): Refusal | null {
	const existing = db
		.select({ id: segments.id })
		.from(segments)
		.where(eq(segments.name, name))
		.get();
	const limited = existing ? usersLimitedBy(db, existing.id) : [];
	return limited.length && role !== 'owner' ? refuse(409, limitsSomeone(limited, name)) : null;
}

export function saveSegment(
	db: Queryable,
	input: { name: string; filter: ClientFilter; userId: string | null }
) {
	const now = new Date();
	const existing = db.select().from(segments).where(eq(segments.name, input.name)).get();
	if (existing) {
		db.update(segments)
			.set({ filter: input.filter, updatedAt: now })
			.where(eq(segments.id, existing.id))
			.run();
		return { id: existing.id, replaced: true };
	}
	const created = db
		.insert(segments)
		.values({
			name: input.name,
			filter: input.filter,
			createdBy: input.userId,
			createdAt: now,
			updatedAt: now
		})
		.returning()
		.get();
	return { id: created.id, replaced: false };
}

/** Deletes a segment unless it limits someone's scope. */
export function deleteSegment(db: Queryable, id: number): Result<{ name: string }> {
	const segment = getSegment(db, id);
	if (!segment) return refuse(404, 'No such segment.');
	const limited = usersLimitedBy(db, id);
	if (limited.length) return refuse(409, limitsSomeone(limited, segment.name));
	db.delete(segments).where(eq(segments.id, id)).run();
	return { ok: true, name: segment.name };
}
