import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultRules } from '../../followups/triggers';
import { caseEventText } from '../../followups/event-text';
import type { Db } from '../db';
import { clients, followupCases, followupEvents, outboxMessages, reviews } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { importReviewItems } from '../reviews/import';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { openCasesForResponses, openCasesForReviews } from './cases';
import { saveFollowupSettings } from './rules';
import { addClient, addStaff, respond } from './test-followups';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';

let db: Db;
let remove: () => Promise<void>;
let surveyId: number;
// A Monday morning: two business days later is Wednesday, same time.
const monday = new Date('2026-03-02T09:00:00Z');

beforeEach(async () => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(monday);
	({ db, remove } = await openTestDatabase());
	// ACSI-style: five factor ratings, overall 1–5, "recommend" 0–10, "improve" free text.
	surveyId = await openSurveyFromTemplate(db, 'acsi');
});
afterEach(async () => {
	await remove();
	vi.useRealTimers();
});

const satisfied = {
	expectations: '4',
	quality: '5',
	value: '4',
	complaints: 'na',
	loyalty: '5',
	overall: '4',
	recommend: '9'
};
const answered = (changes: Record<string, string>) => ({ ...satisfied, ...changes });

const allCases = async () => await db.select().from(followupCases).orderBy(followupCases.id);
const eventsOf = async (caseId: number) =>
	await db
		.select()
		.from(followupEvents)
		.where(eq(followupEvents.caseId, caseId))
		.orderBy(followupEvents.id);
const mail = async () => await db.select().from(outboxMessages).orderBy(outboxMessages.id);

async function settings(changes: Partial<Parameters<typeof saveFollowupSettings>[1]> = {}) {
	const saved = await saveFollowupSettings(db, {
		rules: defaultRules,
		defaultAssigneeId: null,
		slaBusinessDays: 2,
		...changes
	});
	if (!saved.ok) throw new Error(saved.message);
}

describe('opening follow-up cases from responses', () => {
	it('gives a client who rates overall 1 a case for their account manager, due in two business days, who is emailed the link', async () => {
		await addStaff(db, 'Mark');
		const clientId = await addClient(db, 'anna@example.com', 'Mark');
		const responseId = await respond(db, surveyId, {
			clientId,
			answers: answered({ overall: '1' })
		});
		await inTransaction(db, (tx) => openCasesForResponses(tx, [responseId]));

		const [kase] = await allCases();
		expect(kase).toMatchObject({
			clientId,
			responseId,
			assigneeId: 'user-mark',
			status: 'open',
			dueAt: new Date('2026-03-04T09:00:00Z'),
			trigger: {
				triggers: ['lowOverall'],
				items: [{ label: 'Overall, how satisfied are you with us? (1–5)', score: 1 }]
			}
		});
		expect(
			(await eventsOf(kase!.id)).map((event) => [event.kind, caseEventText(event), event.actorId])
		).toEqual([
			['created', `Opened by the rules for response #${responseId}`, null],
			['assigned', 'Assigned to Mark (the client’s account manager)', null],
			['notified', 'Emailed Mark', null]
		]);
		const [email] = await mail();
		expect(email).toMatchObject({
			kind: 'notification',
			toAddress: 'mark@staff.test',
			status: 'queued',
			subject: `Follow-up case #${kase!.id}: anna`
		});
		expect(email!.textBody).toContain(`http://localhost:3000/cases/${kase!.id}`);
		expect(email!.textBody).toContain('Overall, how satisfied are you with us? (1–5): 1');
		expect(email!.textBody).toContain('Due: 4 Mar 2026, 09:00 UTC');
	});

	it('opens one case per response however often it is asked, with every trigger that fired', async () => {
		const clientId = await addClient(db, 'anna@example.com');
		const responseId = await respond(db, surveyId, {
			clientId,
			answers: answered({ overall: '2', quality: '1', recommend: '3' })
		});
		await inTransaction(db, (tx) => openCasesForResponses(tx, [responseId]));
		await inTransaction(db, (tx) => openCasesForResponses(tx, [responseId, responseId]));
		expect(await inTransaction(db, (tx) => openCasesForResponses(tx, [responseId]))).toEqual([]);

		expect(await allCases()).toHaveLength(1);
		expect((await allCases())[0]!.trigger.triggers).toEqual(['lowFactor', 'lowOverall', 'lowNps']);
		expect(
			(await first(
				db.select({ n: count() }).from(followupEvents).where(eq(followupEvents.kind, 'created'))
			))!.n
		).toBe(1);
	});

	it('leaves satisfied respondents, imported history and answers older than a week alone', async () => {
		const clientId = await addClient(db, 'anna@example.com');
		const happy = await respond(db, surveyId, { clientId, answers: satisfied });
		const imported = await respond(db, surveyId, {
			clientId,
			answers: answered({ overall: '1' }),
			source: 'import'
		});
		const old = await respond(db, surveyId, {
			clientId,
			answers: answered({ overall: '1' }),
			submittedAt: new Date('2026-02-23T08:59:00Z')
		});
		const lastWeek = await respond(db, surveyId, {
			clientId,
			answers: answered({ overall: '1' }),
			submittedAt: new Date('2026-02-23T09:00:00Z')
		});
		await inTransaction(db, (tx) => openCasesForResponses(tx, [happy, imported, old, lastWeek]));
		expect((await allCases()).map((kase) => kase.responseId)).toEqual([lastWeek]);
	});

	it('opens a case for an anonymous answer too, for the default assignee', async () => {
		const olga = await addStaff(db, 'Olga', 'owner');
		await settings({ defaultAssigneeId: olga });
		const responseId = await respond(db, surveyId, {
			clientId: null,
			answers: answered({ recommend: '0' })
		});
		await inTransaction(db, (tx) => openCasesForResponses(tx, [responseId]));
		expect((await allCases())[0]).toMatchObject({
			clientId: null,
			assigneeId: olga,
			trigger: { triggers: ['lowNps'] }
		});
		expect((await mail())[0]).toMatchObject({
			toAddress: 'olga@staff.test',
			subject: `Follow-up case #${(await allCases())[0]!.id}: Anonymous respondent`
		});
	});

	it('falls back from a deactivated account manager to the default assignee, and then to nobody', async () => {
		await addStaff(db, 'Gone', 'manager', true);
		const olga = await addStaff(db, 'Olga', 'owner');
		const clientId = await addClient(db, 'anna@example.com');
		// The client keeps a manager who has since left.
		await inTransaction(db, async (tx) => {
			await tx
				.update(clients)
				.set({ accountManagerId: 'user-gone' })
				.where(eq(clients.id, clientId));
		});
		await settings({ defaultAssigneeId: olga });
		const responded = await respond(db, surveyId, {
			clientId,
			answers: answered({ overall: '1' })
		});
		await inTransaction(db, (tx) => openCasesForResponses(tx, [responded]));
		expect((await allCases())[0]!.assigneeId).toBe(olga);

		await settings({ defaultAssigneeId: null });
		const respondedAgain = await respond(db, surveyId, {
			clientId,
			answers: answered({ overall: '1' })
		});
		await inTransaction(db, (tx) => openCasesForResponses(tx, [respondedAgain]));
		const unassigned = (await allCases())[1]!;
		expect(unassigned.assigneeId).toBeNull();
		expect((await eventsOf(unassigned.id)).map((event) => event.kind)).toEqual(['created']);
		expect(await mail()).toHaveLength(1);
	});

	it('counts the SLA in business days from the owner’s setting, skipping the weekend', async () => {
		await settings({ slaBusinessDays: 5 });
		vi.setSystemTime(new Date('2026-03-06T16:30:00Z')); // a Friday
		const responded = await respond(db, surveyId, {
			clientId: null,
			answers: answered({ overall: '1' })
		});
		await inTransaction(db, (tx) => openCasesForResponses(tx, [responded]));
		expect((await allCases())[0]!.dueAt).toEqual(new Date('2026-03-13T16:30:00Z'));
	});

	it('opens a case for a comment scored negative, showing its negative words, but not for an unscored one', async () => {
		const comment = { improve: 'The staff were rude and the wait was terrible' };
		const negative = await respond(db, surveyId, {
			clientId: null,
			answers: answered(comment),
			sentiment: {
				improve: {
					label: 'negative',
					words: [
						{ word: 'rude', score: -2 },
						{ word: 'terrible', score: -3 }
					]
				}
			}
		});
		const unscored = await respond(db, surveyId, {
			clientId: null,
			answers: answered(comment),
			sentiment: { improve: { label: null } }
		});
		await inTransaction(db, (tx) => openCasesForResponses(tx, [negative, unscored]));
		expect((await allCases()).map((kase) => [kase.responseId, kase.trigger])).toEqual([
			[
				negative,
				{
					triggers: ['negativeAnswer'],
					items: [
						{
							label: 'What could we do better?',
							text: comment.improve,
							sentiment: 'negative',
							words: ['terrible', 'rude']
						}
					]
				}
			]
		]);
	});

	it('follows the owner’s rules: thresholds and rules turned off', async () => {
		await settings({
			rules: {
				...defaultRules,
				lowOverall: { enabled: true, threshold: 1, askResolved: false },
				lowNps: { enabled: false, threshold: 6, askResolved: false }
			}
		});
		const two = await respond(db, surveyId, {
			clientId: null,
			answers: answered({ overall: '2', recommend: '0' })
		});
		const one = await respond(db, surveyId, {
			clientId: null,
			answers: answered({ overall: '1' })
		});
		await inTransaction(db, (tx) => openCasesForResponses(tx, [two, one]));
		expect((await allCases()).map((kase) => kase.responseId)).toEqual([one]);
	});
});

describe('opening follow-up cases from reviews', () => {
	const review = async (
		externalId: string,
		label: 'negative' | 'positive' | null,
		clientId: number | null = null,
		reviewedAt = monday
	) =>
		inTransaction(
			db,
			async (tx) =>
				(await first(
					tx
						.insert(reviews)
						.values({
							source: 'trustpilot',
							externalId,
							author: 'Pat',
							stars: 1,
							text: 'Lost my bag and nobody cared',
							reviewedAt,
							importedAt: monday,
							clientId,
							sentimentLabel: label
						})
						.returning({ id: reviews.id })
				))!.id
		);

	it('opens one case per recent negative review, for the linked client’s account manager', async () => {
		await addStaff(db, 'Mark');
		const clientId = await addClient(db, 'pat@example.com', 'Mark');
		const ids = [
			await review('a', 'negative', clientId),
			await review('b', 'positive'),
			await review('c', null),
			await review('d', 'negative', clientId, new Date('2025-06-01T00:00:00Z'))
		];
		await inTransaction(db, (tx) => openCasesForReviews(tx, ids));
		await inTransaction(db, (tx) => openCasesForReviews(tx, ids));
		expect(await allCases()).toMatchObject([
			{
				reviewId: ids[0],
				responseId: null,
				clientId,
				assigneeId: 'user-mark',
				trigger: {
					triggers: ['negativeReview'],
					items: [{ label: 'Review on trustpilot (1–5 stars)', score: 1 }]
				}
			}
		]);
	});

	it('opens a case when an imported review reads negative, once however often the file is imported', async () => {
		const items = [
			{
				source: 'google',
				externalId: 'g1',
				author: 'Pat',
				stars: 1,
				text: 'Terrible service, rude staff and an awful delay. Never again.',
				date: '2026-03-01'
			},
			{
				source: 'google',
				externalId: 'g2',
				author: 'Sam',
				stars: 5,
				text: 'Wonderful crew, great flight, thank you!',
				date: '2026-03-01'
			}
		];
		for (let run = 0; run < 2; run++) {
			await importReviewItems(db, items, { actor: {}, origin: { kind: 'file', name: 'test' } });
		}
		expect(await allCases()).toMatchObject([
			{
				clientId: null,
				trigger: {
					triggers: ['negativeReview'],
					items: [{ label: 'Review on google (1–5 stars)', score: 1 }]
				}
			}
		]);
	});
});
