import { asc, eq } from 'drizzle-orm';
import { clientFilterSchema, type ClientFilter } from '../../schemas/client-filter';
import type { Queryable } from '../db';
import { segments } from '../db/schema';
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

/** Every segment's filter, for evaluating membership of one client. */
export function listSegmentFilters(db: Queryable): Pick<Segment, 'id' | 'filter'>[] {
	return db.select().from(segments).all().map(asSegment);
}

export function getSegment(db: Queryable, id: number): Segment | null {
	const row = db.select().from(segments).where(eq(segments.id, id)).get();
	return row ? asSegment(row) : null;
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

export function deleteSegment(db: Queryable, id: number): boolean {
	return db.delete(segments).where(eq(segments.id, id)).returning().get() !== undefined;
}
