/**
 * About 2,000 demo reviews from two review sites over the demo's 18 months, in the clients'
 * languages, telling the CSI story again in words: winter delays, slow customs at the new hub
 * for German travellers after the route change, and praise otherwise.
 */
import { count } from 'drizzle-orm';
import type { Db } from '../db';
import { reviews } from '../db/schema';
import { first } from '../db/queries';
import { importReviewItems } from '../reviews/import';
import { demoComments, newHubComments, type CommentKind } from './comments';
import { seededRandom } from './random';
import { demoMonths, demoStory, routeChangeDate } from './responses';

const REVIEWS_PER_MONTH = 112;
const sources = ['trustpilot', 'google'] as const;
const languages = ['en', 'en', 'en', 'de', 'de', 'nl', 'fi', 'ro'];
const authors = [
	'Anna K.',
	'Jan de V.',
	'Mikko V.',
	'Ioana P.',
	'Sarah L.',
	'Thomas M.',
	'Eva S.',
	'Pieter B.',
	'Laura N.',
	'Andrei C.'
];
const airports = ['Amsterdam', 'Frankfurt', 'Helsinki', 'Bucharest', 'London'];

const starsOf: Record<CommentKind, [number, number]> = {
	winterDelay: [1, 2],
	delay: [2, 3],
	customs: [2, 3],
	onTime: [4, 5],
	praise: [4, 5],
	snacks: [4, 4]
};

function kindFor(random: ReturnType<typeof seededRandom>, winter: boolean): CommentKind {
	if (winter && random.chance(0.45)) return 'winterDelay';
	return random.pick<CommentKind>([
		'onTime',
		'onTime',
		'praise',
		'praise',
		'praise',
		'delay',
		'customs',
		'snacks'
	]);
}

/** The reviews as the generic JSON import reads them. */
export function demoReviews(now: Date) {
	const random = seededRandom(2024);
	const changed = routeChangeDate(now);
	return demoMonths(now).flatMap(({ start, end }, monthIndex) =>
		Array.from({ length: REVIEWS_PER_MONTH }, (_, index) => {
			const date = new Date(start.getTime() + random.next() * (end.getTime() - start.getTime()));
			const language = random.pick(languages);
			const afterChange = language === 'de' && date >= changed && random.chance(0.5);
			const kind = afterChange
				? 'customs'
				: kindFor(random, demoStory.winterMonths.includes(date.getUTCMonth()));
			const [low, high] = starsOf[kind];
			return {
				source: sources[index % 2],
				externalId: `demo-${monthIndex}-${index}`,
				author: random.pick(authors),
				stars: afterChange ? random.integer(1, 2) : random.integer(low, high),
				text: afterChange
					? random.pick(newHubComments)
					: random.pick(demoComments[language]![kind]),
				date: date.toISOString(),
				language,
				tag: afterChange ? 'Frankfurt' : random.pick(airports)
			};
		})
	);
}

/** Imports the demo reviews once, through the same import (and scoring) a review file gets. */
export async function seedDemoReviews(db: Db, now: Date): Promise<number> {
	if ((await first(db.select({ n: count() }).from(reviews)))!.n > 0) return 0;
	const outcome = await importReviewItems(db, demoReviews(now), {
		actor: { userId: null },
		origin: { kind: 'demo' },
		now
	});
	if (!outcome.ok) throw new Error(`Demo reviews refused: ${outcome.message}`);
	return outcome.created;
}
