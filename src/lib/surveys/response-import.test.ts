import { describe, expect, it } from 'vitest';
import { surveyDefinitionSchema } from '../schemas/survey';
import {
	checkResponseCsv,
	checkResponseItems,
	parseSubmittedAt,
	responseCsvHeaders,
	type ResponseImportContext
} from './response-import';
import type { CsvTable } from '../csv/read';

const definition = surveyDefinitionSchema.parse({
	defaultLanguage: 'en',
	languages: ['en', 'de'],
	title: { en: 'Flight' },
	pages: [
		{
			id: 'flight',
			questions: [
				{ id: 'punctuality', type: 'rating', factor: 'punctuality', text: { en: 'Punctual?' } },
				{
					id: 'customs',
					type: 'rating',
					factor: 'customs',
					text: { en: 'Customs?' },
					allowNotApplicable: true
				},
				{ id: 'overall', type: 'overall', text: { en: 'Overall?' } }
			]
		},
		{
			id: 'more',
			questions: [
				{ id: 'recommend', type: 'nps', text: { en: 'Recommend?' } },
				{ id: 'comments', type: 'text', text: { en: 'Why?' }, maxLength: 20 },
				{
					id: 'channel',
					type: 'single',
					text: { en: 'Booked by?' },
					options: [
						{ id: 'web', label: { en: 'Web' } },
						{ id: 'phone', label: { en: 'Phone' } }
					]
				},
				{
					id: 'uses',
					type: 'multiple',
					text: { en: 'Flies for?' },
					options: [
						{ id: 'work', label: { en: 'Work' } },
						{ id: 'leisure', label: { en: 'Leisure' } }
					]
				}
			]
		}
	]
});

const now = new Date('2026-03-15T12:00:00Z');
const clientsByEmail = new Map([
	['anna@example.de', 1],
	['bo@example.com', 2]
]);

function context(stored: { clientId: number; at: string }[] = []): ResponseImportContext {
	return {
		definition,
		now,
		clientIdByEmail: (email) => clientsByEmail.get(email),
		clientExists: (id) => [...clientsByEmail.values()].includes(id),
		isStored: (clientId, at) =>
			stored.some(
				(entry) => entry.clientId === clientId && new Date(entry.at).getTime() === at.getTime()
			)
	};
}

/** A file as parseCsv reads it: a header on line 1, then one row per line (no quoted commas here). */
function table(header: string, ...rows: string[]): CsvTable {
	return {
		headers: header.split(','),
		rows: rows.map((row) => row.split(',')),
		lines: rows.map((_, index) => index + 2),
		headerLine: 1
	};
}

const score = (questionId: string, value: number) => ({
	questionId,
	score: value,
	notApplicable: false,
	text: null,
	choices: null
});

describe('reading the date of a past answer', () => {
	it('reads ISO dates as midnight UTC and date-times as UTC unless they name an offset', () => {
		expect(parseSubmittedAt('2025-03-31')?.toISOString()).toBe('2025-03-31T00:00:00.000Z');
		expect(parseSubmittedAt('2025-03-31T14:05:00Z')?.toISOString()).toBe(
			'2025-03-31T14:05:00.000Z'
		);
		expect(parseSubmittedAt('2025-03-31 14:05')?.toISOString()).toBe('2025-03-31T14:05:00.000Z');
		expect(parseSubmittedAt('2025-03-31T14:05:09.25+02:00')?.toISOString()).toBe(
			'2025-03-31T12:05:09.250Z'
		);
		expect(parseSubmittedAt('2025-03-31T01:00:00-0130')?.toISOString()).toBe(
			'2025-03-31T02:30:00.000Z'
		);
	});

	it('refuses what is not a real moment', () => {
		for (const text of [
			'2025-02-29',
			'2025-13-01',
			'31/03/2025',
			'2025-03-31T24:00',
			'2025-03-31T12:60',
			'yesterday',
			'2025-03-31T10:00+15:00',
			''
		]) {
			expect(parseSubmittedAt(text), text).toBeNull();
		}
	});
});

describe('checking a CSV file of past responses', () => {
	it('turns each row into a response: client by email in any case, default language, N/A, several options, blanks unanswered', () => {
		const checked = checkResponseCsv(
			table(
				'submittedAt,email,language,punctuality,customs,overall,recommend,comments,channel,uses',
				'2025-01-10,Anna@Example.DE,DE,5,N/A,4,9,on time,Web,work;leisure',
				'2025-02-01T08:30:00Z,,,2,,,,,,'
			),
			context()
		);
		expect(checked.issues).toEqual([]);
		expect(checked.responses).toEqual([
			{
				submittedAt: new Date('2025-01-10T00:00:00Z'),
				clientId: 1,
				language: 'de',
				answers: [
					score('punctuality', 5),
					{ questionId: 'customs', score: null, notApplicable: true, text: null, choices: null },
					score('overall', 4),
					score('recommend', 9),
					{
						questionId: 'comments',
						score: null,
						notApplicable: false,
						text: 'on time',
						choices: null
					},
					{
						questionId: 'channel',
						score: null,
						notApplicable: false,
						text: null,
						choices: ['web']
					},
					{
						questionId: 'uses',
						score: null,
						notApplicable: false,
						text: null,
						choices: ['work', 'leisure']
					}
				]
			},
			{
				submittedAt: new Date('2025-02-01T08:30:00Z'),
				clientId: null,
				language: 'en',
				answers: [score('punctuality', 2)]
			}
		]);
	});

	it('accepts "date" for the date column and any order of columns', () => {
		const checked = checkResponseCsv(table('overall,Date', '3,2024-12-24'), context());
		expect(checked.issues).toEqual([]);
		expect(checked.responses).toEqual([
			{
				submittedAt: new Date('2024-12-24T00:00:00Z'),
				clientId: null,
				language: 'en',
				answers: [score('overall', 3)]
			}
		]);
	});

	it('names the line and column of every problem, left to right, and returns no responses', () => {
		const checked = checkResponseCsv(
			table(
				'date,email,language,punctuality,customs,recommend,comments,channel,uses',
				'2025-01-10,anna@example.de,en,5,,,,,',
				'2025-02-30,nobody@example.com,fr,6,,11,far too long for this question,daily,work;golf',
				'2027-01-01,,,na,na,,,,',
				',,,3,,,,,'
			),
			context()
		);
		expect(checked.responses).toEqual([]);
		expect(checked.issues).toEqual([
			{
				line: 3,
				column: 'date',
				message:
					'"2025-02-30" is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, e.g. 2025-03-31 or 2025-03-31T14:05:00Z'
			},
			{
				line: 3,
				column: 'email',
				message: expect.stringMatching(
					/^No client has the email "nobody@example.com": add the client first .*anonymously$/
				)
			},
			{
				line: 3,
				column: 'language',
				message:
					'"fr" is not one of this survey’s languages: use en or de, or leave it empty for en'
			},
			{
				line: 3,
				column: 'punctuality',
				message: '"6" is not an answer to this question: use a whole number from 1 to 5'
			},
			{
				line: 3,
				column: 'recommend',
				message: '"11" is not an answer to this question: use a whole number from 0 to 10'
			},
			{
				line: 3,
				column: 'comments',
				message: 'The answer has 30 characters; this question takes at most 20'
			},
			{
				line: 3,
				column: 'channel',
				message: '"daily" is not one of its options: use web or phone'
			},
			{
				line: 3,
				column: 'uses',
				message: '"golf" is not one of its options: use one or more of: work, leisure'
			},
			{
				line: 4,
				column: 'date',
				message: '2027-01-01 is in the future: a past response needs a past date'
			},
			{
				line: 4,
				column: 'punctuality',
				message: expect.stringContaining('This question has no “not applicable” answer')
			},
			{ line: 5, column: 'date', message: expect.stringContaining('Give the day of the answer') }
		]);
	});

	it('refuses unknown columns and lists the ones it knows', () => {
		const checked = checkResponseCsv(
			table('submittedAt,punctuality,Punctuallity,customer', '2025-01-10,5,4,x'),
			context()
		);
		expect(checked.issues).toEqual([
			{
				line: 1,
				column: 'Punctuallity',
				message: expect.stringContaining(
					'Unknown column "Punctuallity": the columns are submittedAt (or date), email, language and the question ids punctuality, customs, overall'
				)
			},
			{ line: 1, column: 'customer', message: expect.stringContaining('Unknown column "customer"') }
		]);
	});

	it('asks for a date column, a question column, one column per question, and a header on filled columns', () => {
		expect(
			checkResponseCsv(table('email,punctuality', 'anna@example.de,5'), context()).issues
		).toEqual([
			{
				line: 1,
				column: 'submittedAt',
				message: 'Add a column submittedAt (or date) with the day of each answer, e.g. 2025-03-31'
			}
		]);
		expect(
			checkResponseCsv(table('date,email', '2025-01-10,anna@example.de'), context()).issues
		).toEqual([
			{
				line: 1,
				column: '',
				message: expect.stringContaining('No column is named after a question')
			}
		]);
		expect(
			checkResponseCsv(table('date,overall,Overall,', '2025-01-10,5,4,x'), context()).issues
		).toEqual([
			{
				line: 1,
				column: 'Overall',
				message: 'Columns 2 ("overall") and 3 ("Overall") hold the same thing: keep one'
			},
			{
				line: 1,
				column: 'Column 4',
				message: 'This column has no header: name it after a question id, or delete it'
			}
		]);
	});

	it('accepts blank required questions, but not a row that answers nothing', () => {
		const checked = checkResponseCsv(
			table(
				'date,email,punctuality,overall',
				'2025-01-10,anna@example.de,,4',
				'2025-01-11,bo@example.com,,'
			),
			context()
		);
		expect(checked.issues).toEqual([
			{
				line: 3,
				column: 'Row',
				message: 'No question is answered: fill in at least one answer, or remove this respondent'
			}
		]);
	});

	it('refuses a row with more cells than the header', () => {
		const checked = checkResponseCsv(table('date,overall', '2025-01-10,4,extra'), context());
		expect(checked.issues).toEqual([
			{
				line: 2,
				column: 'Column 3',
				message: expect.stringContaining('This row has 3 cells but the header has 2')
			}
		]);
	});

	it('spots the same client at the same moment twice, in the file or already stored', () => {
		const checked = checkResponseCsv(
			table(
				'date,email,overall',
				'2025-01-10,anna@example.de,4',
				'2025-01-10,ANNA@example.de,5',
				'2025-01-12,bo@example.com,3'
			),
			context([{ clientId: 2, at: '2025-01-12T00:00:00Z' }])
		);
		expect(checked.issues).toEqual([
			{
				line: 3,
				column: 'date',
				message: expect.stringContaining('Same client and same moment as line 2')
			},
			{
				line: 4,
				column: 'date',
				message:
					'This survey already has this client’s answer of 2025-01-12: was it imported before?'
			}
		]);
	});

	it('offers a header row with every question id', () => {
		expect(responseCsvHeaders(definition)).toEqual([
			'submittedAt',
			'email',
			'language',
			'punctuality',
			'customs',
			'overall',
			'recommend',
			'comments',
			'channel',
			'uses'
		]);
	});
});

describe('checking past responses sent as JSON', () => {
	it('reads scores, "na", texts, option lists and null as unanswered', () => {
		const checked = checkResponseItems(
			[
				{
					submittedAt: '2025-01-10T10:00:00+01:00',
					clientId: 2,
					answers: {
						punctuality: 4,
						customs: 'na',
						comments: 'fine',
						uses: ['leisure'],
						recommend: null
					}
				}
			],
			context()
		);
		expect(checked.issues).toEqual([]);
		expect(checked.responses).toEqual([
			{
				submittedAt: new Date('2025-01-10T09:00:00Z'),
				clientId: 2,
				language: 'en',
				answers: [
					score('punctuality', 4),
					{ questionId: 'customs', score: null, notApplicable: true, text: null, choices: null },
					{
						questionId: 'comments',
						score: null,
						notApplicable: false,
						text: 'fine',
						choices: null
					},
					{
						questionId: 'uses',
						score: null,
						notApplicable: false,
						text: null,
						choices: ['leisure']
					}
				]
			}
		]);
	});

	it('names the index and field of every problem', () => {
		const checked = checkResponseItems(
			[
				{ submittedAt: '2025-01-10', answers: { overall: 5 } },
				{
					submittedAt: 'soon',
					clientId: 99,
					language: 'xx-invalid-',
					answers: { punctuality: 4.5, channel: ['web', 'phone'], speed: 3 }
				},
				{ submittedAt: '2025-01-10', email: 'bo@example.com', clientId: 1, answers: {} }
			],
			context()
		);
		expect(checked.responses).toEqual([]);
		expect(checked.issues).toEqual([
			{
				path: ['responses', 1, 'submittedAt'],
				message: expect.stringMatching(/^responses\[1\]\.submittedAt: "soon" is not a date/)
			},
			{
				path: ['responses', 1, 'clientId'],
				message: 'responses[1].clientId: No client has the id 99'
			},
			{
				path: ['responses', 1, 'language'],
				message: expect.stringMatching(
					/^responses\[1\]\.language: "xx-invalid-" is not a language code/
				)
			},
			{
				path: ['responses', 1, 'answers', 'punctuality'],
				message:
					'responses[1].answers.punctuality: "4.5" is not an answer to this question: use a whole number from 1 to 5'
			},
			{
				path: ['responses', 1, 'answers', 'channel'],
				message: 'responses[1].answers.channel: Give one answer, not 2: use web or phone'
			},
			{
				path: ['responses', 1, 'answers', 'speed'],
				message:
					'responses[1].answers.speed: This survey has no question "speed"; its questions are punctuality, customs, overall, recommend, comments, channel, and uses'
			},
			{
				path: ['responses', 2, 'email'],
				message:
					'responses[2].email: This email belongs to client 2, not to client 1: give one of them'
			},
			{
				path: ['responses', 2],
				message:
					'responses[2]: No question is answered: fill in at least one answer, or remove this respondent'
			}
		]);
	});
});

describe('keys every object has', () => {
	it('refuses "__proto__" and "constructor" as answers to questions the survey does not have', () => {
		const checked = checkResponseItems(
			[
				{
					submittedAt: '2025-01-10',
					answers: JSON.parse('{"overall":5,"__proto__":["x"],"constructor":3}')
				}
			],
			context()
		);
		expect(checked.responses).toEqual([]);
		expect(checked.issues.map((issue) => issue.message)).toEqual([
			expect.stringMatching(
				/^responses\[0\]\.answers\.__proto__: This survey has no question "__proto__"/
			),
			expect.stringMatching(
				/^responses\[0\]\.answers\.constructor: This survey has no question "constructor"/
			)
		]);
	});

	it('refuses a column named "constructor" as an unknown column', () => {
		const checked = checkResponseCsv(
			table('submittedAt,overall,constructor', '2025-01-10,5,x'),
			context()
		);
		expect(checked.issues).toEqual([
			{
				line: 1,
				column: 'constructor',
				message: expect.stringContaining('Unknown column "constructor"')
			}
		]);
	});
});

describe('importing answers to a date question', () => {
	const dated = surveyDefinitionSchema.parse({
		defaultLanguage: 'en',
		languages: ['en'],
		title: { en: 'Stay' },
		pages: [
			{
				id: 'stay',
				questions: [
					{ id: 'overall', type: 'overall', text: { en: 'Overall?' } },
					{
						id: 'arrival',
						type: 'date',
						text: { en: 'Arrived on?' },
						earliest: '2025-01-01',
						latest: '2025-12-31'
					}
				]
			}
		]
	});

	it('stores the day as text, also from DD.MM.YYYY, and refuses days that do not exist or lie outside the range', () => {
		const checked = checkResponseCsv(
			table(
				'date,overall,arrival',
				'2025-03-01,4,2025-02-28',
				'2025-03-01,4,28.02.2025',
				'2025-03-01,4,2025-02-30',
				'2025-03-01,4,2024-12-31'
			),
			{ ...context(), definition: dated }
		);
		const accepted = 'a day written YYYY-MM-DD, from 2025-01-01 to 2025-12-31';
		expect(checked.issues).toEqual([
			{
				line: 4,
				column: 'arrival',
				message: `"2025-02-30" is not an answer to this question: use ${accepted}`
			},
			{
				line: 5,
				column: 'arrival',
				message: `"2024-12-31" is not an answer to this question: use ${accepted}`
			}
		]);
		const valid = checkResponseCsv(
			table('date,overall,arrival', '2025-03-01,4,2025-02-28', '2025-03-02,5,28.02.2025'),
			{ ...context(), definition: dated }
		);
		expect(valid.issues).toEqual([]);
		expect(valid.responses.map(({ answers }) => answers)).toEqual([
			[score('overall', 4), { ...score('arrival', 0), score: null, text: '2025-02-28' }],
			[score('overall', 5), { ...score('arrival', 0), score: null, text: '2025-02-28' }]
		]);
	});
});
