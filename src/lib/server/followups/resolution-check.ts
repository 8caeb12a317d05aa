import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import {
	RESOLUTION_SURVEY_NAME,
	resolutionSurveyDefinition
} from '../../followups/resolution-survey';
import type { Db } from '../db';
import { followupCases, followupEvents, surveys } from '../db/schema';
import { inviteClient } from '../invitations/service';
import { enqueueInvitationEmail } from '../mail/queue';
import { changeStatus, createSurvey } from '../surveys/service';
import { currentRules } from './rules';

/**
 * The built-in "Did we resolve it?" survey, found by its name or created and opened on first use.
 * A draft is opened; a survey the staff closed stays closed, and then nobody is asked (null).
 */
export function resolutionSurveyId(db: Db): number | null {
	const found = db
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
		.get();
	if (found?.status === 'closed') return null;
	const id =
		found?.id ??
		createSurvey(
			db,
			{ name: RESOLUTION_SURVEY_NAME, modelId: null, definition: resolutionSurveyDefinition },
			null
		);
	if (found?.status !== 'open') {
		const opened = changeStatus(db, id, 'open');
		if (!opened.ok) return null;
	}
	return id;
}

/**
 * After a case is resolved, and if a rule that opened it asks: invites the client to the
 * one-question survey by email, once per case (the invitation is kept on the case). The
 * survey-fatigue rule is waived, since the client is waiting to hear from us; consent and
 * unsubscription still count. What happened is written into the case's history either way.
 */
export async function askClientIfResolved(db: Db, caseId: number, now = new Date()): Promise<void> {
	const kase = db.select().from(followupCases).where(eq(followupCases.id, caseId)).get();
	if (
		!kase ||
		kase.status !== 'resolved' ||
		kase.resolutionInvitationId !== null ||
		kase.clientId === null
	)
		return;
	const rules = currentRules(db);
	if (!kase.trigger.triggers.some((trigger) => rules[trigger].askResolved)) return;
	const note = (detail: string) =>
		db
			.insert(followupEvents)
			.values({ caseId, kind: 'notified', actorId: null, detail, at: now })
			.run();
	const surveyId = resolutionSurveyId(db);
	if (surveyId === null) {
		note(`The client was not asked “${RESOLUTION_SURVEY_NAME}”: that survey is closed.`);
		return;
	}
	const invited = await inviteClient(db, {
		surveyId,
		client: { id: kase.clientId },
		channel: 'email',
		fatigueDays: 0,
		now
	});
	if (!invited.ok) {
		note(`The client was not asked “${RESOLUTION_SURVEY_NAME}”: ${invited.message}`);
		return;
	}
	db.transaction((tx) => {
		enqueueInvitationEmail(
			tx,
			{ id: invited.invitationId, toAddress: invited.clientEmail, sendAt: invited.sendAt },
			now
		);
		tx.update(followupCases)
			.set({ resolutionInvitationId: invited.invitationId })
			.where(eq(followupCases.id, caseId))
			.run();
		tx.insert(followupEvents)
			.values({
				caseId,
				kind: 'notified',
				actorId: null,
				detail: `Asked the client “${RESOLUTION_SURVEY_NAME}” by email`,
				at: now
			})
			.run();
	});
}
