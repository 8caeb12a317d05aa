import { describe, expect, it } from 'vitest';
import {
	inboxCursorFromSearchParams,
	inboxCursorParam,
	inboxFilterFromSearchParams,
	inboxFilterSchema,
	inboxFilterToSearchParams,
	isInboxFiltered
} from './inbox-filter';

const read = (query: string) => inboxFilterFromSearchParams(new URLSearchParams(query));

describe('the inbox filter', () => {
	it('reads every filter from the query string', () => {
		expect(
			read(
				'survey=3&from=2026-01-01&to=2026-03-31&segment=2&minScore=12.5&maxScore=60&sentiment=negative&search=%20late%20flight%20&case=with&tag=Callback&client=7'
			)
		).toEqual({
			filter: {
				survey: 3,
				from: '2026-01-01',
				to: '2026-03-31',
				segment: 2,
				minScore: 12.5,
				maxScore: 60,
				sentiment: 'negative',
				search: 'late flight',
				case: 'with',
				tag: 'callback',
				client: 7
			},
			problems: []
		});
	});

	it('takes blank fields, as an untouched GET form sends them, as no filter', () => {
		expect(read('survey=&from=&search=%20%20&sentiment=&case=')).toEqual({
			filter: {},
			problems: []
		});
	});

	it('drops a filter it cannot read with a message naming it, and keeps the others', () => {
		expect(
			read('survey=abc&minScore=101&maxScore=-3&sentiment=angry&from=2026-02-30&tag=vip')
		).toEqual({
			filter: { tag: 'vip' },
			problems: [
				'Survey: Choose a survey from the list',
				'From: "2026-02-30" is not a date: use YYYY-MM-DD, e.g. 2025-03-31',
				'Lowest score: Give a score from 0 to 100, e.g. 50 or 62.5',
				'Highest score: Give a score from 0 to 100, e.g. 50 or 62.5',
				'Sentiment: Choose one of positive, neutral, negative, not-scored'
			]
		});
	});

	it('drops the end of a range that lies before its start', () => {
		expect(read('from=2026-03-01&to=2026-02-01&minScore=80&maxScore=20')).toEqual({
			filter: { from: '2026-03-01', minScore: 80 },
			problems: [
				'To: The period must start before it ends',
				'Highest score: The highest score must not be below the lowest'
			]
		});
		// A one-day period and a single score are ranges too.
		expect(read('from=2026-03-01&to=2026-03-01&minScore=50&maxScore=50').problems).toEqual([]);
	});

	it('refuses control characters and overlong searches', () => {
		expect(read('search=late%00flight').problems).toEqual([
			'Search: Holds the invisible control character NUL at character 5: remove it'
		]);
		expect(read(`search=${'a'.repeat(201)}`).problems).toEqual([
			'Search: Search for at most 200 characters'
		]);
	});

	it('writes a filter back to the query string it was read from', () => {
		const { filter } = read('survey=3&minScore=12.5&case=without&tag=vip');
		expect(inboxFilterToSearchParams(filter).toString()).toBe(
			'survey=3&minScore=12.5&case=without&tag=vip'
		);
		expect(isInboxFiltered(filter)).toBe(true);
		expect(isInboxFiltered({})).toBe(false);
	});

	it('as a whole object, names the field of each problem', () => {
		const parsed = inboxFilterSchema.safeParse({
			from: '2026-03-02',
			to: '2026-03-01',
			case: 'maybe'
		});
		expect(parsed.success).toBe(false);
		expect(parsed.error!.issues.map(({ path, message }) => [path.join('.'), message])).toEqual([
			['case', 'Choose one of with, without']
		]);
		const ordered = inboxFilterSchema.safeParse({ from: '2026-03-02', to: '2026-03-01' });
		expect(ordered.error!.issues.map(({ path }) => path.join('.'))).toEqual(['to']);
	});
});

describe('the inbox’s page cursor', () => {
	it('reads where a page starts, older or newer than a response shown', () => {
		const at = new Date('2026-03-01T10:00:00Z');
		expect(inboxCursorParam({ submittedAt: at, id: 42 })).toBe(`${at.getTime()}-42`);
		expect(inboxCursorFromSearchParams(new URLSearchParams(`older=${at.getTime()}-42`))).toEqual({
			cursor: { direction: 'older', submittedAt: at.getTime(), id: 42 },
			problem: null
		});
		expect(inboxCursorFromSearchParams(new URLSearchParams('newer=5-6')).cursor).toEqual({
			direction: 'newer',
			submittedAt: 5,
			id: 6
		});
	});

	it('starts at the newest, saying so, for a cursor it cannot read', () => {
		expect(inboxCursorFromSearchParams(new URLSearchParams('older=yesterday'))).toEqual({
			cursor: null,
			problem: 'Page: this link does not name a page; showing the newest responses'
		});
		expect(inboxCursorFromSearchParams(new URLSearchParams(''))).toEqual({
			cursor: null,
			problem: null
		});
	});
});
