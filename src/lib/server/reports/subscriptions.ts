import { and, asc, eq } from 'drizzle-orm';
import { lastCompletePeriod } from '../../analytics/periods';
import { utcDay } from '../../dates';
import * as m from '../../paraglide/messages';
import { refuse, type Result } from '../../result';
import { reportGranularity, type ReportSubscriptionInput } from '../../schemas/reports';
import type { Db, Queryable } from '../db';
import { serializeOn } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { reportSubscriptions } from '../db/schema';

/** A user may keep this many reports; enough for every view worth a weekly look. */
export const MAX_REPORTS_PER_USER = 20;

export type ReportSubscription = typeof reportSubscriptions.$inferSelect;

export async function listReportSubscriptions(
	db: Queryable,
	userId: string
): Promise<ReportSubscription[]> {
	return await db
		.select()
		.from(reportSubscriptions)
		.where(eq(reportSubscriptions.userId, userId))
		.orderBy(asc(reportSubscriptions.id));
}

/**
 * Subscribes a user to a view. The first report comes when the current week or month is
 * complete: the period complete now counts as sent, so nobody gets last month's figures the
 * moment they subscribe, twice.
 */
export function subscribeToReport(
	db: Db,
	userId: string,
	input: ReportSubscriptionInput & { name: string },
	now = new Date()
): Promise<Result<{ id: number }>> {
	return inTransaction(db, async (tx): Promise<Result<{ id: number }>> => {
		// The limit counts rows no lock holds: two subscriptions at once are counted one after the other.
		await serializeOn(tx, `report subscriptions of ${userId}`);
		if ((await listReportSubscriptions(tx, userId)).length >= MAX_REPORTS_PER_USER)
			return refuse(409, m.reports_limit_refused({ count: MAX_REPORTS_PER_USER }));
		const { id } = (await first(
			tx
				.insert(reportSubscriptions)
				.values({
					userId,
					frequency: input.frequency,
					view: input.view,
					name: input.name,
					lastSentPeriod: lastCompletePeriod(utcDay(now), reportGranularity[input.frequency]),
					createdAt: now
				})
				.returning({ id: reportSubscriptions.id })
		))!;
		return { ok: true, id };
	});
}

/** Only the subscriber cancels a report; anyone else's id reads as unknown. */
export async function cancelReport(db: Db, userId: string, id: number): Promise<Result> {
	const removed = await inTransaction(db, async (tx) =>
		first(
			tx
				.delete(reportSubscriptions)
				.where(and(eq(reportSubscriptions.id, id), eq(reportSubscriptions.userId, userId)))
				.returning({ id: reportSubscriptions.id })
		)
	);
	return removed ? { ok: true } : refuse(404, m.reports_not_yours_refused());
}
