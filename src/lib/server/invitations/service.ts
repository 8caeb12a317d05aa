import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { RawAnswers } from '../../surveys/answers';
import { answerRows } from '../../surveys/answers';
import type { SurveyDefinition } from '../../schemas/survey';
import { inviteRefusalText, type InviteRefusal } from '../../invitations/refusals';
import { recordAudit } from '../audit';
import { hashSecret, randomString } from '../auth/token';
import type { Db, Queryable } from '../db';
import { forUpdate } from '../db/dialect';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import {
	clients,
	invitationLinks,
	invitations,
	responseDrafts,
	surveys,
	surveyVersions
} from '../db/schema';
import { recordResponse } from '../responses/record';
import { preparedInsert, preparedQuery, preparedWrite } from '../db/prepared';
import { storedDefinition } from '../surveys/stored-definition';
import { DAY_MS } from '../../dates';
import * as m from '../../paraglide/messages';
import { refuse, type Refusal } from '../../result';

/** How long a personal link works after it is sent, unless the invitation says otherwise. */
export const DEFAULT_VALIDITY_DAYS = 30;

type InviteInput = {
	surveyId: number;
	client: { id: number } | { email: string };
	channel: 'email' | 'api';
	/** The campaign sending it, if any. */
	campaignId?: number;
	sendAt?: Date;
	expiresAt?: Date;
	fatigueDays: number;
	now?: Date;
};

// A campaign invites its whole audience through these: prepared once, not per client. The client
// stays locked until the invitation commits, so that another node's invitation (or unsubscription)
// waits and then sees it: the survey-fatigue rule holds across app nodes.
const clientById = preparedQuery('client_by_id', (db) =>
	forUpdate(
		db
			.select()
			.from(clients)
			.where(eq(clients.id, sql.placeholder('id')))
	)
);
const clientByEmail = preparedQuery('client_by_email', (db) =>
	forUpdate(
		db
			.select()
			.from(clients)
			.where(eq(clients.email, sql.placeholder('email')))
	)
);
const surveyById = preparedQuery('survey_by_id', (db) =>
	db
		.select()
		.from(surveys)
		.where(eq(surveys.id, sql.placeholder('id')))
);
const lastInvitedAt = preparedQuery('last_invited_at', (db) =>
	db
		.select({ createdAt: invitations.createdAt })
		.from(invitations)
		.where(
			and(
				eq(invitations.clientId, sql.placeholder('clientId')),
				gt(invitations.createdAt, sql`${sql.placeholder('sinceMs')}`)
			)
		)
		.orderBy(desc(invitations.createdAt))
		.limit(1)
);
const insertInvitation = preparedInsert(
	'insert_invitation',
	(db) =>
		db.insert(invitations).values({
			surveyId: sql.placeholder('surveyId'),
			clientId: sql.placeholder('clientId'),
			campaignId: sql.placeholder('campaignId'),
			tokenHash: sql.placeholder('tokenHash'),
			channel: sql.placeholder('channel'),
			createdAt: sql.placeholder('createdAt'),
			sendAt: sql.placeholder('sendAt'),
			expiresAt: sql.placeholder('expiresAt')
		}),
	invitations.id
);

type Invited = {
	ok: true;
	token: string;
	invitationId: number;
	clientEmail: string;
	sendAt: Date;
	expiresAt: Date;
};

/**
 * Creates a personal invitation, or says why not: the client unsubscribed, never consented, or
 * was invited too recently (the survey-fatigue rule). The token is returned here only; the
 * database keeps its SHA-256 hash (256 random bits, so a plain hash is enough).
 */
export async function inviteClient(db: Db, input: InviteInput): Promise<Invited | Refusal> {
	const invited = await inviteClientWithReason(db, input);
	return invited.ok ? invited : refuse(invited.status, inviteRefusalText(invited.refusal));
}

/** The same, with the refusal as a code, for callers that keep it (a campaign, a case's history). */
export async function inviteClientWithReason(
	db: Db,
	input: InviteInput
): Promise<Invited | { ok: false; status: 404 | 409; refusal: InviteRefusal }> {
	const now = input.now ?? new Date();
	const refused = (status: 404 | 409, refusal: InviteRefusal) => ({
		ok: false as const,
		status,
		refusal
	});
	// Called with a transaction's tx (a campaign's slice), a savepoint within it.
	return inTransaction(db, async (tx) => {
		const client =
			'id' in input.client
				? await clientById.get(tx, { id: input.client.id })
				: await clientByEmail.get(tx, { email: input.client.email.toLowerCase() });
		if (!client) return refused(404, { code: 'clientNotFound' });
		const survey = await surveyById.get(tx, { id: input.surveyId });
		if (!survey) return refused(404, { code: 'surveyNotFound' });
		if (survey.status !== 'open')
			return refused(409, { code: 'surveyNotOpen', status: survey.status });
		if (client.unsubscribedAt) return refused(409, { code: 'unsubscribed' });
		if (!client.consentAt) return refused(409, { code: 'noConsent' });
		// "Within N days" is strict, so a monthly campaign with a 30-day rule still reaches everyone.
		const recent = await lastInvitedAt.get(tx, {
			clientId: client.id,
			sinceMs: now.getTime() - input.fatigueDays * DAY_MS
		});
		if (recent) {
			const { fatigueDays } = input;
			// A campaign counts its skipped clients by reason: one reason for every recent invitation.
			if (input.campaignId !== undefined)
				return refused(409, { code: 'invitedRecently', fatigueDays });
			const daysAgo = Math.floor((now.getTime() - recent.createdAt.getTime()) / DAY_MS);
			return refused(409, { code: 'invitedRecently', fatigueDays, daysAgo });
		}
		const token = randomString(32);
		const sendAt = input.sendAt ?? now;
		const expiresAt =
			input.expiresAt ?? new Date(sendAt.getTime() + DEFAULT_VALIDITY_DAYS * DAY_MS);
		const invitationId = await insertInvitation(tx, {
			surveyId: survey.id,
			clientId: client.id,
			campaignId: input.campaignId ?? null,
			tokenHash: hashSecret(token),
			channel: input.channel,
			createdAt: now,
			sendAt,
			expiresAt
		});
		return {
			ok: true as const,
			token,
			invitationId,
			clientEmail: client.email,
			sendAt,
			expiresAt
		};
	});
}

// Only what the respondent's pages use: every request of theirs reads this.
const foundColumns = {
	invitation: {
		id: invitations.id,
		channel: invitations.channel,
		sendAt: invitations.sendAt,
		expiresAt: invitations.expiresAt,
		completedAt: invitations.completedAt
	},
	survey: { id: surveys.id, status: surveys.status },
	client: { id: clients.id, name: clients.name, language: clients.language }
};
const invitationByToken = preparedQuery('invitation_by_token', (db) =>
	db
		.select(foundColumns)
		.from(invitations)
		.innerJoin(surveys, eq(surveys.id, invitations.surveyId))
		.leftJoin(clients, eq(clients.id, invitations.clientId))
		.where(eq(invitations.tokenHash, sql.placeholder('hash')))
);
const invitationByReminderToken = preparedQuery('invitation_by_reminder_token', (db) =>
	db
		.select(foundColumns)
		.from(invitationLinks)
		.innerJoin(invitations, eq(invitations.id, invitationLinks.invitationId))
		.innerJoin(surveys, eq(surveys.id, invitations.surveyId))
		.leftJoin(clients, eq(clients.id, invitations.clientId))
		.where(eq(invitationLinks.tokenHash, sql.placeholder('hash')))
);

/** The invitation behind a personal link (the first email's or a reminder's), with what the respondent's page needs; null if unknown. */
export async function findInvitation(db: Queryable, token: string) {
	if (!/^[a-z2-7]{40,64}$/.test(token)) return null;
	const hash = hashSecret(token);
	const row =
		(await invitationByToken.get(db, { hash })) ??
		(await invitationByReminderToken.get(db, { hash }));
	return row ? { ...row, client: row.client?.id ? row.client : null } : null;
}

export type FoundInvitation = NonNullable<Awaited<ReturnType<typeof findInvitation>>>;

/** The invitation behind a personal link and its client's full record; null for an unknown link, an anonymous one or an erased client. */
export async function clientOfLink(db: Queryable, token: string) {
	const found = await findInvitation(db, token);
	if (!found?.client) return null;
	const client = await first(db.select().from(clients).where(eq(clients.id, found.client.id)));
	return client ? { found, client } : null;
}

/** Why a link can no longer be answered, if it cannot: checked before showing any question. */
export function unavailability(
	found: FoundInvitation,
	now = new Date()
): 'alreadyAnswered' | 'closed' | 'expired' | null {
	if (found.invitation.completedAt) return 'alreadyAnswered';
	if (found.survey.status !== 'open') return 'closed';
	if (found.invitation.expiresAt && found.invitation.expiresAt <= now) return 'expired';
	if (found.invitation.sendAt > now) return 'expired';
	return null;
}

export async function markOpened(db: Db, invitationId: number, now = new Date()): Promise<void> {
	await inTransaction(db, async (tx) => {
		await tx
			.update(invitations)
			.set({ openedAt: now })
			.where(and(eq(invitations.id, invitationId), isNull(invitations.openedAt)));
	});
}

/** The stored JSON text, unparsed: `storedDefinition` parses each version once. */
const definitionJson = sql<string>`${surveyVersions.definition}`;
const versionJson = preparedQuery('version_json', (db) =>
	db
		.select({ json: definitionJson })
		.from(surveyVersions)
		.where(eq(surveyVersions.id, sql.placeholder('versionId')))
);
const newestVersionJson = preparedQuery('newest_version_json', (db) =>
	db
		.select({ id: surveyVersions.id, json: definitionJson })
		.from(surveyVersions)
		// The newest by its number, not `order by version desc limit ?`: drizzle binds the limit, and
		// with a bound LIMIT this lookup took SQLite about 20 µs instead of 3 on every submission.
		.where(
			and(
				eq(surveyVersions.surveyId, sql.placeholder('surveyId')),
				eq(
					surveyVersions.version,
					sql`(select max(${surveyVersions.version}) from ${surveyVersions} where ${surveyVersions.surveyId} = ${sql.placeholder('surveyId')})`
				)
			)
		)
);
const draftOf = preparedQuery('draft_of', (db) =>
	db
		.select()
		.from(responseDrafts)
		.where(eq(responseDrafts.invitationId, sql.placeholder('invitationId')))
);

async function definitionOfVersion(db: Queryable, versionId: number): Promise<SurveyDefinition> {
	return storedDefinition(versionId, (await versionJson.get(db, { versionId }))!.json);
}

/** The survey version this invitation is answered with: the draft's, or the survey's newest. */
export async function versionFor(db: Queryable, invitationId: number, surveyId: number) {
	const draft = await draftOf.get(db, { invitationId });
	if (draft)
		return {
			versionId: draft.surveyVersionId,
			definition: await definitionOfVersion(db, draft.surveyVersionId),
			draft
		};
	const newest = (await newestVersionJson.get(db, { surveyId }))!;
	return {
		versionId: newest.id,
		definition: storedDefinition(newest.id, newest.json),
		draft: null
	};
}

type Draft = {
	invitationId: number;
	surveyVersionId: number;
	language: string;
	page: number;
	pagesPassed: number;
	answers: RawAnswers;
};

const upsertDraft = preparedWrite('upsert_draft', (db) =>
	db
		.insert(responseDrafts)
		.values({
			invitationId: sql.placeholder('invitationId'),
			surveyVersionId: sql.placeholder('surveyVersionId'),
			language: sql.placeholder('language'),
			page: sql.placeholder('page'),
			pagesPassed: sql.placeholder('pagesPassed'),
			answers: sql.placeholder('answers'),
			updatedAt: sql.placeholder('updatedAt')
		})
		.onConflictDoUpdate({
			target: responseDrafts.invitationId,
			set: {
				language: sql`excluded.language`,
				page: sql`excluded.page`,
				pagesPassed: sql`excluded.pages_passed`,
				answers: sql`excluded.answers`,
				updatedAt: sql`excluded.updated_at`
			}
		})
);
const markStarted = preparedWrite('mark_started', (db) =>
	db
		.update(invitations)
		// A placeholder inside sql`` is bound as given: the column's milliseconds, not a Date.
		.set({ startedAt: sql`${sql.placeholder('startedAtMs')}` })
		.where(and(eq(invitations.id, sql.placeholder('invitationId')), isNull(invitations.startedAt)))
);

/** Autosave: the answers so far, where the respondent is and how far they have come, against the invitation. */
export async function saveDraft(db: Queryable, draft: Draft, now = new Date()): Promise<void> {
	await upsertDraft(db, { ...draft, updatedAt: now });
	await markStarted(db, { invitationId: draft.invitationId, startedAtMs: now.getTime() });
}

// Locked: a second submit (another tab, another app node) waits, then finds it completed.
const invitationToComplete = preparedQuery('invitation_to_complete', (db) =>
	forUpdate(
		db
			.select({ clientId: invitations.clientId, completedAt: invitations.completedAt })
			.from(invitations)
			.where(eq(invitations.id, sql.placeholder('invitationId')))
	)
);
const markCompleted = preparedWrite('mark_completed', (db) =>
	db
		.update(invitations)
		.set({
			completedAt: sql`${sql.placeholder('completedAtMs')}`,
			responseId: sql`${sql.placeholder('responseId')}`
		})
		.where(eq(invitations.id, sql.placeholder('invitationId')))
);
const dropDraft = preparedWrite('drop_draft', (db) =>
	db.delete(responseDrafts).where(eq(responseDrafts.invitationId, sql.placeholder('invitationId')))
);

type LastPage = Omit<Draft, 'pagesPassed'> & { definition: SurveyDefinition };

/**
 * The last page sent: the response recorded from all the answers (earlier pages' autosave merged
 * with this page's), exactly once, and the autosave ended — in one transaction (a savepoint
 * within the caller's), so a second submit changes nothing.
 */
export async function submitLastPage(
	db: Db,
	submission: LastPage,
	now = new Date()
): Promise<'completed' | 'alreadyCompleted'> {
	const { invitationId } = submission;
	return inTransaction(db, async (tx) => {
		const invitation = await invitationToComplete.get(tx, { invitationId });
		if (!invitation || invitation.completedAt) return 'alreadyCompleted';
		await markStarted(tx, { invitationId, startedAtMs: now.getTime() });
		const responseId = await recordResponse(tx, {
			surveyVersionId: submission.surveyVersionId,
			definition: submission.definition,
			clientId: invitation.clientId,
			language: submission.language,
			submittedAt: now,
			answers: answerRows(submission.definition, submission.answers)
		});
		await markCompleted(tx, { invitationId, responseId, completedAtMs: now.getTime() });
		await dropDraft(tx, { invitationId });
		return 'completed';
	});
}

/** What a client may change about themselves from their personal link. */
export type ProfileChange = {
	phone: string | null;
	language: string;
	consent: boolean;
	unsubscribed: boolean;
};

/**
 * Applies a client's own changes. Consent keeps its first date and records that it now comes
 * from the client; withdrawing consent or unsubscribing takes effect for every later campaign.
 */
export async function updateOwnProfile(
	db: Db,
	clientId: number,
	change: ProfileChange,
	now = new Date()
): Promise<void> {
	await inTransaction(db, async (tx) => {
		const client = await first(
			forUpdate(tx.select().from(clients).where(eq(clients.id, clientId)))
		);
		if (!client) return;
		await tx
			.update(clients)
			.set({
				phone: change.phone,
				language: change.language,
				consentAt: change.consent ? (client.consentAt ?? now) : null,
				consentSource: change.consent
					? client.consentAt
						? client.consentSource
						: m.invitations_consent_via_link()
					: null,
				unsubscribedAt: change.unsubscribed ? (client.unsubscribedAt ?? now) : null,
				updatedAt: now
			})
			.where(eq(clients.id, clientId));
		await recordAudit(tx, {}, 'client.self-service', `client:${clientId}`, {
			consent: change.consent,
			unsubscribed: change.unsubscribed
		});
	});
}

/** Turns a survey's public, anonymous link on (a fresh address) or off. */
export async function setPublicLink(
	db: Db,
	surveyId: number,
	enabled: boolean
): Promise<string | null> {
	const publicLinkId = enabled ? randomString(15) : null;
	await inTransaction(db, async (tx) => {
		await tx.update(surveys).set({ publicLinkId }).where(eq(surveys.id, surveyId));
	});
	return publicLinkId;
}

export async function findSurveyByPublicLink(db: Queryable, publicLinkId: string) {
	if (!/^[a-z2-7]{24}$/.test(publicLinkId)) return null;
	return (
		(await first(db.select().from(surveys).where(eq(surveys.publicLinkId, publicLinkId)))) ?? null
	);
}

/** An invitation for one anonymous visitor of a public link: no client, so no profile and no fatigue rule. */
export async function inviteAnonymous(
	db: Db,
	surveyId: number,
	now = new Date()
): Promise<{ token: string }> {
	const token = randomString(32);
	await inTransaction(db, async (tx) => {
		await tx.insert(invitations).values({
			surveyId,
			clientId: null,
			tokenHash: hashSecret(token),
			channel: 'public',
			createdAt: now,
			sendAt: now
		});
	});
	return { token };
}
