import { and, eq, inArray } from 'drizzle-orm';
import type { ResponseAnnotation } from '../../schemas/response-annotation';
import * as m from '../../paraglide/messages';
import { refuse, type Result } from '../../result';
import { recordAudit, type Actor } from '../audit';
import type { Db, Queryable } from '../db';
import { forUpdate } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { responses, responseTags } from '../db/schema';

/** A response's tags (sorted) and internal note; `lock`ed for a transaction that will change them. */
export async function responseAnnotation(db: Queryable, responseId: number, lock = false) {
	const query = db
		.select({ note: responses.note, noteUpdatedAt: responses.noteUpdatedAt })
		.from(responses)
		.where(eq(responses.id, responseId));
	const response = await first(lock ? forUpdate(query) : query);
	if (!response) return null;
	const rows = await db
		.select({ tag: responseTags.tag })
		.from(responseTags)
		.where(eq(responseTags.responseId, responseId))
		.orderBy(responseTags.tag);
	return { tags: rows.map(({ tag }) => tag), ...response };
}

/**
 * Replaces a response's tags and note with those given. A change is audited with the tags added
 * and removed; the note's text stays out of the log, which must hold no personal data.
 */
export async function annotateResponse(
	db: Db,
	responseId: number,
	input: ResponseAnnotation,
	actor: Actor
): Promise<Result<{ changed: boolean }>> {
	return inTransaction(db, async (tx): Promise<Result<{ changed: boolean }>> => {
		const before = await responseAnnotation(tx, responseId, true);
		if (!before) return refuse(404, m.responses_not_found());
		const added = input.tags.filter((tag) => !before.tags.includes(tag));
		const removed = before.tags.filter((tag) => !input.tags.includes(tag));
		const noteChanged = input.note !== before.note;
		if (!added.length && !removed.length && !noteChanged) return { ok: true, changed: false };
		if (removed.length)
			await tx
				.delete(responseTags)
				.where(and(eq(responseTags.responseId, responseId), inArray(responseTags.tag, removed)));
		if (added.length)
			await tx.insert(responseTags).values(added.map((tag) => ({ responseId, tag })));
		if (noteChanged)
			await tx
				.update(responses)
				.set({ note: input.note, noteUpdatedAt: new Date() })
				.where(eq(responses.id, responseId));
		await recordAudit(tx, actor, 'response.annotate', `response:${responseId}`, {
			tagsAdded: added,
			tagsRemoved: removed,
			noteChanged
		});
		return { ok: true, changed: true };
	});
}
