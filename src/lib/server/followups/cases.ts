import { and, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { addBusinessDays } from '../../followups/business-days';
import {
	responseTriggers,
	reviewTriggers,
	type CaseTriggerSet,
	type FollowupRules,
	type StoredAnswer
} from '../../followups/triggers';
import { DAY_MS } from '../../dates';
import type { CaseEventMessage } from '../../followups/event-text';
import type { Locale } from '../../paraglide/runtime';
import type { SurveyDefinition } from '../../schemas/survey';
import type { Queryable } from '../db';
import { first } from '../db/queries';
import { preparedQuery } from '../db/prepared';
import {
	answers,
	clients,
	followupCases,
	followupEvents,
	responses,
	reviews,
	surveyVersions,
	users
} from '../db/schema';
import { domainEvents } from '../events/bus';
import type { DomainEvents } from '../events/domain-events';
import { enqueueNotification } from '../mail/queue';
import { storedDefinition } from '../surveys/stored-definition';
import { caseAssignedEmail } from './emails';
import { currentRules, currentSettings, isActiveUser, type FollowupSettings } from './rules';

/** Ids per query: well below SQLite's limit on bound variables. */
const CHUNK = 500;
const chunks = <T>(items: T[]) =>
	Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) =>
		items.slice(i * CHUNK, (i + 1) * CHUNK)
	);

type Assignee = {
	id: string;
	name: string;
	email: string;
	language: Locale | null;
	/** Why they got the case, for its history. */
	assigned: 'assignedToAccountManager' | 'assignedToDefaultAssignee';
};

/** The client's active account manager, else the owner's default assignee if active, else nobody ("Unassigned"). */
async function chooseAssignee(
	db: Queryable,
	clientId: number | null,
	settings: FollowupSettings
): Promise<Assignee | null> {
	if (clientId !== null) {
		const manager = await first(
			db
				.select({ id: users.id, name: users.name, email: users.email, language: users.language })
				.from(clients)
				.innerJoin(users, eq(users.id, clients.accountManagerId))
				.where(and(eq(clients.id, clientId), isNull(users.deactivatedAt)))
		);
		if (manager) return { ...manager, assigned: 'assignedToAccountManager' };
	}
	if (settings.defaultAssigneeId && (await isActiveUser(db, settings.defaultAssigneeId))) {
		const fallback = (await first(
			db
				.select({ id: users.id, name: users.name, email: users.email, language: users.language })
				.from(users)
				.where(eq(users.id, settings.defaultAssigneeId))
		))!;
		return { ...fallback, assigned: 'assignedToDefaultAssignee' };
	}
	return null;
}

type NewCase = {
	clientId: number | null;
	responseId?: number;
	reviewId?: number;
	trigger: CaseTriggerSet;
};

/**
 * One case with its history and the assignee's email, in the caller's transaction. The unique
 * indexes on response and review are the backstop against a second case: a conflict is skipped.
 */
async function createCase(
	db: Queryable,
	input: NewCase,
	settings: FollowupSettings,
	now: Date
): Promise<number | null> {
	const assignee = await chooseAssignee(db, input.clientId, settings);
	const dueAt = addBusinessDays(now, settings.slaBusinessDays);
	const created = await first(
		db
			.insert(followupCases)
			.values({
				clientId: input.clientId,
				responseId: input.responseId ?? null,
				reviewId: input.reviewId ?? null,
				trigger: input.trigger,
				assigneeId: assignee?.id ?? null,
				status: 'open',
				dueAt,
				createdAt: now,
				updatedAt: now
			})
			.onConflictDoNothing()
			.returning({ id: followupCases.id })
	);
	if (!created) return null;
	const event = async (
		kind: (typeof followupEvents.$inferInsert)['kind'],
		{ code, params }: CaseEventMessage
	) => {
		await db
			.insert(followupEvents)
			.values({ caseId: created.id, kind, actorId: null, code, params, at: now });
	};
	await event(
		'created',
		input.responseId
			? { code: 'openedForResponse', params: { id: input.responseId } }
			: { code: 'openedForReview', params: { id: input.reviewId! } }
	);
	if (assignee) {
		await event('assigned', { code: assignee.assigned, params: { name: assignee.name } });
		await notify(db, created.id, assignee, input, dueAt, now);
		await event('notified', { code: 'emailed', params: { name: assignee.name } });
	}
	await domainEvents.dispatch(db, 'case.opened', { caseId: created.id, at: now });
	return created.id;
}

async function notify(
	db: Queryable,
	caseId: number,
	assignee: Assignee,
	input: NewCase,
	dueAt: Date,
	now: Date
): Promise<void> {
	const clientName =
		input.clientId === null
			? null
			: ((
					await first(
						db.select({ name: clients.name }).from(clients).where(eq(clients.id, input.clientId))
					)
				)?.name ?? null);
	const summary = {
		id: caseId,
		clientName,
		triggers: input.trigger.triggers,
		items: input.trigger.items,
		dueAt
	};
	await enqueueNotification(
		db,
		assignee.email,
		caseAssignedEmail(summary, { kind: 'created' }, assignee.language),
		now
	);
}

async function alreadyOpened(
	db: Queryable,
	column: typeof followupCases.responseId | typeof followupCases.reviewId,
	ids: number[]
): Promise<Set<number>> {
	const rows = await db
		.select({ id: column })
		.from(followupCases)
		.where(and(isNotNull(column), inArray(column, ids)));
	return new Set(rows.map((row) => row.id!));
}

const anyOn = (rules: FollowupRules) => Object.values(rules).some((rule) => rule.enabled);

/**
 * Answers older than this are history, not news: nobody calls a client back about a month-old
 * answer. Live answers are always fresh; this keeps backfilled ones (the demo's 18 months) quiet.
 */
export const RECENT_DAYS = 7;

/** A response as the rules judge it: its answers with the tone stored for them. */
type JudgedResponse = {
	id: number;
	clientId: number | null;
	definition: SurveyDefinition;
	answers: StoredAnswer[];
};

async function openCasesFor(
	db: Queryable,
	rules: FollowupRules,
	candidates: JudgedResponse[],
	now: Date
): Promise<number[]> {
	let settings: FollowupSettings | undefined;
	const opened: number[] = [];
	for (const response of candidates) {
		const trigger = responseTriggers(rules, response.definition, response.answers);
		if (!trigger) continue;
		settings ??= await currentSettings(db);
		const id = await createCase(
			db,
			{ clientId: response.clientId, responseId: response.id, trigger },
			settings,
			now
		);
		if (id !== null) opened.push(id);
	}
	return opened;
}

const recentSince = (now: Date) => new Date(now.getTime() - RECENT_DAYS * DAY_MS);

/**
 * Opens at most one follow-up case per stored response the rules flag, in the caller's
 * transaction; returns the new cases' ids. Responses that already have a case are skipped, as
 * are imported ones and answers older than RECENT_DAYS: history must not page anyone. Sentiment
 * is read as stored with the answers; an unscored text never triggers.
 */
export async function openCasesForResponses(
	db: Queryable,
	responseIds: number[],
	now = new Date()
): Promise<number[]> {
	if (!responseIds.length) return [];
	const rules = await currentRules(db);
	if (!anyOn(rules)) return [];
	const recent = recentSince(now);
	const opened: number[] = [];
	for (const ids of chunks([...new Set(responseIds)])) {
		const existing = await alreadyOpened(db, followupCases.responseId, ids);
		const rows = await db
			.select({
				id: responses.id,
				clientId: responses.clientId,
				versionId: responses.surveyVersionId,
				json: sql<string>`${surveyVersions.definition}`
			})
			.from(responses)
			.innerJoin(surveyVersions, eq(surveyVersions.id, responses.surveyVersionId))
			.where(
				and(
					inArray(responses.id, ids),
					eq(responses.source, 'survey'),
					gte(responses.submittedAt, recent)
				)
			);
		const candidates = rows.filter((row) => !existing.has(row.id));
		if (!candidates.length) continue;
		const stored = await db
			.select({
				responseId: answers.responseId,
				questionId: answers.questionId,
				score: answers.score,
				text: answers.text,
				sentimentLabel: answers.sentimentLabel,
				sentimentDetail: answers.sentimentDetail
			})
			.from(answers)
			.where(
				inArray(
					answers.responseId,
					candidates.map((row) => row.id)
				)
			);
		const judged = candidates.map((row) => ({
			id: row.id,
			clientId: row.clientId,
			definition: storedDefinition(row.versionId, row.json),
			answers: stored.filter((answer) => answer.responseId === row.id)
		}));
		opened.push(...(await openCasesFor(db, rules, judged, now)));
	}
	return opened;
}

/** The same for imported reviews: one case per review whose text reads negative, written in the last RECENT_DAYS (a first import brings years of history). */
export async function openCasesForReviews(
	db: Queryable,
	reviewIds: number[],
	now = new Date()
): Promise<number[]> {
	if (!reviewIds.length) return [];
	const rules = await currentRules(db);
	if (!anyOn(rules)) return [];
	const settings = await currentSettings(db);
	const recent = recentSince(now);
	const opened: number[] = [];
	for (const ids of chunks([...new Set(reviewIds)])) {
		const existing = await alreadyOpened(db, followupCases.reviewId, ids);
		const recentNegative = await db
			.select()
			.from(reviews)
			.where(
				and(
					inArray(reviews.id, ids),
					eq(reviews.sentimentLabel, 'negative'),
					gte(reviews.reviewedAt, recent)
				)
			);
		const negative = recentNegative.filter((row) => !existing.has(row.id));
		for (const review of negative) {
			const trigger = reviewTriggers(rules, review);
			if (!trigger) continue;
			const id = await createCase(
				db,
				{ clientId: review.clientId, reviewId: review.id, trigger },
				settings,
				now
			);
			if (id !== null) opened.push(id);
		}
	}
	return opened;
}

// Every submission with an open answer runs it: prepared once.
const storedTones = preparedQuery('stored_tones', (db) =>
	db
		.select({
			questionId: answers.questionId,
			label: answers.sentimentLabel,
			detail: answers.sentimentDetail
		})
		.from(answers)
		.where(and(eq(answers.responseId, sql.placeholder('responseId')), isNotNull(answers.text)))
);

/**
 * Subscriber to `response.recorded`: live answers may open cases, judged on the tone the sentiment
 * subscriber (installed before this one) has just stored. Imported history never does. The
 * responses are judged as the event carries them (new in this transaction, none has a case yet):
 * only the tone of their open answers is read back, and only when a rule heeds it.
 */
export async function openCasesForRecorded(
	db: Queryable,
	{ responses: recorded }: DomainEvents['response.recorded']
): Promise<void> {
	const now = new Date();
	const recent = recentSince(now);
	const live = recorded.filter(
		(response) => response.source === 'survey' && response.submittedAt >= recent
	);
	if (!live.length) return;
	const rules = await currentRules(db);
	if (!anyOn(rules)) return;
	const judged = [];
	for (const response of live) {
		const heedsTone =
			rules.negativeAnswer.enabled && response.answers.some(({ text }) => text !== null);
		const tones = new Map(
			heedsTone
				? (await storedTones.all(db, { responseId: response.id })).map((tone) => [
						tone.questionId,
						tone
					])
				: []
		);
		judged.push({
			id: response.id,
			clientId: response.clientId,
			definition: response.definition,
			answers: response.answers.map((answer): StoredAnswer => {
				const tone = tones.get(answer.questionId);
				return {
					questionId: answer.questionId,
					score: answer.score,
					text: answer.text,
					sentimentLabel: tone?.label ?? null,
					sentimentDetail: tone?.detail ?? null
				};
			})
		});
	}
	await openCasesFor(db, rules, judged, now);
}

/** Subscriber to `review.imported`: negative recent reviews become cases. */
export async function openCasesForImportedReviews(
	db: Queryable,
	{ reviews, at }: DomainEvents['review.imported']
): Promise<void> {
	await openCasesForReviews(
		db,
		reviews.map((review) => review.id),
		at
	);
}
