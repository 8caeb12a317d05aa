import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	reviewFilterFromSearchParams,
	reviewFilterSchema,
	reviewFilterToSearchParams,
	type ReviewFilter
} from '../../schemas/review-filter';
import { saveClients } from '../clients/save';
import { clientInput } from '../clients/test-clients';
import type { Db } from '../db';
import { reviews, type SentimentDetail } from '../db/schema';
import { openTestDatabase } from '../db/test-database';
import { inTransaction } from '../db/transaction';
import { listReviews, reviewFilterOptions } from './queries';

let db: Db;
let remove: () => Promise<void>;

type Label = 'positive' | 'neutral' | 'negative' | null;
const aspect = (factor: string, label: 'positive' | 'negative') => ({
	factor,
	score: label === 'positive' ? 2 : -2,
	comparative: 0.2,
	label,
	sentences: 1
});

function review(
	externalId: string,
	stars: number | null,
	label: Label,
	fields: Partial<typeof reviews.$inferInsert> = {},
	aspects: SentimentDetail['aspects'] = []
) {
	return {
		source: 'trustpilot',
		externalId,
		stars,
		text: `Review ${externalId}`,
		reviewedAt: new Date('2025-03-10T12:00:00Z'),
		importedAt: new Date('2025-04-01T00:00:00Z'),
		sentimentLanguage: label === null ? 'sv' : 'en',
		sentimentLabel: label,
		sentimentScore: label === null ? null : 1,
		sentimentComparative: label === null ? null : 0.1,
		sentimentDetail: label === null ? null : { words: [], aspects },
		sentimentVersion: '1',
		...fields
	};
}

beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
	const saved = await saveClients(
		db,
		[clientInput({ email: 'anna@example.com', name: 'Anna Berg' })],
		{
			onExisting: 'skip',
			actor: {},
			source: 'test'
		}
	);
	const anna = saved.ok ? saved.ids[0]! : null;
	await inTransaction(db, async (tx) => {
		await tx.insert(reviews).values([
			review('happy', 5, 'positive', { clientId: anna, title: 'Lovely', author: 'Anna B.' }, [
				aspect('punctuality', 'positive')
			]),
			review(
				'angry-five',
				5,
				'negative',
				{ text: 'Rude driver, 100% late', language: 'de-AT', tag: 'Vienna' },
				[aspect('punctuality', 'negative'), aspect('staff', 'negative')]
			),
			review('kind-one', 1, 'positive', {
				source: 'google',
				reviewedAt: new Date('2025-03-12T23:59:59Z')
			}),
			review('fair-two', 2, 'negative', {
				source: 'google',
				reviewedAt: new Date('2025-03-13T00:00:00Z')
			}),
			review('swedish', 4, null, { reviewedAt: new Date('2025-02-01T00:00:00Z') }),
			review('no-stars', null, 'negative')
		]);
	});
});
afterEach(() => remove());

const ids = async (filter: ReviewFilter, page = { limit: 50, offset: 0 }) =>
	(await listReviews(db, filter, page)).items.map((item) => item.externalId);
const filter = (query: string) => {
	const parsed = reviewFilterFromSearchParams(new URLSearchParams(query));
	if (!parsed.success) throw parsed.error;
	return parsed.data;
};

describe('the review list', () => {
	it('shows the newest first, with the client a review is linked to', async () => {
		const { items, total } = await listReviews(db, {}, { limit: 2, offset: 0 });
		expect(total).toBe(6);
		expect(items.map((item) => item.externalId)).toEqual(['fair-two', 'kind-one']);
		const happy = (await listReviews(db, { search: 'lovely' }, { limit: 5, offset: 0 })).items[0]!;
		expect(happy).toMatchObject({ clientName: 'Anna Berg', sentimentLabel: 'positive' });
		expect(await ids({}, { limit: 3, offset: 2 })).toEqual(['no-stars', 'angry-five', 'happy']);
		expect(await ids({}, { limit: 3, offset: 5 })).toEqual(['swedish']);
	});

	it('finds where stars and words disagree: 4–5 stars with negative text, 1–2 stars with positive text', async () => {
		expect((await ids(filter('disagree=on'))).sort()).toEqual(['angry-five', 'kind-one']);
	});

	it('filters by sentiment, including reviews that could not be scored', async () => {
		expect(await ids(filter('sentiment=not-scored'))).toEqual(['swedish']);
		expect((await ids(filter('sentiment=negative'))).sort()).toEqual([
			'angry-five',
			'fair-two',
			'no-stars'
		]);
	});

	it('filters by the factors a review’s sentences are about', async () => {
		expect((await ids(filter('factor=punctuality'))).sort()).toEqual(['angry-five', 'happy']);
		expect(await ids(filter('factor=staff'))).toEqual(['angry-five']);
	});

	it('filters by source, stars, language (stated or detected, "de" finding "de-AT"), tag and days', async () => {
		expect(await ids(filter('source=Google'))).toEqual(['fair-two', 'kind-one']);
		expect(await ids(filter('stars=1&stars=2'))).toEqual(['fair-two', 'kind-one']);
		expect(await ids(filter('language=de'))).toEqual(['angry-five']);
		expect(await ids(filter('language=sv'))).toEqual(['swedish']);
		expect(await ids(filter('tag=Vienna'))).toEqual(['angry-five']);
		expect(await ids(filter('from=2025-03-12&to=2025-03-12'))).toEqual(['kind-one']);
	});

	it('searches text, title and author word by word, taking % literally', async () => {
		expect(await ids(filter('search=rude+late'))).toEqual(['angry-five']);
		expect(await ids(filter('search=100%25'))).toEqual(['angry-five']);
		expect(await ids(filter('search=anna'))).toEqual(['happy']);
		expect(await ids(filter('search=rude+punctual'))).toEqual([]);
	});

	it('offers the sources, languages and tags present, with counts', async () => {
		const options = await reviewFilterOptions(db);
		expect(options.sources).toEqual([
			{ value: 'google', reviews: 2 },
			{ value: 'trustpilot', reviews: 4 }
		]);
		expect(options.languages).toEqual([
			{ value: 'de-AT', reviews: 1 },
			{ value: 'en', reviews: 4 },
			{ value: 'sv', reviews: 1 }
		]);
		expect(options.tags).toEqual([{ value: 'Vienna', reviews: 1 }]);
	});
});

describe('the review filter in a URL', () => {
	it('survives the round trip and refuses what it cannot read', () => {
		const parsed = filter(
			'stars=5&stars=4&sentiment=negative&disagree=on&from=2025-01-01&search=late'
		);
		expect(parsed).toEqual({
			stars: [4, 5],
			sentiment: 'negative',
			disagree: true,
			from: '2025-01-01',
			search: 'late'
		});
		expect(reviewFilterToSearchParams(parsed).toString()).toBe(
			'search=late&stars=4&stars=5&sentiment=negative&from=2025-01-01&disagree=true'
		);
		expect(reviewFilterSchema.safeParse({ stars: '6' }).error?.issues[0]?.message).toBe(
			'Give stars as numbers from 1 to 5, separated by commas, e.g. 4,5'
		);
	});
});
