import type { Refusal } from '../../result';
import { eq } from 'drizzle-orm';
import {
	dueText,
	nextStatuses,
	needsNote,
	noteRequired,
	statusLabels,
	type CaseStatus
} from '../../followups/case-model';
import { hasRole, type Role } from '../../roles';
import type { Db, Queryable } from '../db';
import { clients, followupCases, followupEvents, users } from '../db/schema';
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

const userName = (db: Queryable, id: string | null) =>
	id
		? (db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ??
			'a former user')
		: 'nobody';

type Case = typeof followupCases.$inferSelect;

function refusalOf(db: Queryable, kase: Case, changes: CaseChanges): CaseRefusal | null {
	if (changes.status && changes.status !== kase.status) {
		if (!nextStatuses[kase.status].includes(changes.status)) {
			return {
				ok: false,
				status: 409,
				field: 'status',
				message: `A case that is ${statusLabels[kase.status].toLowerCase()} cannot become ${statusLabels[changes.status].toLowerCase()}.`
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
	if (changes.assigneeId && !isActiveUser(db, changes.assigneeId))
		return {
			ok: false,
			status: 400,
			field: 'assigneeId',
			message: 'Choose an active staff user, or nobody.'
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
	const outcome = db.transaction((tx) => {
		const kase = tx.select().from(followupCases).where(eq(followupCases.id, caseId)).get();
		if (!kase) return { ok: false as const, status: 404 as const, message: 'No such case.' };
		const refusal = refusalOf(tx, kase, changes);
		if (refusal) return refusal;
		const actorId = 'userId' in actor ? actor.userId : null;
		const via = 'apiKeyName' in actor ? ` (API key “${actor.apiKeyName}”)` : '';
		const event = (kind: (typeof followupEvents.$inferInsert)['kind'], detail: string) =>
			tx
				.insert(followupEvents)
				.values({ caseId, kind, actorId, detail: `${detail}${via}`, at: now })
				.run();
		const update: Partial<Case> = {};
		let acted = false;

		if (changes.assigneeId !== undefined && changes.assigneeId !== kase.assigneeId) {
			update.assigneeId = changes.assigneeId;
			event('assigned', `${userName(tx, kase.assigneeId)} → ${userName(tx, changes.assigneeId)}`);
			acted = true;
		}
		if (changes.dueAt && changes.dueAt.getTime() !== kase.dueAt.getTime()) {
			update.dueAt = changes.dueAt;
			event('due', `Due ${dueText(kase.dueAt)} → ${dueText(changes.dueAt)}`);
		}
		if (changes.comment?.trim()) {
			event('comment', changes.comment.trim());
			acted = true;
		}
		if (changes.status && changes.status !== kase.status) {
			const note = changes.note?.trim() ?? '';
			const closing = needsNote(changes.status);
			update.status = changes.status;
			// A closed case keeps when and why in resolvedAt and the note; reopening clears both (the history keeps them).
			update.resolvedAt = closing ? now : null;
			update.resolutionNote = closing ? note : null;
			event(
				'status',
				`${statusLabels[kase.status]} → ${statusLabels[changes.status]}${closing ? `: ${note}` : ''}`
			);
			acted = true;
		}
		if (!Object.keys(update).length && !acted) return { ok: true as const, resolved: false };
		if (acted && !kase.firstActionAt) update.firstActionAt = now;
		tx.update(followupCases)
			.set({ ...update, updatedAt: now })
			.where(eq(followupCases.id, caseId))
			.run();
		if (update.status === 'resolved')
			domainEvents.dispatch(tx, 'case.resolved', { caseId, at: now });
		if (update.assigneeId && update.assigneeId !== actorId)
			notifyAssignee(
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

function notifyAssignee(db: Queryable, kase: Case, by: string, now: Date): void {
	const assignee = db
		.select({ name: users.name, email: users.email })
		.from(users)
		.where(eq(users.id, kase.assigneeId!))
		.get()!;
	const clientName =
		kase.clientId === null
			? null
			: (db.select({ name: clients.name }).from(clients).where(eq(clients.id, kase.clientId)).get()
					?.name ?? null);
	const summary = {
		id: kase.id,
		clientName,
		triggers: kase.trigger.triggers,
		items: kase.trigger.items,
		dueAt: kase.dueAt
	};
	enqueueNotification(
		db,
		assignee.email,
		caseAssignedEmail(summary, { kind: 'reassigned', by }),
		now
	);
	db.insert(followupEvents)
		.values({
			caseId: kase.id,
			kind: 'notified',
			actorId: null,
			detail: `Emailed ${assignee.name}`,
			at: now
		})
		.run();
}
