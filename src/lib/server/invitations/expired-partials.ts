import { and, asc, eq, exists, gt, isNull, lte } from 'drizzle-orm';
import { answersWithClicks } from '../../respondent/one-click';
import { answerRows } from '../../surveys/answers';
import { shownAnswers } from '../../surveys/logic';
import type { Db } from '../db';
import { forUpdate } from '../db/dialect';
import { first } from '../db/queries';
import { clients, dashboardSettings, invitationClicks, invitations, surveys } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { recordResponse } from '../responses/record';
import { countedClicks } from './one-click';
import { versionFor } from './service';

const PAGE = 100;

/*
 * The owner's choice (dashboard_settings.count_one_click_partials, per model): a client who
 * answered the email's one-click question but never finished the survey still counts, once their
 * link expires — then nothing can change that answer any more. The answer becomes a response of
 * source `one-click` holding just the clicked questions, dated at the click: it counts in their
 * factor's score and the response counts, and in the CSI only when the coverage rule lets it
 * (the factor alone carries half the model's weight). The
 * invitation keeps the response (`response_id`) but stays unfinished: the funnel still shows it
 * as partial, and it is never counted twice.
 */

/** Counts the one-click answers of links that expired unfinished, where chosen; returns how many. */
export async function countExpiredOneClickAnswers(db: Db, now = new Date()): Promise<number> {
	let counted = 0;
	let after = 0;
	for (;;) {
		const due = await db
			.select({ id: invitations.id })
			.from(invitations)
			.innerJoin(surveys, eq(surveys.id, invitations.surveyId))
			.innerJoin(
				dashboardSettings,
				and(
					eq(dashboardSettings.modelId, surveys.modelId),
					eq(dashboardSettings.countOneClickPartials, true)
				)
			)
			.where(
				and(
					gt(invitations.id, after),
					isNull(invitations.completedAt),
					isNull(invitations.responseId),
					lte(invitations.expiresAt, now),
					exists(
						db
							.select({ id: invitationClicks.id })
							.from(invitationClicks)
							.where(
								and(
									eq(invitationClicks.invitationId, invitations.id),
									eq(invitationClicks.counted, true)
								)
							)
					)
				)
			)
			.orderBy(asc(invitations.id))
			.limit(PAGE);
		for (const { id } of due) if (await countOne(db, id)) counted++;
		if (due.length < PAGE) return counted;
		after = due.at(-1)!.id;
	}
}

/** One invitation's one-click answers as a response, unless it was finished or counted meanwhile. */
function countOne(db: Db, invitationId: number): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		const invitation = await first(
			forUpdate(
				tx
					.select({
						surveyId: invitations.surveyId,
						clientId: invitations.clientId,
						completedAt: invitations.completedAt,
						responseId: invitations.responseId
					})
					.from(invitations)
					.where(eq(invitations.id, invitationId))
			)
		);
		if (!invitation || invitation.completedAt || invitation.responseId) return false;
		const clicks = await countedClicks(tx, invitationId);
		const { versionId, definition, draft } = await versionFor(
			tx,
			invitationId,
			invitation.surveyId
		);
		// What each clicked question's answer stands at: a page saved after the click replaced it.
		const standing = answersWithClicks(draft, clicks);
		const clicked = new Set(clicks.map((click) => click.questionId));
		const answers = shownAnswers(
			definition,
			Object.fromEntries(Object.entries(standing).filter(([id]) => clicked.has(id)))
		);
		const rows = answerRows(definition, answers);
		if (!rows.length) return false;
		const client =
			invitation.clientId === null
				? undefined
				: await first(
						tx
							.select({ language: clients.language })
							.from(clients)
							.where(eq(clients.id, invitation.clientId))
					);
		const responseId = await recordResponse(tx, {
			surveyVersionId: versionId,
			definition,
			clientId: invitation.clientId,
			language: draft?.language ?? client?.language ?? definition.defaultLanguage,
			submittedAt: new Date(Math.max(...clicks.map((click) => click.clickedAt.getTime()))),
			source: 'one-click',
			answers: rows
		});
		await tx.update(invitations).set({ responseId }).where(eq(invitations.id, invitationId));
		return true;
	});
}
