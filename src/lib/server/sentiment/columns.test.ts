import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SENTIMENT_VERSION } from '../../sentiment';
import type { Db } from '../db';
import { openTestDatabase } from '../db/test-database';
import { createModel, updateFactorWording } from '../models/service';
import { currentScorer } from './columns';

let db: Db;
let remove: () => Promise<void>;
beforeEach(async () => {
	({ db, remove } = await openTestDatabase());
});
afterEach(() => remove());

describe('currentScorer', () => {
	it('merges keywords by factor key across models and changes its version with any keyword', async () => {
		const first = await createModel(
			db,
			{
				name: 'Flights',
				factors: [{ key: 'crew', name: 'Crew', weight: 1, keywords: ['Steward', 'pilot'] }]
			},
			null
		);
		if (!first.ok) throw new Error(first.message);
		await createModel(
			db,
			{ name: 'Lounges', factors: [{ key: 'crew', name: 'Crew', weight: 1, keywords: ['host'] }] },
			null
		);
		const before = await currentScorer(db);
		expect(before.keywords).toEqual([{ key: 'crew', keywords: ['host', 'pilot', 'steward'] }]);
		expect(before.version.startsWith(`${SENTIMENT_VERSION}+`)).toBe(true);
		expect(await currentScorer(db)).toBe(before);

		await updateFactorWording(db, first.id, 'crew', { name: 'Crew', keywords: ['steward'] });
		const after = await currentScorer(db);
		expect(after.keywords).toEqual([{ key: 'crew', keywords: ['host', 'steward'] }]);
		expect(after.version).not.toBe(before.version);
	});

	it('keeps each language’s keywords apart, merged by factor key, and changes its version with them (#18)', async () => {
		const created = await createModel(
			db,
			{
				name: 'Flights',
				factors: [
					{
						key: 'punctuality',
						name: 'Punctuality',
						weight: 1,
						keywords: { any: ['delay'], de: ['Verspätung'], nl: ['vertraging'] }
					}
				]
			},
			null
		);
		if (!created.ok) throw new Error(created.message);
		const before = await currentScorer(db);
		expect(before.keywords).toEqual([
			{
				key: 'punctuality',
				keywords: ['delay'],
				byLanguage: { de: ['verspätung'], nl: ['vertraging'] }
			}
		]);
		await updateFactorWording(db, created.id, 'punctuality', {
			name: 'Punctuality',
			keywords: { any: ['delay'], de: ['Verspätung', 'pünktlich'] }
		});
		const after = await currentScorer(db);
		expect(after.keywords[0]!.byLanguage).toEqual({ de: ['pünktlich', 'verspätung'] });
		expect(after.version).not.toBe(before.version);
	});
});
