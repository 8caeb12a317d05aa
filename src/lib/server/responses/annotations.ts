import { and, eq, inArray } from 'drizzle-orm';
import type { ResponseAnnotation } from '../../schemas/response-annotation';
import { refuse, type Result } from '../../result';
import { recordAuditSync, type Actor } from '../audit';
import type { Db, Queryable } from '../db';
import { responses, responseTags } from '../db/schema';

/** A response's tags (sorted) and internal note. */
export function responseAnnotation(db: Queryable, responseId: number) {
	const response = db
		.select({ note: responses.note, noteUpdatedAt: responses.noteUpdatedAt })
		.from(responses)
		.where(eq(responses.id, responseId))
		.get();
	if (!response) return null;
	const tags = db
		.select({ tag: responseTags.tag })
		.from(responseTags)
		.where(eq(responseTags.responseId, responseId))
		.orderBy(responseTags.tag)
		.all()
		.map(({ tag }) => tag);
	return { tags, ...response };
}

/**
 * Replaces a response's tags and note with those given. A change is audited with the tags added
 * and removed; the note's text stays out of the log, which must hold no personal data.
 */
export function annotateResponse(
	db: Db,
	responseId: number,
	input: ResponseAnnotation,
	actor: Actor
): Result<{ changed: boolean }> {
	return db.transaction((tx) => {
		const before = responseAnnotation(tx, responseId);
		if (!before) return refuse(404, 'No such response.');
		const added = input.tags.filter((tag) => !before.tags.includes(tag));
		const removed = before.tags.filter((tag) => !input.tags.includes(tag));
		const noteChanged = input.note !== before.note;
		if (!added.length && !removed.length && !noteChanged) return { ok: true, changed: false };
		if (removed.length)
			tx.delete(responseTags)
				.where(and(eq(responseTags.responseId, responseId), inArray(responseTags.tag, removed)))
				.run();
		if (added.length)
			tx.insert(responseTags)
				.values(added.map((tag) => ({ responseId, tag })))
				.run();
		if (noteChanged)
			tx.update(responses)
				.set({ note: input.note, noteUpdatedAt: new Date() })
				.where(eq(responses.id, responseId))
				.run();
		recordAuditSync(tx, actor, 'response.annotate', `response:${responseId}`, {
			tagsAdded: added,
			tagsRemoved: removed,
			noteChanged
		});
		return { ok: true, changed: true };
	});
}
