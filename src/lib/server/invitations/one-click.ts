import { and, eq, exists, gte, inArray, isNull, not, sql } from 'drizzle-orm';
import { burstPartners, SCANNER_BURST_MS, type Click } from '../../respondent/one-click';
import type { Db, Queryable } from '../db';
import { forUpdate } from '../db/dialect';
import { preparedQuery } from '../db/prepared';
import { inTransaction } from '../db/transaction';
import { invitationClicks, invitations, responseDrafts } from '../db/schema';

const clicksOfInvitation = preparedQuery('clicks_of_invitation', (db) =>
	db
		.select({
			questionId: invitationClicks.questionId,
			value: invitationClicks.value,
			clickedAt: invitationClicks.clickedAt,
			counted: invitationClicks.counted
		})
		.from(invitationClicks)
		.where(
			and(
				eq(invitationClicks.invitationId, sql.placeholder('invitationId')),
				eq(invitationClicks.counted, true)
			)
		)
);

/** The clicks on an invitation's one-click answers that count, to lay over its saved answers. */
export async function countedClicks(db: Queryable, invitationId: number): Promise<Click[]> {
	return (await clicksOfInvitation.all(db, { invitationId })) as Click[];
}

/**
 * Records a click on one-click answers in an email (`?q-overall=4`, one value per question). A
 * click counts at once — the respondent has answered, even if they close the page — and makes
 * the invitation started (a partial response in the funnel). A click on another value of the
 * same question within seconds of an earlier one reveals a mail scanner opening every link: the
 * whole burst is set aside, and the invitation is no longer started unless something else of the
 * respondent's (a saved page, a counted click) says so. The invitation is locked first, so clicks
 * of one burst arriving together on several nodes still see one another. Returns whether an
 * answer of the click counted.
 */
export async function recordClick(
	db: Db,
	invitationId: number,
	answers: Record<string, string>,
	now = new Date()
): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		await forUpdate(
			tx.select({ id: invitations.id }).from(invitations).where(eq(invitations.id, invitationId))
		);
		const recent = await tx
			.select({
				id: invitationClicks.id,
				questionId: invitationClicks.questionId,
				value: invitationClicks.value,
				clickedAt: invitationClicks.clickedAt
			})
			.from(invitationClicks)
			.where(
				and(
					eq(invitationClicks.invitationId, invitationId),
					gte(invitationClicks.clickedAt, new Date(now.getTime() - SCANNER_BURST_MS))
				)
			);
		let counted = false;
		const scanned = new Set<number>();
		for (const [questionId, value] of Object.entries(answers)) {
			const click = { questionId, value, clickedAt: now };
			const partners = burstPartners(click, recent);
			for (const id of partners) scanned.add(id);
			counted ||= partners.length === 0;
			await tx.insert(invitationClicks).values({
				invitationId,
				...click,
				counted: partners.length === 0
			});
		}
		if (scanned.size) {
			await tx
				.update(invitationClicks)
				.set({ counted: false })
				.where(inArray(invitationClicks.id, [...scanned]));
			await tx
				.update(invitations)
				.set({ startedAt: null })
				.where(
					and(
						eq(invitations.id, invitationId),
						not(
							exists(
								tx
									.select({ one: responseDrafts.invitationId })
									.from(responseDrafts)
									.where(eq(responseDrafts.invitationId, invitationId))
							)
						),
						not(
							exists(
								tx
									.select({ one: invitationClicks.id })
									.from(invitationClicks)
									.where(
										and(
											eq(invitationClicks.invitationId, invitationId),
											eq(invitationClicks.counted, true)
										)
									)
							)
						)
					)
				);
		}
		if (counted)
			await tx
				.update(invitations)
				.set({ startedAt: now })
				.where(and(eq(invitations.id, invitationId), isNull(invitations.startedAt)));
		return counted;
	});
}
