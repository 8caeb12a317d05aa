import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guessReviewMapping } from './csv-mapping';
import {
	originalComment,
	readReviewFile,
	readReviewItems,
	type ReviewReading
} from './review-file';
import { derivedExternalId, starsOf } from './review-schema';

const now = new Date('2026-01-01T00:00:00Z');
const fixture = (name: string) =>
	readFileSync(new URL(`../../../tests/fixtures/reviews/${name}`, import.meta.url));

function valid(reading: ReviewReading) {
	if (!reading.ok) throw new Error(`Refused: ${reading.message} ${reading.problems.join('; ')}`);
	expect(reading.issues).toEqual([]);
	return reading;
}

function issuesOf(reading: ReviewReading) {
	if (!reading.ok) throw new Error(`Refused: ${reading.message}`);
	return reading.issues;
}

describe('the generic CSV format', () => {
	it('guesses the columns from common header names and reads every review', () => {
		const reading = valid(readReviewFile(fixture('generic.csv'), { now }));
		expect(reading.format).toBe('csv');
		expect(reading.columns?.mapping).toEqual([
			'source',
			'externalId',
			'author',
			'stars',
			'title',
			'text',
			'date',
			'language',
			'email',
			'tag'
		]);
		expect(reading.reviews).toHaveLength(6);
		expect(reading.reviews[2]).toEqual({
			source: 'tripadvisor',
			externalId: 'ta-1003',
			author: 'Mark Stone',
			stars: 5,
			title: null,
			text: 'Terrible service, rude staff and the room was dirty. Awful.',
			reviewedAt: new Date('2025-03-05T18:30:00Z'),
			language: 'en',
			email: 'mark.stone@example.com',
			tag: 'Rotterdam'
		});
	});

	it('uses the title as the text of a review that has only a title', () => {
		const reading = valid(readReviewFile(fixture('generic.csv'), { now }));
		expect(reading.reviews[3]).toMatchObject({ title: null, text: 'Hyvä hotelli', stars: 4 });
	});

	it('derives a stable id for a review without one, so importing the file again finds it', () => {
		const first = valid(readReviewFile(fixture('generic.csv'), { now })).reviews[5]!;
		const again = valid(readReviewFile(fixture('generic.csv'), { now })).reviews[5]!;
		expect(first.externalId).toMatch(/^sha256:[0-9a-f]{32}$/);
		expect(again.externalId).toBe(first.externalId);
		expect(derivedExternalId({ ...first, text: `${first.text} ` })).not.toBe(first.externalId);
	});

	it('refuses a bad row with its line and column, and keeps nothing', () => {
		const reading = readReviewFile(fixture('generic-one-bad-row.csv'), { now });
		expect(reading.ok && reading.reviews).toEqual([]);
		expect(issuesOf(reading)).toEqual([
			{
				line: 4,
				column: 'Rating',
				message: '"6" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
			}
		]);
	});

	it('names every rule a row breaks, at its column', () => {
		const file = [
			'source,id,stars,text,date,language,email',
			'shop,1,4.5,Fine,2025-13-01,xx-yy-zz-1234567890,not-an-email',
			'shop,2,,,2025-01-01,,',
			'shop,3,5,Good,2025-01-02,,',
			'shop,3,5,Again,2025-01-02,,',
			',4,5,No source,2099-01-01,,'
		].join('\n');
		expect(issuesOf(readReviewFile(file, { now }))).toEqual([
			{
				line: 2,
				column: 'stars',
				message: '"4.5" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
			},
			{
				line: 2,
				column: 'date',
				message:
					'"2025-13-01" is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, e.g. 2025-03-31 or 2025-03-31T14:05:00Z'
			},
			{
				line: 2,
				column: 'language',
				message: 'Unknown language "xx-yy-zz-1234567890": use a code like de, nl, fi, ro or en'
			},
			{ line: 2, column: 'email', message: '"not-an-email" is not an email address' },
			{
				line: 3,
				column: 'text',
				message: 'The review has no text: fill in its text (or at least its title)'
			},
			{
				line: 5,
				column: 'id',
				message: 'Repeats the review of line 4 (the same source and review id)'
			},
			{
				line: 6,
				column: 'source',
				message:
					'Say which site the review comes from, e.g. trustpilot: fill this column, or give a source for the whole file'
			},
			{ line: 6, column: 'date', message: '2099-01-01 is in the future: check the date' }
		]);
	});

	it('takes the source and tag for the whole file when the file has none', () => {
		const file = 'text,date\nGreat,2025-01-01\n';
		const refused = readReviewFile(file, { now });
		expect(refused.ok).toBe(false);
		expect(!refused.ok && refused.problems).toEqual([
			'Map a column to Source (review site), or say which site the whole file comes from'
		]);
		const reading = valid(readReviewFile(file, { now, source: 'Yelp', tag: 'Main street' }));
		expect(reading.reviews[0]).toMatchObject({ source: 'yelp', tag: 'Main street', text: 'Great' });
	});

	it('follows the columns chosen instead of the guess, and asks for text and date', () => {
		const file = 'a,b,c\nshop,Nice place,2025-02-02\n';
		const refused = readReviewFile(file, { now });
		expect(!refused.ok && refused.problems).toEqual([
			'Map a column to Text',
			'Map a column to Date',
			'Map a column to Source (review site), or say which site the whole file comes from'
		]);
		expect(!refused.ok && refused.columns?.preview).toEqual([['shop', 'Nice place', '2025-02-02']]);
		const reading = valid(readReviewFile(file, { now, mapping: ['source', 'text', 'date'] }));
		expect(reading.reviews[0]).toMatchObject({
			source: 'shop',
			text: 'Nice place',
			reviewedAt: new Date('2025-02-02T00:00:00Z')
		});
	});

	it('guesses headers in our users’ languages', () => {
		expect(
			guessReviewMapping(['Bewertung', 'Kommentar', 'Datum', 'Sprache', 'Standort', 'Quelle'])
		).toEqual(['stars', 'text', 'date', 'language', 'tag', 'source']);
		// A column named exactly like a field wins over an earlier synonym; each field is guessed once.
		expect(guessReviewMapping(['Arvosana', 'Teksti', 'Päivämäärä', 'Text', 'Stele'])).toEqual([
			'stars',
			null,
			'date',
			'text',
			null
		]);
	});

	it('lists at most 50 problems and counts the rest', () => {
		const rows = Array.from({ length: 120 }, (_, row) => `shop,${row},9,Text,2025-01-01`);
		const reading = readReviewFile(['source,id,stars,text,date', ...rows].join('\n'), { now });
		expect(issuesOf(reading)).toHaveLength(50);
		expect(reading.ok && reading.issueCount).toBe(120);
	});
});

describe('the generic JSON format', () => {
	it('reads an array of reviews with numbers as ids and "2.0" as stars; dates keep their offset', () => {
		const reading = valid(readReviewFile(fixture('generic.json'), { now }));
		expect(reading.format).toBe('json');
		expect(
			reading.reviews.map((review) => [
				review.externalId,
				review.stars,
				review.reviewedAt.toISOString(),
				review.author
			])
		).toEqual([
			['88001', 4, '2025-04-01T07:15:00.000Z', 'Katrin Weber'],
			['88002', 2, '2025-04-03T00:00:00.000Z', null]
		]);
	});

	it('names each problem by index and field', () => {
		const file = JSON.stringify({
			reviews: [
				{ source: 'x', text: 'ok', date: '2025-01-01', rating: 5 },
				{ source: 'x', text: 'ok', date: 'yesterday', stars: 7 },
				'text'
			]
		});
		expect(issuesOf(readReviewFile(file, { now }))).toEqual([
			{
				index: 0,
				path: ['reviews', 0],
				message:
					'reviews[0]: unknown field rating; a review has source, externalId, author, stars, title, text, date, language, email, tag'
			},
			{
				index: 1,
				path: ['reviews', 1, 'stars'],
				message:
					'reviews[1].stars: "7" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
			},
			{
				index: 1,
				path: ['reviews', 1, 'date'],
				message:
					'reviews[1].date: "yesterday" is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, e.g. 2025-03-31 or 2025-03-31T14:05:00Z'
			},
			{ index: 2, path: ['reviews', 2], message: 'reviews[2]: give each review as an object' }
		]);
	});

	it('refuses what is not a list of reviews', () => {
		expect(readReviewFile('{"items": []}', { now })).toMatchObject({
			ok: false,
			message: expect.stringContaining('no list of reviews')
		});
		expect(readReviewFile('[{"text": "a"', { now })).toMatchObject({
			ok: false,
			message: expect.stringContaining('not valid JSON')
		});
	});

	it('checks API items with the same rules, naming reviews[i]', () => {
		const read = readReviewItems(
			[
				{ source: 'shop', text: 'Fine', date: '2025-01-01', stars: 'FIVE' },
				{ source: 'shop', text: 'Fine', date: '2025-01-01', stars: 0 }
			],
			['reviews'],
			{ now }
		);
		expect(read.issues.map((issue) => issue.message)).toEqual([
			'reviews[1].stars: "0" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
		]);
	});
});

describe('the Trustpilot export', () => {
	it('is recognised by its columns and read by name, ignoring the others', () => {
		const reading = valid(readReviewFile(fixture('trustpilot.csv'), { now }));
		expect(reading.format).toBe('trustpilot');
		expect(reading.reviews).toHaveLength(4);
		expect(reading.reviews[0]).toEqual({
			source: 'trustpilot',
			externalId: '65f1c0a2e4b0a1b2c3d4e5f6',
			author: 'Sam Taylor',
			stars: 5,
			title: 'Quick and friendly',
			text: 'Ordered on Monday, delivered on Tuesday. Friendly driver, well packed.',
			reviewedAt: new Date('2025-02-11T08:41:07Z'),
			language: 'en',
			email: 'sam.taylor@example.com',
			tag: 'Webshop'
		});
		expect(reading.reviews[2]).toMatchObject({
			text: 'Die Ware ist gut, der Versand aber "teuer" und langsam.',
			tag: 'Filiale Köln'
		});
		expect(reading.reviews[3]).toMatchObject({ title: null, text: 'Erinomainen palvelu' });
	});

	it('says which columns are missing when chosen for another file', () => {
		expect(readReviewFile(fixture('generic.csv'), { now, format: 'trustpilot' })).toMatchObject({
			ok: false,
			message:
				'This is not a Trustpilot review export: it has no "Review Created (UTC)", "Review Stars", "Review Content" columns. Choose another format.'
		});
	});

	it('places a bad cell under Trustpilot’s column name', () => {
		const file =
			'Review Id,Review Created (UTC),Review Stars,Review Content\nabc,2025-01-01 10:00:00,0,Bad\n';
		expect(issuesOf(readReviewFile(file, { now }))).toEqual([
			{
				line: 2,
				column: 'Review Stars',
				message: '"0" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)'
			}
		]);
	});
});

describe('the Google Business Profile export', () => {
	it('is recognised by its shape; keeps the reviewer’s own words and skips ratings without a comment', () => {
		const reading = valid(readReviewFile(fixture('google.json'), { now, tag: 'Bucharest' }));
		expect(reading.format).toBe('google');
		expect(reading.withoutText).toBe(1);
		expect(reading.reviews).toEqual([
			{
				source: 'google',
				externalId: 'AbFvOqn-example-1',
				author: 'Maria Ionescu',
				stars: 5,
				title: null,
				text: 'Serviciu foarte bun, personal prietenos.',
				reviewedAt: new Date('2025-01-20T14:03:21.045Z'),
				language: null,
				email: null,
				tag: 'Bucharest'
			},
			expect.objectContaining({ externalId: 'AbFvOqn-example-2', author: null, stars: 2 })
		]);
	});

	it('names problems by Google’s own field names', () => {
		const file = JSON.stringify([
			{ reviewId: 'a', starRating: 'SIX', comment: 'Hm', createTime: '2025-01-01T00:00:00Z' },
			{ starRating: 'ONE', comment: 'x', createTime: 'x' }
		]);
		expect(issuesOf(readReviewFile(file, { now })).map((issue) => issue.message)).toEqual([
			'[0].starRating: "SIX" is not a star rating: use a whole number from 1 to 5 (or ONE to FIVE)',
			'[1].reviewId: Every Google review has a reviewId; this one has none'
		]);
	});

	it('reads the original after a translation, and before one', () => {
		expect(originalComment('(Translated by Google) Good\n\n(Original)\nGoed')).toBe('Goed');
		expect(originalComment('Goed\n\n(Translated by Google)\nGood')).toBe('Goed');
		expect(originalComment('  Plain  ')).toBe('Plain');
	});
});

describe('files the import refuses whole', () => {
	it('explains the size limit, the encoding and an empty file', () => {
		expect(readReviewFile(new Uint8Array(20 * 1024 * 1024 + 1))).toMatchObject({
			ok: false,
			message: 'The file is 20.1 MB; the limit is 20 MB. Split it into smaller files.'
		});
		expect(readReviewFile(new Uint8Array([0x54, 0x65, 0xe9, 0x0a]))).toMatchObject({
			ok: false,
			message: expect.stringContaining('not UTF-8')
		});
		expect(readReviewFile(' \n ')).toMatchObject({
			ok: false,
			message: expect.stringContaining('The file is empty')
		});
		expect(readReviewFile('text,date\n')).toMatchObject({
			ok: false,
			message: 'The file has a header row but no reviews below it.'
		});
	});
});

describe('star ratings', () => {
	it('reads platforms’ spellings and refuses what is not 1–5', () => {
		expect(['5', '4.0', '3,0', 'FIVE', 'two', 'STAR_RATING_UNSPECIFIED'].map(starsOf)).toEqual([
			5,
			4,
			3,
			5,
			2,
			null
		]);
		expect(['0', '6', '4.5', 'great', '-1'].map(starsOf)).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
			undefined
		]);
	});
});
