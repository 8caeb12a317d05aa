import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { listApiKeys } from '../api-keys/service';
import type { Db } from '../db';
import { answers, clients, csiCells, responses, reviews } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { listUsers, signIn } from '../users/service';
import { countClients } from '../clients/queries';
import { listSegments } from '../clients/segments';
import { getSurvey, listSurveys } from '../surveys/service';
import { listCampaigns } from '../campaigns/service';
import { missingTranslations } from '../../surveys/definition';
import { sentimentQuerySchema } from '../../schemas/analytics';
import { factorTone, sentimentReport } from '../analytics/sentiment';
import { listTopics } from '../sentiment/topics';
import { demoComments, newHubComments } from './comments';
import { demoStory, routeChangeDate } from './responses';
import { demoTopics, demoUsers, seedDemo } from './seed';

// One seeded workspace for the whole file: the 18 months of responses take seconds to record,
// some 10 s on SQLite and 40 s on PostgreSQL (a round trip per query) on a busy machine.
let db: Db;
let remove: () => Promise<void>;
const now = new Date();
const firstRun: string[] = [];
beforeAll(async () => {
	({ db, remove } = await openTestDatabase());
	await seedDemo(db, (line) => firstRun.push(line), undefined, now);
}, 300_000);
afterAll(() => remove());

type StoredResponse = {
	month: string;
	calendarMonth: number;
	language: string;
	clientLanguage: string | null;
	segments: number[];
	ratings: Record<string, number | null>;
	text: string | null;
};

/** The airline survey's responses as the answers table holds them, one object per response. */
async function storedResponses(): Promise<StoredResponse[]> {
	const byId = new Map<number, StoredResponse>();
	const rows = await db
		.select({
			id: responses.id,
			submittedAt: responses.submittedAt,
			language: responses.language,
			context: responses.context,
			clientLanguage: clients.language
		})
		.from(responses)
		.leftJoin(clients, eq(clients.id, responses.clientId));
	for (const row of rows) {
		byId.set(row.id, {
			month: row.submittedAt.toISOString().slice(0, 7),
			calendarMonth: row.submittedAt.getUTCMonth(),
			language: row.language,
			clientLanguage: row.clientLanguage,
			segments: row.context.segments ?? [],
			ratings: {},
			text: null
		});
	}
	for (const answer of await db.select().from(answers)) {
		const response = byId.get(answer.responseId)!;
		if (answer.text !== null) response.text = answer.text;
		else response.ratings[answer.questionId] = answer.notApplicable ? null : answer.score;
	}
	return [...byId.values()];
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
/** Mean rating of one question over responses, not-applicable answers left out. */
const meanRating = (list: StoredResponse[], questionId: string) =>
	mean(
		list
			.map((response) => response.ratings[questionId])
			.filter((score): score is number => typeof score === 'number')
	);

/** Pearson correlation of a factor with overall satisfaction, pairwise-complete (derived importance). */
function correlationWithOverall(list: StoredResponse[], questionId: string): number {
	const pairs = list
		.map((response) => [response.ratings[questionId], response.ratings.overall] as const)
		.filter(
			(pair): pair is readonly [number, number] =>
				typeof pair[0] === 'number' && typeof pair[1] === 'number'
		);
	const meanX = mean(pairs.map(([x]) => x));
	const meanY = mean(pairs.map(([, y]) => y));
	let xy = 0;
	let xx = 0;
	let yy = 0;
	for (const [x, y] of pairs) {
		xy += (x - meanX) * (y - meanY);
		xx += (x - meanX) ** 2;
		yy += (y - meanY) ** 2;
	}
	return xy / Math.sqrt(xx * yy);
}

describe('demo seed', () => {
	it('creates an owner, a manager and a viewer whose printed passwords work', async () => {
		for (const demoUser of demoUsers) {
			const line = firstRun.find((l) => l.includes(demoUser.email));
			const password = /password: (\S+)/.exec(line ?? '')?.[1];
			expect(password, `password printed for ${demoUser.email}`).toBeDefined();
			expect((await signIn(db, demoUser.email, password!, '127.0.0.1')).ok).toBe(true);
		}
		expect(firstRun.some((l) => /Demo API key .*sfy_/.test(l))).toBe(true);
	});

	it('fills a client base in five languages whose segments all have members', async () => {
		const languages = new Set<string>();
		for (const language of ['de', 'nl', 'fi', 'ro', 'en'])
			if ((await countClients(db, { languages: [language] })) > 0) languages.add(language);
		expect(languages.size).toBe(5);
		for (const segment of await listSegments(db))
			expect(segment.clients, segment.name).toBeGreaterThan(0);
		expect(await countClients(db, { accountManager: 'none' })).toBeGreaterThan(0);
	});

	it('builds the airline model and two surveys, the open one in English, German and Dutch', async () => {
		const surveys = await listSurveys(db);
		expect(surveys.map((s) => [s.name, s.status]).sort()).toEqual([
			['Airline CSI', 'open'],
			['Service desk CSAT', 'draft']
		]);
		const airline = (await getSurvey(db, surveys.find((s) => s.name === 'Airline CSI')!.id))!;
		expect(airline.definition.languages).toEqual(['en', 'de', 'nl']);
		expect(missingTranslations(airline.definition)).toEqual({ de: 0, nl: 0 });
		expect(airline.model?.name).toBe('Airline service');
		expect((await listCampaigns(db)).map((c) => [c.name, c.status])).toEqual([
			['Key accounts, first wave', 'scheduled']
		]);
	});

	describe('18 months of airline responses', () => {
		let stored: StoredResponse[];
		beforeAll(async () => {
			stored = await storedResponses();
		});

		it('spans 18 months up to this one, a few hundred a month, all counted in the dashboard cells', async () => {
			const months = [...new Set(stored.map((response) => response.month))].sort();
			expect(months).toHaveLength(18);
			expect(months.at(-1)).toBe(now.toISOString().slice(0, 7));
			for (const month of months.slice(0, -1)) {
				const n = stored.filter((response) => response.month === month).length;
				expect(n, month).toBeGreaterThanOrEqual(200);
				expect(n, month).toBeLessThanOrEqual(600);
			}
			// The dashboard reads month cells (`YYYY-MM`) of the "everyone" dimension.
			const monthCells = (
				await db.select().from(csiCells).where(eq(csiCells.dimension, ''))
			).filter((row) => row.day.length === 7);
			expect(monthCells.map((row) => row.day).sort()).toEqual(months);
			const counted = monthCells
				.flatMap(({ cell }) => Object.values(cell.patterns))
				.reduce((sum, pattern) => sum + pattern.n, 0);
			expect(counted).toBe(stored.length);
		});

		it('shows punctuality dipping every December to February, month by month', () => {
			const months = [...new Set(stored.map((response) => response.month))];
			const monthly = months.map((month) => {
				const inMonth = stored.filter((response) => response.month === month);
				return {
					winter: demoStory.winterMonths.includes(inMonth[0]!.calendarMonth),
					punctuality: meanRating(inMonth, 'punctuality')
				};
			});
			const winter = monthly.filter((m) => m.winter).map((m) => m.punctuality);
			const rest = monthly.filter((m) => !m.winter).map((m) => m.punctuality);
			expect(winter.length).toBeGreaterThanOrEqual(3);
			// Every winter month sits clearly below every other month.
			expect(Math.max(...winter) + 0.5).toBeLessThan(Math.min(...rest));
			const summer = stored.filter((response) => [5, 6, 7].includes(response.calendarMonth));
			const winterResponses = stored.filter((response) =>
				demoStory.winterMonths.includes(response.calendarMonth)
			);
			expect(
				meanRating(summer, 'punctuality') - meanRating(winterResponses, 'punctuality')
			).toBeGreaterThan(0.8);
		});

		it(`shows “${demoStory.segment}” dropping after its route change while the other clients stay flat`, async () => {
			const segment = (await listSegments(db)).find((s) => s.name === demoStory.segment)!;
			const changeMonth = routeChangeDate(now).toISOString().slice(0, 7);
			const months = [...new Set(stored.map((response) => response.month))].sort();
			const lastFour = new Set(months.slice(-4));
			const inSegment = (response: StoredResponse) => response.segments.includes(segment.id);
			const before = stored.filter((response) => response.month < changeMonth);
			const after = stored.filter((response) => lastFour.has(response.month));
			const [segmentBefore, segmentAfter] = [before.filter(inSegment), after.filter(inSegment)];
			const [othersBefore, othersAfter] = [
				before.filter((r) => !inSegment(r)),
				after.filter((r) => !inSegment(r))
			];

			expect(segmentAfter.length).toBeGreaterThanOrEqual(4 * 30);
			// Customs clearance at the new hub: a sharp fall for the segment, none for the others.
			expect(
				meanRating(segmentBefore, 'customs') - meanRating(segmentAfter, 'customs')
			).toBeGreaterThan(1.2);
			expect(
				Math.abs(meanRating(othersBefore, 'customs') - meanRating(othersAfter, 'customs'))
			).toBeLessThan(0.25);
			// Overall satisfaction falls with it, beyond whatever the season does to everyone.
			const segmentDrop =
				meanRating(segmentBefore, 'overall') - meanRating(segmentAfter, 'overall');
			const othersDrop = meanRating(othersBefore, 'overall') - meanRating(othersAfter, 'overall');
			expect(segmentDrop - othersDrop).toBeGreaterThan(0.4);
		});

		it('makes snacks score high but barely move overall satisfaction, and punctuality the factor to work on', () => {
			const factors = ['punctuality', 'customs', 'safety', 'snacks'];
			const importance = Object.fromEntries(
				factors.map((factor) => [factor, correlationWithOverall(stored, factor)])
			);
			const score = Object.fromEntries(
				factors.map((factor) => [factor, (meanRating(stored, factor) - 1) * 25])
			);
			const meanImportance = mean(Object.values(importance));
			const meanScore = mean(Object.values(score));

			// "Possible overkill": the best-scoring factor, with no bearing on overall satisfaction.
			expect(Math.abs(importance.snacks!)).toBeLessThan(0.1);
			expect(score.snacks).toBe(Math.max(...Object.values(score)));
			// "Concentrate here": the most important factor, scoring below the average.
			expect(importance.punctuality).toBeGreaterThan(0.5);
			expect(importance.punctuality).toBe(Math.max(...Object.values(importance)));
			expect(score.punctuality).toBeLessThan(meanScore - 5);
			// "Keep up the good work".
			expect(importance.safety).toBeGreaterThan(meanImportance);
			expect(score.safety).toBeGreaterThan(meanScore);
		});

		it('has some not-applicable answers, only where the question allows them', () => {
			const notApplicable = (questionId: string) =>
				stored.filter((response) => response.ratings[questionId] === null).length;
			expect(notApplicable('customs')).toBeGreaterThan(stored.length * 0.1);
			expect(notApplicable('snacks')).toBeGreaterThan(0);
			expect(notApplicable('punctuality') + notApplicable('safety')).toBe(0);
		});

		it('answers in the client’s language where the survey has it, and comments in the client’s own language', () => {
			for (const response of stored) {
				const expected = ['en', 'de', 'nl'].includes(response.clientLanguage!)
					? response.clientLanguage
					: 'en';
				expect(response.language).toBe(expected);
			}
			const commented = stored.filter((response) => response.text !== null);
			expect(commented.length).toBeGreaterThan(stored.length * 0.1);
			expect(commented.length).toBeLessThan(stored.length * 0.4);
			for (const language of ['en', 'de', 'nl', 'fi', 'ro']) {
				const written = commented.filter((response) => response.clientLanguage === language);
				expect(written.length, language).toBeGreaterThan(10);
				const own = [
					...Object.values(demoComments[language]!).flat(),
					...(language === 'de' ? newHubComments : [])
				];
				for (const response of written) expect(own, language).toContain(response.text);
			}
		});

		it('ties comments to the ratings: winter-delay complaints come with a poor punctuality rating in winter', () => {
			const winterComplaints = new Set(
				Object.values(demoComments).flatMap((kinds) => kinds.winterDelay)
			);
			const complaints = stored.filter((response) => winterComplaints.has(response.text ?? ''));
			expect(complaints.length).toBeGreaterThan(20);
			for (const response of complaints) {
				expect(demoStory.winterMonths).toContain(response.calendarMonth);
				expect(response.ratings.punctuality).toBeLessThanOrEqual(2);
			}
			const praise = new Set(
				Object.values(demoComments).flatMap((kinds) => [...kinds.onTime, ...kinds.praise])
			);
			for (const response of stored.filter((r) => praise.has(r.text ?? '')))
				expect(response.ratings.overall).toBeGreaterThanOrEqual(4);
		});
	});

	it('imports about 2,000 reviews from two sites in five languages, scored, with winter delays in the words too', async () => {
		const stored = await db.select().from(reviews);
		expect(stored.length).toBeGreaterThanOrEqual(1900);
		expect(new Set(stored.map((review) => review.source))).toEqual(
			new Set(['trustpilot', 'google'])
		);
		expect(new Set(stored.map((review) => review.language))).toEqual(
			new Set(['en', 'de', 'nl', 'fi', 'ro'])
		);
		const negativeShare = (list: typeof stored) =>
			list.filter((review) => review.sentimentLabel === 'negative').length / list.length;
		const winter = stored.filter((review) =>
			demoStory.winterMonths.includes(review.reviewedAt.getUTCMonth())
		);
		const rest = stored.filter(
			(review) => !demoStory.winterMonths.includes(review.reviewedAt.getUTCMonth())
		);
		expect(negativeShare(winter)).toBeGreaterThan(negativeShare(rest) + 0.15);
		expect(
			stored.filter((review) => review.sentimentLabel === null).length / stored.length
		).toBeLessThan(0.1);
	});

	it('finds punctuality complaints in every language, and counts the snack lovers who only say what matters as neutral mentions (#18)', async () => {
		const tone = async (raw: Record<string, unknown> = {}) =>
			(await factorTone(db, sentimentQuerySchema.parse(raw))).find(
				({ factor }) => factor === 'punctuality'
			)!.counts;
		// "Nice snacks, but honestly I care more about leaving on time", in each language.
		expect((await tone()).neutral).toBeGreaterThan(0);
		for (const language of ['en', 'de', 'nl', 'fi', 'ro'])
			expect((await tone({ language })).negative, language).toBeGreaterThan(0);
	});

	it('tags the texts with its topics, staff praised and blamed in every language (#18)', async () => {
		const topics = new Map((await listTopics(db)).map(({ id, name }) => [String(id), name]));
		expect([...topics.values()].sort()).toEqual(demoTopics.map(({ name }) => name).sort());
		for (const language of ['en', 'de', 'nl', 'fi', 'ro']) {
			const report = await sentimentReport(db, sentimentQuerySchema.parse({ language }));
			const staff = report.topics.find(({ topic }) => topics.get(topic) === 'Staff')!;
			expect(staff.counts.positive, language).toBeGreaterThan(0);
			expect(staff.counts.negative, language).toBeGreaterThan(0);
			expect(report.topics.map(({ topic }) => topics.get(topic)).sort(), language).toEqual([
				'App and website',
				'Prices',
				'Staff'
			]);
		}
	});

	it('duplicates nothing when run again', async () => {
		const reviewsBefore = await db.$count(reviews);
		const responsesBefore = await db.$count(responses);
		const cellsBefore = await db.select().from(csiCells);
		const lines: string[] = [];
		await seedDemo(db, (line) => lines.push(line), undefined, now);
		expect(await listUsers(db)).toHaveLength(5);
		expect(await countClients(db, {})).toBe(500);
		expect((await listSegments(db)).map((s) => s.name)).toHaveLength(5);
		expect(await listApiKeys(db)).toHaveLength(1);
		expect(await listSurveys(db)).toHaveLength(2);
		expect(await db.$count(responses)).toBe(responsesBefore);
		expect(await db.$count(reviews)).toBe(reviewsBefore);
		expect(await db.select().from(csiCells)).toEqual(cellsBefore);
		expect(lines.join('\n')).not.toContain('password:');
		expect(lines.join('\n')).not.toContain('Demo responses');
	});
});
