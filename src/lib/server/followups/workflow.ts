import type { Refusal } from '../../result';
import { eq } from 'drizzle-orm';
import { nextStatuses, needsNote, noteRequired, type CaseStatus } from '../../followups/case-model';
import type { CaseEventMessage, CaseHolder } from '../../followups/event-text';
import * as m from '../../paraglide/messages';
import { hasRole, type Role } from '../../roles';
import type { Db, Queryable } from '../db';
import { forUpdate } from '../db/dialect';
import { first } from '../db/queries';
import { clients, followupCases, followupEvents, users } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { enqueueNotification } from '../mail/queue';
import { askClientIfResolved } from './resolution-check';
import { caseAssignedEmail } from './emails';
import { isActiveUser } from './rules';
import { domainEvents } from '../events/bus';

/** Who changes a case: a signed-in person, or another system through an API key. */
export type CaseActor = { userId: string; name: string } | { apiKeyName: string };

export type CaseChanges = {
	status?: CaseStatus;
	note?: string;
	assigneeId?: string | null;
	dueAt?: Date;
	comment?: string;
};

export type CaseRefusal = Refusal & {
	status: 400 | 404 | 409;
	field?: 'status' | 'note' | 'assigneeId' | 'dueAt' | 'comment';
};

/** Managers and owners act on every case; anyone, a viewer included, on the cases assigned to them. */
export function canActOnCase(
	user: { id: string; role: Role },
	kase: { assigneeId: string | null }
): boolean {
	return hasRole(user.role, 'manager') || kase.assigneeId === user.id;
}

const holder = async (db: Queryable, id: string | null): Promise<CaseHolder> =>
	id
		? ((await first(db.select({ name: users.name }).from(users).where(eq(users.id, id))))?.name ?? {
				former: true
			})
		: null;

type Case = typeof followupCases.$inferSelect;

/** A status as a sentence says it: "A case that is won’t fix cannot become in progress." */
const statusInSentence: Record<CaseStatus, () => string> = {
	open: m.case_event_status_open_in_sentence,
	in_progress: m.case_event_status_in_progress_in_sentence,
	resolved: m.case_event_status_resolved_in_sentence,
	wont_fix: m.case_event_status_wont_fix_in_sentence
};

async function refusalOf(
	db: Queryable,
	kase: Case,
	changes: CaseChanges
): Promise<CaseRefusal | null> {
	if (changes.status && changes.status !== kase.status) {
		if (!nextStatuses[kase.status].includes(changes.status)) {
			return {
				ok: false,
				status: 409,
				field: 'status',
				message: m.case_event_transition_refused({
					from: statusInSentence[kase.status](),
					to: statusInSentence[changes.status]()
				})
			};
		}
		if (needsNote(changes.status) && !changes.note?.trim()) {
			return {
				ok: false,
				status: 400,
				field: 'note',
				message: noteRequired[changes.status as 'resolved' | 'wont_fix']
			};
		}
	}
	if (changes.assigneeId && !(await isActiveUser(db, changes.assigneeId)))
		return {
			ok: false,
			status: 400,
			field: 'assigneeId',
			message: m.cases_assignee_inactive_refused()
		};
	return null;
}

/**
 * Applies a person's changes to a case in one transaction: every change is an event with its
 * actor and time, the first one by a person (status, comment, reassignment) stamps the first
 * action, and a new assignee gets an email. Resolving may then ask the client "Did we resolve
 * it?" (see resolution-check.ts), after the case is saved.
 */
export async function updateCase(
	db: Db,
	caseId: number,
	changes: CaseChanges,
	actor: CaseActor,
	now = new Date()
): Promise<{ ok: true } | CaseRefusal> {
	const outcome = await inTransaction(db, async (tx) => {
		const kase = await first(
			forUpdate(tx.select().from(followupCases).where(eq(followupCases.id, caseId)))
		);
		if (!kase) return { ok: false as const, status: 404 as const, message: m.cases_not_found() };
		const refusal = await refusalOf(tx, kase, changes);
		if (refusal) return refusal;
		const actorId = 'userId' in actor ? actor.userId : null;
		const via = 'apiKeyName' in actor ? { apiKey: actor.apiKeyName } : null;
		// Satisfy's words are a code, worded when read; a comment is the person's text.
		const event = async (
			kind: (typeof followupEvents.$inferInsert)['kind'],
			what: CaseEventMessage | { comment: string }
		) => {
			const written =
				'comment' in what
					? { code: null, params: via, detail: what.comment }
					: { code: what.code, params: { ...what.params, ...via }, detail: null };
			await tx.insert(followupEvents).values({ caseId, kind, actorId, ...written, at: now });
		};
		const update: Partial<Case> = {};
		let acted = false;

		if (changes.assigneeId !== undefined && changes.assigneeId !== kase.assigneeId) {
			update.assigneeId = changes.assigneeId;
			await event('assigned', {
				code: 'reassigned',
				params: {
					from: await holder(tx, kase.assigneeId),
					to: await holder(tx, changes.assigneeId)
				}
			});
			acted = true;
		}
		if (changes.dueAt && changes.dueAt.getTime() !== kase.dueAt.getTime()) {
			update.dueAt = changes.dueAt;
			await event('due', {
				code: 'dueChanged',
				params: { from: kase.dueAt.toISOString(), to: changes.dueAt.toISOString() }
			});
		}
		if (changes.comment?.trim()) {
			await event('comment', { comment: changes.comment.trim() });
			acted = true;
		}
		if (changes.status && changes.status !== kase.status) {
			const note = changes.note?.trim() ?? '';
			const closing = needsNote(changes.status);
			update.status = changes.status;
			// A closed case keeps when and why in resolvedAt and the note; reopening clears both (the history keeps them).
			update.resolvedAt = closing ? now : null;
			update.resolutionNote = closing ? note : null;
			await event('status', {
				code: 'statusChanged',
				params: { from: kase.status, to: changes.status, ...(closing && { note }) }
			});
			acted = true;
		}
		if (!Object.keys(update).length && !acted) return { ok: true as const, resolved: false };
		if (acted && !kase.firstActionAt) update.firstActionAt = now;
		await tx
			.update(followupCases)
			.set({ ...update, updatedAt: now })
			.where(eq(followupCases.id, caseId));
		if (update.status === 'resolved')
			await domainEvents.dispatch(tx, 'case.resolved', { caseId, at: now });
		if (update.assigneeId && update.assigneeId !== actorId)
			await notifyAssignee(
				tx,
				{ ...kase, ...update } as Case,
				'userId' in actor ? actor.name : `API key “${actor.apiKeyName}”`,
				now
			);
		return { ok: true as const, resolved: update.status === 'resolved' };
	});
	if (!outcome.ok) return outcome;
	if (outcome.resolved) await askClientIfResolved(db, caseId, now);
	return { ok: true };
}

async function notifyAssignee(db: Queryable, kase: Case, by: string, now: Date): Promise<void> {
	const assignee = (await first(
		db
			.select({ name: users.name, email: users.email, language: users.language })
			.from(users)
			.where(eq(users.id, kase.assigneeId!))
	))!;
	const clientName =
		kase.clientId === null
			? null
			: ((
					await first(
						db.select({ name: clients.name }).from(clients).where(eq(clients.id, kase.clientId))
					)
				)?.name ?? null);
	const summary = {
		id: kase.id,
		clientName,
		triggers: kase.trigger.triggers,
		items: kase.trigger.items,
		dueAt: kase.dueAt
	};
	await enqueueNotification(
		db,
		assignee.email,
		caseAssignedEmail(summary, { kind: 'reassigned', by }, assignee.language),
		now
	);
	await db.insert(followupEvents).values({
		caseId: kase.id,
		kind: 'notified',
		actorId: null,
		code: 'emailed',
		params: { name: assignee.name },
		at: now
	});
}
