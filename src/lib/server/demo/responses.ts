import { count, inArray } from 'drizzle-orm';
import { answerableQuestions, type Question, type SurveyDefinition } from '../../schemas/survey';
import { answerRows, type RawAnswers } from '../../surveys/answers';
import { clientIdsMatching } from '../clients/queries';
import type { Db } from '../db';
import { clients, responses } from '../db/schema';
import { first } from '../db/queries';
import { inTransaction } from '../db/transaction';
import { recordResponses } from '../responses/record';
import { getSurvey, listSurveys } from '../surveys/service';
import { demoSegments } from './clients';
import { demoComments, newHubComments, type CommentKind } from './comments';
import { seededRandom } from './random';
import { utcDay } from '../../dates';

/** How far punctuality falls in the winter months (UTC, 0 = January): snow and de-icing. */
const punctualityWinterDip: Record<number, number> = { 11: -1.1, 0: -1.5, 1: -1.2 };

/**
 * The story the demo's responses tell, so the dashboard tour and the docs can point at it:
 * - punctuality dips every winter (December–February: snow and de-icing);
 * - the segment below drops from the first day of the month `changeMonthsAgo` months before the
 *   current one, when its route moved to a new hub: customs clearance and punctuality fall, and
 *   overall satisfaction with them, while the other clients stay where they were;
 * - snacks score high but barely move overall satisfaction ("possible overkill"), while
 *   punctuality matters most and scores lowest ("concentrate here").
 */
export const demoStory = {
	surveyName: 'Airline CSI',
	months: 18,
	/** UTC months, 0 = January. */
	winterMonths: Object.keys(punctualityWinterDip).map(Number),
	segment: 'Enterprise, Germany',
	changeMonthsAgo: 4,
	change: 'their route moved to a new hub: slow customs, tight connections'
};

/** The first day (UTC) from which the story's segment rates lower. */
export function routeChangeDate(now: Date): Date {
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - demoStory.changeMonthsAgo, 1));
}

/** The demo's months, oldest first: each one's start, and its end (now, for the current month). */
export function demoMonths(now: Date): { start: Date; end: Date }[] {
	return Array.from({ length: demoStory.months }, (_, index) => {
		const monthsAgo = demoStory.months - 1 - index;
		const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1));
		const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo + 1, 1));
		return { start, end: monthsAgo === 0 ? now : next };
	});
}

export type DemoRespondent = {
	id: number;
	language: string;
	clientSince: string | null;
	enterprise: boolean;
	inStory: boolean;
};

// Where each factor's latent rating sits before rounding to 1–5, and how widely it spreads.
const factorMeans: Record<string, number> = {
	punctuality: 3.85,
	customs: 3.9,
	safety: 4.35,
	snacks: 4.45
};
const factorSpread: Record<string, number> = {
	punctuality: 0.9,
	customs: 0.9,
	safety: 0.75,
	snacks: 0.7
};
const notApplicableShare: Record<string, number> = { customs: 0.25, snacks: 0.06 };
const afterRouteChange: Record<string, number> = { customs: -1.8, punctuality: -0.8 };
/**
 * Overall satisfaction follows punctuality, safety and customs; snacks get no weight at all, so
 * their derived importance (correlation with overall) comes out near zero.
 */
const overallWeights: Record<string, number> = {
	punctuality: 0.55,
	safety: 0.45,
	customs: 0.3,
	snacks: 0
};
const OVERALL_MEAN = 3.9;
/** What clients say matters when a survey asks them (importance questions): not the snacks. */
const statedImportance: Record<string, number> = {
	punctuality: 4.7,
	safety: 4.8,
	customs: 3.9,
	snacks: 2.2
};
// A few hundred a month, and a seed that stays quick: recording one response (its day and month
// cells in every dimension) costs one to two milliseconds.
const BASE_MONTHLY_RESPONSES = 280;

const rating = (latent: number) => Math.min(5, Math.max(1, Math.round(latent)));

type Random = ReturnType<typeof seededRandom>;

/** An open answer matching the ratings, in the client's own language, or null (most leave it empty). */
function demoComment(
	random: Random,
	language: string,
	ratings: Record<string, number | null>,
	overall: number,
	winter: boolean,
	newHub: boolean
): string | null {
	const texts = demoComments[language] ?? demoComments.en!;
	const { punctuality = null, customs = null, safety = null, snacks = null } = ratings;
	let kind: CommentKind | 'newHub' | null = null;
	if (punctuality !== null && punctuality <= 2)
		kind = winter && random.chance(0.75) ? 'winterDelay' : 'delay';
	else if (customs !== null && customs <= 2)
		kind = newHub && random.chance(0.7) ? 'newHub' : 'customs';
	else if (overall >= 4 && (safety ?? 0) >= 4)
		kind = (punctuality ?? 0) >= 4 && random.chance(0.6) ? 'onTime' : 'praise';
	else if (punctuality === 3 && (snacks ?? 0) >= 4) kind = 'snacks';
	const share = kind === 'onTime' || kind === 'praise' ? 0.18 : kind === 'snacks' ? 0.25 : 0.4;
	if (!kind || !random.chance(share)) return null;
	return random.pick(kind === 'newHub' ? newHubComments : texts[kind]);
}

/**
 * 18 months of answers to the airline survey, ending now, the same on every run for the same
 * month: a few hundred a month, more in summer and slowly growing.
 */
export function demoResponses(
	definition: SurveyDefinition,
	respondents: DemoRespondent[],
	now: Date
) {
	const random = seededRandom(20260601);
	// Some clients rate everything a little higher or lower — everything but the snacks.
	const mood = new Map(respondents.map((respondent) => [respondent.id, random.normal(0, 0.3)]));
	// Enterprise clients fly (and answer) more; the story's clients, on their shuttle route, most.
	const pool = respondents.flatMap((respondent) =>
		Array<DemoRespondent>(respondent.inStory ? 10 : respondent.enterprise ? 6 : 1).fill(respondent)
	);
	const changeDate = routeChangeDate(now);
	const questions = answerableQuestions(definition);
	const ratingQuestions = questions.filter(
		(question): question is Extract<Question, { type: 'rating' }> =>
			question.type === 'rating' && Boolean(question.factor)
	);
	const generated: {
		clientId: number;
		language: string;
		submittedAt: Date;
		answers: RawAnswers;
	}[] = [];

	demoMonths(now).forEach(({ start, end }, index) => {
		const month = start.getUTCMonth();
		const fullMonth = Date.UTC(start.getUTCFullYear(), month + 1, 1) - start.getTime();
		const season = [5, 6, 7].includes(month) ? 1.15 : month === 11 ? 0.9 : 1;
		const growth = 0.9 + (0.2 * index) / (demoStory.months - 1);
		// The current month so far, with a few answers even on its first morning.
		const elapsed = Math.max(0.05, (end.getTime() - start.getTime()) / fullMonth);
		const total = Math.round(BASE_MONTHLY_RESPONSES * season * growth * elapsed);
		const times = Array.from(
			{ length: total },
			() => start.getTime() + random.next() * (end.getTime() - start.getTime())
		).sort((a, b) => a - b);
		for (const time of times) {
			const submittedAt = new Date(time);
			const day = utcDay(submittedAt);
			let respondent = random.pick(pool);
			for (
				let tries = 0;
				tries < 10 && respondent.clientSince && respondent.clientSince > day;
				tries++
			)
				respondent = random.pick(pool);
			const newHub = respondent.inStory && submittedAt >= changeDate;
			const clientMood = mood.get(respondent.id)!;

			// One rating per factor (null for "not applicable"); a factor asked twice gets the same answer.
			const ratings: Record<string, number | null> = {};
			for (const question of ratingQuestions) {
				const factor = question.factor;
				if (factor in ratings) continue;
				if (question.allowNotApplicable && random.chance(notApplicableShare[factor] ?? 0)) {
					ratings[factor] = null;
					continue;
				}
				let mean = (factorMeans[factor] ?? 4) + (factor === 'snacks' ? 0 : clientMood);
				if (factor === 'punctuality') mean += punctualityWinterDip[month] ?? 0;
				if (newHub) mean += afterRouteChange[factor] ?? 0;
				ratings[factor] = rating(random.normal(mean, factorSpread[factor] ?? 0.8));
			}
			let overallLatent = OVERALL_MEAN + clientMood + random.normal(0, 0.45);
			for (const [factor, weight] of Object.entries(overallWeights)) {
				const value = ratings[factor];
				if (value !== null && value !== undefined)
					overallLatent += weight * (value - factorMeans[factor]!);
			}
			const overall = rating(overallLatent);
			const comment = demoComment(
				random,
				respondent.language,
				ratings,
				overall,
				month in punctualityWinterDip,
				newHub
			);

			const answers: RawAnswers = {};
			for (const question of questions) {
				if (question.type === 'rating' && question.factor) {
					const value = ratings[question.factor];
					answers[question.id] = value === null || value === undefined ? 'na' : String(value);
				} else if (question.type === 'overall') answers[question.id] = String(overall);
				else if (question.type === 'importance')
					answers[question.id] = String(
						rating(random.normal(statedImportance[question.factor] ?? 3.5, 0.7))
					);
				else if (question.type === 'nps')
					answers[question.id] = String(
						Math.min(10, Math.max(0, Math.round(overall * 2 + random.normal(0, 1))))
					);
				else if (question.type === 'text' && comment && !Object.values(answers).includes(comment))
					answers[question.id] = comment;
			}
			const language = definition.languages.includes(respondent.language)
				? respondent.language
				: definition.defaultLanguage;
			generated.push({ clientId: respondent.id, language, submittedAt, answers });
		}
	});
	return generated;
}

/**
 * Records the demo responses to the open airline survey, one transaction per month, unless it has
 * responses already. Returns how many it added.
 */
export async function seedDemoResponses(db: Db, now = new Date()): Promise<number> {
	const listed = (await listSurveys(db)).find((survey) => survey.name === demoStory.surveyName);
	if (!listed) return 0;
	const survey = (await getSurvey(db, listed.id))!;
	const versionIds = survey.versions.map((version) => version.id);
	const existing = await first(
		db.select({ n: count() }).from(responses).where(inArray(responses.surveyVersionId, versionIds))
	);
	if (existing!.n) return 0;

	const storyFilter = demoSegments.find((segment) => segment.name === demoStory.segment)!.filter;
	const inStory = new Set(await clientIdsMatching(db, storyFilter, now));
	const enterprise = new Set(await clientIdsMatching(db, { tags: ['Enterprise'] }, now));
	const clientRows = await db
		.select({ id: clients.id, language: clients.language, clientSince: clients.clientSince })
		.from(clients)
		.orderBy(clients.id);
	const respondents = clientRows.map((client) => ({
		...client,
		enterprise: enterprise.has(client.id),
		inStory: inStory.has(client.id)
	}));
	if (!respondents.length) return 0;

	const generated = demoResponses(survey.definition, respondents, now);
	const definition = survey.definition;
	const byMonth = new Map<string, typeof generated>();
	for (const response of generated) {
		const month = response.submittedAt.toISOString().slice(0, 7);
		if (!byMonth.has(month)) byMonth.set(month, []);
		byMonth.get(month)!.push(response);
	}
	for (const monthResponses of byMonth.values()) {
		await inTransaction(db, (tx) =>
			recordResponses(
				tx,
				monthResponses.map((response) => ({
					surveyVersionId: survey.versionId,
					definition,
					clientId: response.clientId,
					language: response.language,
					submittedAt: response.submittedAt,
					source: 'survey' as const,
					answers: answerRows(definition, response.answers)
				}))
			)
		);
	}
	return generated.length;
}
