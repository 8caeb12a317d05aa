import { and, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as m from '../../paraglide/messages';
import { refuse, type Result } from '../../result';
import { distinctWords } from '../../schemas/models';
import type { TopicInput } from '../../schemas/topics';
import type { Db, Queryable } from '../db';
import { first } from '../db/queries';
import { topics } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { engine } from '../db/engine';

/**
 * Topics a manager names by their words. A change here changes the scorer's fingerprint
 * (columns.ts): the worker then re-tags every stored text in the background (rescore.ts).
 */

export type Topic = { id: number; name: string; keywords: string[] };

const topicColumns = { id: topics.id, name: topics.name, keywords: topics.keywords };

export const listTopics = (db: Queryable): Promise<Topic[]> =>
	db
		.select(topicColumns)
		.from(topics)
		.orderBy(sql`lower(${topics.name})`, topics.id);

export const getTopic = (db: Queryable, id: number): Promise<Topic | undefined> =>
	first(db.select(topicColumns).from(topics).where(eq(topics.id, id)));

/** Each topic's name by its id as texts are tagged with it ('3'). */
export const topicNames = async (db: Queryable): Promise<Map<string, string>> =>
	new Map((await listTopics(db)).map(({ id, name }) => [String(id), name]));

/** Names differ in more than case: "Staff" and "staff" would read as one topic on the page. */
async function nameTaken(db: Queryable, name: string, otherThan?: number): Promise<boolean> {
	const sameName = sql`lower(${topics.name}) = ${name.toLowerCase()}`;
	const found = await first(
		db
			.select({ id: topics.id })
			.from(topics)
			.where(otherThan === undefined ? sameName : and(sameName, ne(topics.id, otherThan)))
	);
	return found !== undefined;
}

const nameRefusal = (name: string) => ({
	...refuse(409, m.topics_name_taken_refused({ name })),
	field: 'name'
});

export function createTopic(db: Db, input: TopicInput): Promise<Result<{ id: number }>> {
	return inTransaction(db, async (tx) => {
		if (await nameTaken(tx, input.name)) return nameRefusal(input.name);
		const now = new Date();
		const [created] = await tx
			.insert(topics)
			.values({
				name: input.name,
				keywords: distinctWords(input.keywords),
				createdAt: now,
				updatedAt: now
			})
			.returning({ id: topics.id });
		return { ok: true, id: created!.id };
	});
}

const noSuchTopic = () => refuse(404, m.topics_not_found());

export function updateTopic(db: Db, id: number, input: TopicInput): Promise<Result> {
	return inTransaction(db, async (tx) => {
		if (await nameTaken(tx, input.name, id)) return nameRefusal(input.name);
		const updated = await tx
			.update(topics)
			.set({ name: input.name, keywords: distinctWords(input.keywords), updatedAt: new Date() })
			.where(eq(topics.id, id))
			.returning({ id: topics.id });
		return updated.length ? { ok: true } : noSuchTopic();
	});
}

/** The texts lose the topic's tag with the next re-scoring; the sentiment page drops it at once. */
export function deleteTopic(db: Db, id: number): Promise<Result> {
	return inTransaction(db, async (tx) => {
		const deleted = await tx.delete(topics).where(eq(topics.id, id)).returning({ id: topics.id });
		return deleted.length ? { ok: true } : noSuchTopic();
	});
}

/** A condition on a sentiment detail column (answers' or reviews'): its text mentions the topic. */
export const mentionsTopic = (detail: AnySQLiteColumn, topicId: number): SQL =>
	engine === 'postgres'
		? sql`exists (select 1 from json_array_elements(${detail} -> 'topics') as tagged where tagged ->> 'topic' = ${String(topicId)})`
		: sql`exists (select 1 from json_each(${detail}, '$.topics') where json_extract(value, '$.topic') = ${String(topicId)})`;
