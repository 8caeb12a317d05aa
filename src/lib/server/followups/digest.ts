import { and, asc, count, eq, inArray, isNull, lt } from 'drizzle-orm';
import { activeStatuses } from '../../followups/case-model';
import type { Db } from '../db';
import { serializeOn } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { clients, followupCases, users } from '../db/schema';
import { domainEvents } from '../events/bus';
import { enqueueNotification } from '../mail/queue';
import { overdueDigestEmail } from './emails';
import { currentSettings, updateSettingsRow } from './rules';
import { utcDay } from '../../dates';

/** Cases listed in one digest; the rest are counted and one link away. */
const LISTED = 50;

const overdue = (now: Date) =>
	and(inArray(followupCases.status, [...activeStatuses]), lt(followupCases.dueAt, now));

/**
 * Emails every active owner the list of overdue cases, in their language, and tells the
 * `cases.overdue` subscribers (webhooks, chat channels), at most once per UTC day and only when
 * there is something overdue; returns how many owners were emailed. Run on its own clock, so it
 * goes out soon after the first case of the day falls overdue. Checking, sending and remembering
 * the day happen in one transaction, so two rounds cannot both send it.
 */
export function sendOverdueDigest(db: Db, now = new Date()): Promise<number> {
	const today = utcDay(now);
	return inTransaction(db, async (tx) => {
		// Another app node's round waits here, then finds today's digest sent.
		await serializeOn(tx, 'overdue digest');
		if ((await currentSettings(tx)).lastDigestOn === today) return 0;
		const total =
			(await first(tx.select({ n: count() }).from(followupCases).where(overdue(now))))?.n ?? 0;
		if (!total) return 0;
		const listed = await tx
			.select({
				id: followupCases.id,
				clientId: followupCases.clientId,
				clientName: clients.name,
				assignee: { name: users.name, email: users.email },
				dueAt: followupCases.dueAt
			})
			.from(followupCases)
			.leftJoin(clients, eq(clients.id, followupCases.clientId))
			.leftJoin(users, eq(users.id, followupCases.assigneeId))
			.where(overdue(now))
			.orderBy(asc(followupCases.dueAt), asc(followupCases.id))
			.limit(LISTED);
		const owners = await tx
			.select({ email: users.email, language: users.language })
			.from(users)
			.where(and(eq(users.role, 'owner'), isNull(users.deactivatedAt)));
		for (const owner of owners)
			await enqueueNotification(
				tx,
				owner.email,
				overdueDigestEmail(listed, total, owner.language),
				now
			);
		await domainEvents.dispatch(tx, 'cases.overdue', { cases: listed, total, at: now });
		await updateSettingsRow(tx, { lastDigestOn: today }, now);
		return owners.length;
	});
}
