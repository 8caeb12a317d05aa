import { asc, eq, inArray, or } from 'drizzle-orm';
import { recordAudit, type Actor } from '../audit';
import { clientJson } from '../clients/service';
import { getClient } from '../clients/queries';
import type { Queryable } from '../db';
import { actorLabel } from '../../audit-log';
import { outboxResponseText } from '../../mail/outbox-note';
import { MAX_AUDIT_PAGE_SIZE } from '../../schemas/audit-filter';
import { auditBatches, type AuditEntry } from '../audit-log/queries';
import {
	campaigns,
	followupCases,
	invitationClicks,
	invitations,
	outboxMessages,
	responseDrafts,
	responses,
	surveys
} from '../db/schema';
import { caseDetailJson } from '../followups/case-json';
import { getCase } from '../followups/queries';
import { responseView } from '../responses/view';
import { listReviews, reviewJson } from '../reviews/queries';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Every audit entry about the client, oldest first, with who acted. */
async function auditAbout(db: Queryable, clientId: number) {
	const newestFirst: AuditEntry[] = [];
	for await (const batch of auditBatches(db, {
		subject: `client:${clientId}`,
		limit: MAX_AUDIT_PAGE_SIZE
	}))
		newestFirst.push(...batch);
	return newestFirst.reverse().map((entry) => ({
		at: entry.at.toISOString(),
		action: entry.action,
		by: actorLabel(entry.actor),
		details: (entry.details ?? null) as Record<string, unknown> | null
	}));
}

/**
 * Right of access: everything Satisfy holds about one client, as JSON — their record, consent,
 * every invitation (with answers not yet sent) and email, every response with its answers and
 * scores, their follow-up cases with comments and history, reviews linked to them, and the audit
 * entries about them. The export itself is audited.
 */
export async function exportClient(db: Queryable, id: number, actor: Actor) {
	const client = await getClient(db, id);
	if (!client) return null;
	await recordAudit(db, actor, 'client.export', `client:${id}`);
	const audit = await auditAbout(db, id);

	const invitationRows = await db
		.select({
			invitation: invitations,
			survey: { id: surveys.id, name: surveys.name },
			campaign: campaigns.name,
			draft: responseDrafts
		})
		.from(invitations)
		.innerJoin(surveys, eq(surveys.id, invitations.surveyId))
		.leftJoin(campaigns, eq(campaigns.id, invitations.campaignId))
		.leftJoin(responseDrafts, eq(responseDrafts.invitationId, invitations.id))
		.where(eq(invitations.clientId, id))
		.orderBy(asc(invitations.id));
	const invitationIds = invitationRows.map(({ invitation }) => invitation.id);
	const clicks = invitationIds.length
		? await db
				.select()
				.from(invitationClicks)
				.where(inArray(invitationClicks.invitationId, invitationIds))
				.orderBy(asc(invitationClicks.id))
		: [];
	const emails = await db
		.select()
		.from(outboxMessages)
		.where(
			or(
				eq(outboxMessages.toAddress, client.email),
				invitationIds.length ? inArray(outboxMessages.invitationId, invitationIds) : undefined
			)
		)
		.orderBy(asc(outboxMessages.id));
	const responseIds = await db
		.select({ id: responses.id })
		.from(responses)
		.where(eq(responses.clientId, id))
		.orderBy(asc(responses.id));
	const caseIds = await db
		.select({ id: followupCases.id })
		.from(followupCases)
		.where(eq(followupCases.clientId, id))
		.orderBy(asc(followupCases.id));
	const views = [];
	for (const { id: responseId } of responseIds) views.push((await responseView(db, responseId))!);
	const cases = [];
	for (const { id: caseId } of caseIds) cases.push(caseDetailJson((await getCase(db, caseId))!));
	const reviewPage = await listReviews(db, { clientId: id }, { limit: 10_000, offset: 0 });

	return {
		exportedAt: new Date().toISOString(),
		client: clientJson(client),
		consent: {
			consentedAt: iso(client.consentAt),
			source: client.consentSource,
			unsubscribedAt: iso(client.unsubscribedAt),
			unsubscribeConfirmationSentAt: iso(client.unsubscribeConfirmedAt),
			changesByClient: audit
				.filter((entry) => entry.action === 'client.self-service')
				.map((entry) => ({
					at: entry.at,
					consent: entry.details?.consent === true,
					unsubscribed: entry.details?.unsubscribed === true
				}))
		},
		invitations: invitationRows.map(({ invitation, survey, campaign, draft }) => ({
			id: invitation.id,
			survey,
			campaign,
			channel: invitation.channel,
			createdAt: invitation.createdAt.toISOString(),
			sendAt: invitation.sendAt.toISOString(),
			expiresAt: iso(invitation.expiresAt),
			sentAt: iso(invitation.sentAt),
			openedAt: iso(invitation.openedAt),
			startedAt: iso(invitation.startedAt),
			completedAt: iso(invitation.completedAt),
			responseId: invitation.responseId,
			unsentAnswers: draft
				? {
						savedAt: draft.updatedAt.toISOString(),
						language: draft.language,
						answers: draft.answers
					}
				: null,
			// Every click on the email's one-click answers, those set aside as a mail scanner's too.
			oneClickAnswers: clicks
				.filter((click) => click.invitationId === invitation.id)
				.map((click) => ({
					at: click.clickedAt.toISOString(),
					question: click.questionId,
					value: click.value,
					counted: click.counted
				}))
		})),
		emails: emails.map((email) => ({
			id: email.id,
			kind: email.kind,
			to: email.toAddress,
			subject: email.subject,
			text: email.textBody,
			status: email.status,
			attempts: email.attempts,
			serverResponse: outboxResponseText(email) || null,
			createdAt: email.createdAt.toISOString(),
			sentAt: iso(email.sentAt)
		})),
		responses: await Promise.all(
			responseIds.map(async ({ id: responseId }) => {
				const view = (await responseView(db, responseId))!;
				return {
					id: view.id,
					survey: view.survey,
					surveyVersion: view.version,
					source: view.source,
					language: view.language,
					submittedAt: view.submittedAt.toISOString(),
					score: view.score,
					// What staff wrote about the response is data held about the client too.
					tags: view.tags,
					note: view.note,
					answers: view.answers
						.filter((answer) => answer.answered)
						.map(
							({
								id: questionId,
								question,
								type,
								score,
								scale,
								notApplicable,
								text,
								choices,
								sentiment
							}) => ({
								questionId,
								question,
								type,
								score,
								scale,
								notApplicable,
								text,
								choices,
								sentiment
							})
						)
				};
			})
		),
		cases: await Promise.all(
			caseIds.map(async ({ id: caseId }) => caseDetailJson((await getCase(db, caseId))!))
		),
		reviews: reviewPage.items.map(reviewJson),
		audit
	};
}

export type ClientExport = NonNullable<Awaited<ReturnType<typeof exportClient>>>;
