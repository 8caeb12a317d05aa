import { describe, expect, it } from 'vitest';
import {
	clientFilterSchema,
	clientSelectionSchema,
	filterFromSearchParams,
	filterToSearchParams,
	isFiltered
} from './client-filter';

const messages = (input: unknown) => {
	const parsed = clientSelectionSchema.safeParse(input);
	return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
};

describe('the clients a bulk action is for', () => {
	it('takes the ticked ids, also when the form names no scope', () => {
		expect(clientSelectionSchema.parse({ scope: 'selected', ids: ['3', '12'] })).toEqual({
			scope: 'selected',
			ids: [3, 12]
		});
		expect(clientSelectionSchema.parse({ ids: ['7'] })).toEqual({ scope: 'selected', ids: [7] });
	});

	it('takes every match of the list’s filter', () => {
		expect(clientSelectionSchema.parse({ scope: 'all', filter: 'search=polder' })).toMatchObject({
			scope: 'all',
			filter: { search: 'polder' }
		});
	});

	it('asks for a selection when nothing is ticked', () => {
		expect(messages({ scope: 'selected', ids: [] })).toEqual(['Select at least one client.']);
	});

	it('refuses an id that is not a client id instead of dropping it', () => {
		for (const id of ['abc', '1.5', '-4', '__proto__']) {
			expect(messages({ ids: ['3', id] })).toEqual([
				'The selection holds something that is not a client; reload the list and select again.'
			]);
		}
	});

	it('refuses a filter that is no longer valid', () => {
		expect(messages({ scope: 'all', filter: 'renewalFrom=90&renewalTo=10' })).toEqual([
			'The filter is not valid any more; apply it again.'
		]);
	});

	it('refuses a scope it does not know', () => {
		expect(messages({ scope: 'everyone', ids: ['3'] })).toEqual([
			'Choose the clients ticked or all matching clients.'
		]);
	});
});

describe('conditions on a client’s latest answers', () => {
	const read = (query: string) => filterFromSearchParams(new URLSearchParams(query));
	const problems = (query: string) => {
		const parsed = read(query);
		return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
	};

	it('reads the score, NPS groups, a factor’s rating and the days from the list’s query string', () => {
		expect(
			read(
				'scoreMin=12.5&scoreMax=60&nps=detractor&nps=passive&factor=7&ratingMin=1&ratingMax=2&answeredInDays=90'
			).data
		).toEqual({
			answerScore: { min: 12.5, max: 60 },
			npsGroups: ['detractor', 'passive'],
			factorRating: { factor: 7, min: 1, max: 2 },
			answeredInDays: 90
		});
	});

	it('fills an open end of a range with the end of its scale', () => {
		expect(read('scoreMin=80').data).toEqual({ answerScore: { min: 80, max: 100 } });
		expect(read('scoreMax=20').data).toEqual({ answerScore: { min: 0, max: 20 } });
		expect(read('factor=3').data).toEqual({ factorRating: { factor: 3, min: 1, max: 5 } });
		expect(read('factor=3&ratingMax=2').data).toEqual({
			factorRating: { factor: 3, min: 1, max: 2 }
		});
	});

	it('writes the same filter back into a query string', () => {
		const filter = {
			search: 'polder',
			answerScore: { min: 0, max: 40 },
			npsGroups: ['promoter' as const],
			factorRating: { factor: 4, min: 4, max: 5 },
			answeredInDays: 0
		};
		const query = filterToSearchParams(filter).toString();
		expect(query).toBe(
			'search=polder&scoreMin=0&scoreMax=40&nps=promoter&factor=4&ratingMin=4&ratingMax=5&answeredInDays=0'
		);
		expect(read(query).data).toEqual(filter);
	});

	it('says what is wrong with a range, a group or the days', () => {
		expect(problems('scoreMin=101')).toEqual(['A score is a number from 0 to 100.']);
		expect(problems('scoreMax=-1')).toEqual(['A score is a number from 0 to 100.']);
		expect(problems('scoreMin=abc')).toEqual(['A score is a number from 0 to 100.']);
		expect(problems('scoreMin=70&scoreMax=30')).toEqual([
			'The lowest score is above the highest; swap them.'
		]);
		expect(problems('factor=2&ratingMin=0')).toEqual(['A rating is a whole number from 1 to 5.']);
		expect(problems('factor=2&ratingMax=4.5')).toEqual(['A rating is a whole number from 1 to 5.']);
		expect(problems('factor=2&ratingMin=5&ratingMax=2')).toEqual([
			'The lowest rating is above the highest; swap them.'
		]);
		expect(problems('ratingMin=4')).toEqual(['Choose the factor whose rating to filter by.']);
		expect(problems('nps=fan')).toEqual(['Choose promoters, passives or detractors.']);
		expect(problems('answeredInDays=-5')).toEqual([
			'Enter the days as a whole number from 0 to 36500.'
		]);
		expect(problems('answeredInDays=1.5')).toEqual([
			'Enter the days as a whole number from 0 to 36500.'
		]);
	});

	it('keeps reading segments saved before these conditions existed', () => {
		const saved = { tags: ['Enterprise'], renewalInDays: { from: 0, to: 90 } };
		expect(clientFilterSchema.parse(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
	});

	it('counts a condition on answers as filtering', () => {
		expect(isFiltered({ npsGroups: ['detractor'] })).toBe(true);
		expect(isFiltered({ answeredInDays: 0 })).toBe(true);
		expect(isFiltered({})).toBe(false);
	});
});
