import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultRules } from '../../followups/triggers';
import type { Db } from '../db';
import { followupCases, followupEvents, outboxMessages, reviews } from '../db/schema';
import { createTestDatabase } from '../db/test-database';
import { importReviewItems } from '../reviews/import';
import { openSurveyFromTemplate } from '../surveys/test-surveys';
import { openCasesForResponses, openCasesForReviews } from './cases';
import { saveFollowupSettings } from './rules';
import { addClient, addStaff, respond } from './test-followups';

let db: Db;
let remove: () => void;
let surveyId: number;
// A Monday morning: two business days later is Wednesday, same time.
const monday = new Date('2026-03-02T09:00:00Z');

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(monday);
	({ db, remove } = createTestDatabase());
	// ACSI-style: five factor ratings, overall 1–5, "recommend" 0–10, "improve" free text.
	surveyId = openSurveyFromTemplate(db, 'acsi');
});
afterEach(() => {
	remove();
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

const allCases = () => db.select().from(followupCases).all();
const eventsOf = (caseId: number) =>
	db
		.select()
		.from(followupEvents)
		.where(eq(followupEvents.caseId, caseId))
		.orderBy(followupEvents.id)
		.all();
const mail = () => db.select().from(outboxMessages).all();

function settings(changes: Partial<Parameters<typeof saveFollowupSettings>[1]> = {}) {
	const saved = saveFollowupSettings(db, {
		rules: defaultRules,
		defaultAssigneeId: null,
		slaBusinessDays: 2,
		...changes
	});
	if (!saved.ok) throw new Error(saved.message);
}

describe('opening follow-up cases from responses', () => {
	it('gives a client who rates overall 1 a case for their account manager, due in two business days, who is emailed the link', async () => {
		addStaff(db, 'Mark');
		const clientId = addClient(db, 'anna@example.com', 'Mark');
		const responseId = await respond(db, surveyId, {
			clientId,
			answers: answered({ overall: '1' })
		});
		openCasesForResponses(db, [responseId]);

		const [kase] = allCases();
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
		expect(eventsOf(kase!.id).map((event) => [event.kind, event.detail, event.actorId])).toEqual([
			['created', `Opened by the rules for response #${responseId}`, null],
			['assigned', 'Assigned to Mark (the client’s account manager)', null],
			['notified', 'Emailed Mark', null]
		]);
		const [email] = mail();
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
		const clientId = addClient(db, 'anna@example.com');
		const responseId = await respond(db, surveyId, {
			clientId,
			answers: answered({ overall: '2', quality: '1', recommend: '3' })
		});
		openCasesForResponses(db, [responseId]);
		openCasesForResponses(db, [responseId, responseId]);
		expect(openCasesForResponses(db, [responseId])).toEqual([]);

		expect(allCases()).toHaveLength(1);
		expect(allCases()[0]!.trigger.triggers).toEqual(['lowFactor', 'lowOverall', 'lowNps']);
		expect(
			db
				.select({ n: count() })
				.from(followupEvents)
				.where(eq(followupEvents.kind, 'created'))
				.get()!.n
		).toBe(1);
	});

	it('leaves satisfied respondents, imported history and answers older than a week alone', async () => {
		const clientId = addClient(db, 'anna@example.com');
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
		openCasesForResponses(db, [happy, imported, old, lastWeek]);
		expect(allCases().map((kase) => kase.responseId)).toEqual([lastWeek]);
	});

	it('opens a case for an anonymous answer too, for the default assignee', async () => {
		const olga = addStaff(db, 'Olga', 'owner');
		settings({ defaultAssigneeId: olga });
		const responseId = await respond(db, surveyId, {
			clientId: null,
			answers: answered({ recommend: '0' })
		});
		openCasesForResponses(db, [responseId]);
		expect(allCases()[0]).toMatchObject({
			clientId: null,
			assigneeId: olga,
			trigger: { triggers: ['lowNps'] }
		});
		expect(mail()[0]).toMatchObject({
			toAddress: 'olga@staff.test',
			subject: `Follow-up case #${allCases()[0]!.id}: Anonymous respondent`
		});
	});

	it('falls back from a deactivated account manager to the default assignee, and then to nobody', async () => {
		addStaff(db, 'Gone', 'manager', true);
		const olga = addStaff(db, 'Olga', 'owner');
		const clientId = addClient(db, 'anna@example.com');
		// The client keeps a manager who has since left.
		db.run(`update clients set account_manager_id = 'user-gone' where id = ${clientId}`);
		settings({ defaultAssigneeId: olga });
		openCasesForResponses(db, [
			await respond(db, surveyId, { clientId, answers: answered({ overall: '1' }) })
		]);
		expect(allCases()[0]!.assigneeId).toBe(olga);

		settings({ defaultAssigneeId: null });
		openCasesForResponses(db, [
			await respond(db, surveyId, { clientId, answers: answered({ overall: '1' }) })
		]);
		const unassigned = allCases()[1]!;
		expect(unassigned.assigneeId).toBeNull();
		expect(eventsOf(unassigned.id).map((event) => event.kind)).toEqual(['created']);
		expect(mail()).toHaveLength(1);
	});

	it('counts the SLA in business days from the owner’s setting, skipping the weekend', async () => {
		settings({ slaBusinessDays: 5 });
		vi.setSystemTime(new Date('2026-03-06T16:30:00Z')); // a Friday
		openCasesForResponses(db, [
			await respond(db, surveyId, { clientId: null, answers: answered({ overall: '1' }) })
		]);
		expect(allCases()[0]!.dueAt).toEqual(new Date('2026-03-13T16:30:00Z'));
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
		openCasesForResponses(db, [negative, unscored]);
		expect(allCases().map((kase) => [kase.responseId, kase.trigger])).toEqual([
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
		settings({
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
		openCasesForResponses(db, [two, one]);
		expect(allCases().map((kase) => kase.responseId)).toEqual([one]);
	});
});

describe('opening follow-up cases from reviews', () => {
	const review = (
		externalId: string,
		label: 'negative' | 'positive' | null,
		clientId: number | null = null,
		reviewedAt = monday
	) =>
		db
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
			.get().id;

	it('opens one case per recent negative review, for the linked client’s account manager', () => {
		addStaff(db, 'Mark');
		const clientId = addClient(db, 'pat@example.com', 'Mark');
		const ids = [
			review('a', 'negative', clientId),
			review('b', 'positive'),
			review('c', null),
			review('d', 'negative', clientId, new Date('2025-06-01T00:00:00Z'))
		];
		openCasesForReviews(db, ids);
		openCasesForReviews(db, ids);
		expect(allCases()).toMatchObject([
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
		for (let run = 0; run < 2; run++)
			await importReviewItems(db, items, { actor: {}, origin: 'test' });
		expect(allCases()).toMatchObject([
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
