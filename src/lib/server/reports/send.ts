import { and, eq, isNull, ne } from 'drizzle-orm';
import { lastCompletePeriod } from '../../analytics/periods';
import { utcDay } from '../../dates';
import { reportGranularity } from '../../schemas/reports';
import type { Db } from '../db';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { reportSubscriptions, users, userScopes } from '../db/schema';
import { scopeOf } from '../auth/scope';
import { enqueueNotification } from '../mail/queue';
import { reportEmail } from './emails';
import { viewReport } from './view-report';

/**
 * Queues every report whose week or month has ended since it was last sent, through the outbox;
 * returns how many. Each is claimed, built and queued in one transaction, so two processes never
 * both send it, and a report that fails to build is retried at the next round.
 */
export async function sendDueReports(db: Db, now = new Date()): Promise<number> {
	const today = utcDay(now);
	let sent = 0;
	for (const frequency of ['weekly', 'monthly'] as const) {
		const period = lastCompletePeriod(today, reportGranularity[frequency]);
		const due = await db
			.select({ id: reportSubscriptions.id })
			.from(reportSubscriptions)
			.innerJoin(users, eq(users.id, reportSubscriptions.userId))
			.where(
				and(
					eq(reportSubscriptions.frequency, frequency),
					ne(reportSubscriptions.lastSentPeriod, period),
					isNull(users.deactivatedAt)
				)
			);
		for (const { id } of due) {
			sent += await inTransaction(db, async (tx) => {
				const claimed = await first(
					tx
						.update(reportSubscriptions)
						.set({ lastSentPeriod: period })
						.where(
							and(eq(reportSubscriptions.id, id), ne(reportSubscriptions.lastSentPeriod, period))
						)
						.returning()
				);
				if (!claimed) return 0;
				const to = (await first(
					tx
						.select({
							email: users.email,
							language: users.language,
							role: users.role,
							scopeSegmentId: userScopes.segmentId
						})
						.from(users)
						.leftJoin(userScopes, eq(userScopes.userId, users.id))
						.where(eq(users.id, claimed.userId))
						.limit(1)
				))!;
				// The subscriber's scope as it is today, not as it was when they subscribed.
				const report = await viewReport(
					tx,
					claimed.view,
					frequency,
					period,
					now,
					await scopeOf(tx, to)
				);
				await enqueueNotification(
					tx,
					to.email,
					reportEmail(claimed.name, frequency, claimed.view, report, to.language),
					now
				);
				return 1;
			});
		}
	}
	return sent;
}
