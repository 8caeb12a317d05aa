import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import {
	RESOLUTION_SURVEY_NAME,
	resolutionSurveyDefinition
} from '../../followups/resolution-survey';
import type { CaseEventMessage } from '../../followups/event-text';
import type { Db } from '../db';
import { forUpdate, serializeOn } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { followupCases, followupEvents, surveys } from '../db/schema';
import { inviteClientWithReason } from '../invitations/service';
import { enqueueInvitationEmail } from '../mail/queue';
import { changeStatus, createSurvey } from '../surveys/service';
import { currentRules } from './rules';

/**
 * The built-in "Did we resolve it?" survey, found by its name or created and opened on first use,
 * in the caller's transaction. A draft is opened; a survey the staff closed stays closed, and then
 * nobody is asked (null).
 */
export async function resolutionSurveyId(tx: Db): Promise<number | null> {
	// Two cases resolved at once (on two app nodes) would otherwise both create it.
	await serializeOn(tx, 'resolution survey');
	const found = await first(
		tx
			.select({ id: surveys.id, status: surveys.status })
			.from(surveys)
			.where(
				and(
					eq(surveys.name, RESOLUTION_SURVEY_NAME),
					isNull(surveys.modelId),
					ne(surveys.status, 'archived')
				)
			)
			.orderBy(asc(surveys.id))
			.limit(1)
	);
	if (found?.status === 'closed') return null;
	const id =
		found?.id ??
		(await createSurvey(
			tx,
			{ name: RESOLUTION_SURVEY_NAME, modelId: null, definition: resolutionSurveyDefinition },
			null
		));
	if (found?.status !== 'open') {
		const opened = await changeStatus(tx, id, 'open');
		if (!opened.ok) return null;
	}
	return id;
}

/**
 * After a case is resolved, and if a rule that opened it asks: invites the client to the
 * one-question survey by email, once per case (the invitation is kept on the case). The
 * survey-fatigue rule is waived, since the client is waiting to hear from us; consent and
 * unsubscription still count. What happened is written into the case's history either way. One
 * transaction, from the check that the case still waits for its question to the invitation kept
 * on it, so two resolutions cannot both ask.
 */
export async function askClientIfResolved(db: Db, caseId: number, now = new Date()): Promise<void> {
	await inTransaction(db, async (tx) => {
		const kase = await first(
			forUpdate(tx.select().from(followupCases).where(eq(followupCases.id, caseId)))
		);
		if (
			!kase ||
			kase.status !== 'resolved' ||
			kase.resolutionInvitationId !== null ||
			kase.clientId === null
		)
			return;
		const rules = await currentRules(tx);
		if (!kase.trigger.triggers.some((trigger) => rules[trigger].askResolved)) return;
		const note = async ({ code, params }: CaseEventMessage) => {
			await tx
				.insert(followupEvents)
				.values({ caseId, kind: 'notified', actorId: null, code, params, at: now });
		};
		const survey = RESOLUTION_SURVEY_NAME;
		const surveyId = await resolutionSurveyId(tx);
		if (surveyId === null) {
			await note({
				code: 'resolutionNotAsked',
				params: { survey, reason: { code: 'surveyClosed' } }
			});
			return;
		}
		const invited = await inviteClientWithReason(tx, {
			surveyId,
			client: { id: kase.clientId },
			channel: 'email',
			fatigueDays: 0,
			now
		});
		if (!invited.ok) {
			await note({ code: 'resolutionNotAsked', params: { survey, reason: invited.refusal } });
			return;
		}
		await enqueueInvitationEmail(
			tx,
			{ id: invited.invitationId, toAddress: invited.clientEmail, sendAt: invited.sendAt },
			now
		);
		await tx
			.update(followupCases)
			.set({ resolutionInvitationId: invited.invitationId })
			.where(eq(followupCases.id, caseId));
		await note({ code: 'resolutionAsked', params: { survey } });
	});
}
