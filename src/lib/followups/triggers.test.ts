import { describe, expect, it } from 'vitest';
import { templateById } from '../surveys/templates';
import {
	defaultRules,
	responseTriggers,
	reviewTriggers,
	type FollowupRules,
	type StoredAnswer
} from './triggers';

// ACSI-style: five factor ratings, overall (1–5), recommend (NPS 0–10), improve (text).
const definition = templateById('acsi')!.definition;

const answer = (
	questionId: string,
	score: number | null,
	extra: Partial<StoredAnswer> = {}
): StoredAnswer => ({
	questionId,
	score,
	text: null,
	sentimentLabel: null,
	sentimentDetail: null,
	...extra
});
const happy = [
	answer('expectations', 4),
	answer('quality', 5),
	answer('value', 4),
	answer('complaints', null),
	answer('loyalty', 5),
	answer('overall', 4),
	answer('recommend', 9)
];
const withAnswers = (...changes: StoredAnswer[]) => [
	...happy.filter((a) => !changes.some((c) => c.questionId === a.questionId)),
	...changes
];
const rules = (changes: Partial<FollowupRules>): FollowupRules => ({ ...defaultRules, ...changes });

describe('follow-up rules on a response', () => {
	it('leave a satisfied respondent alone', () => {
		expect(responseTriggers(defaultRules, definition, happy)).toBeNull();
	});

	it('open a case for an overall rating of 2 or less, naming the question and its score', () => {
		expect(responseTriggers(defaultRules, definition, withAnswers(answer('overall', 2)))).toEqual({
			triggers: ['lowOverall'],
			items: [{ label: 'Overall, how satisfied are you with us? (1–5)', score: 2 }]
		});
		expect(
			responseTriggers(defaultRules, definition, withAnswers(answer('overall', 3)))
		).toBeNull();
	});

	it('open a case for any factor rated 2 or less, listing every low factor', () => {
		const found = responseTriggers(
			defaultRules,
			definition,
			withAnswers(answer('quality', 1), answer('value', 2))
		);
		expect(found?.triggers).toEqual(['lowFactor']);
		expect(found?.items.map((item) => item.score)).toEqual([1, 2]);
	});

	it('open a case for an NPS detractor (0–6) but not a passive (7)', () => {
		expect(responseTriggers(defaultRules, definition, withAnswers(answer('recommend', 6)))).toEqual(
			{
				triggers: ['lowNps'],
				items: [
					{ label: 'How likely are you to recommend us to a friend or colleague? (0–10)', score: 6 }
				]
			}
		);
		expect(
			responseTriggers(defaultRules, definition, withAnswers(answer('recommend', 7)))
		).toBeNull();
	});

	it('open a case for a negative comment, with the words that made it negative, most negative first', () => {
		const comment = answer('improve', null, {
			text: 'Rude staff and a terrible wait, but nice coffee',
			sentimentLabel: 'negative',
			sentimentDetail: {
				words: [
					{ word: 'rude', score: -2 },
					{ word: 'terrible', score: -3 },
					{ word: 'nice', score: 3 }
				]
			}
		});
		expect(responseTriggers(defaultRules, definition, withAnswers(comment))).toEqual({
			triggers: ['negativeAnswer'],
			items: [
				{
					label: 'What could we do better?',
					text: 'Rude staff and a terrible wait, but nice coffee',
					sentiment: 'negative',
					words: ['terrible', 'rude']
				}
			]
		});
	});

	it('never trigger on a comment that was not scored, or reads neutral', () => {
		const unscored = answer('improve', null, { text: 'Huono palvelu', sentimentLabel: null });
		const neutral = answer('improve', null, { text: 'Ok', sentimentLabel: 'neutral' });
		expect(responseTriggers(defaultRules, definition, withAnswers(unscored))).toBeNull();
		expect(responseTriggers(defaultRules, definition, withAnswers(neutral))).toBeNull();
	});

	it('gather every trigger that fires into one set', () => {
		const found = responseTriggers(
			defaultRules,
			definition,
			withAnswers(answer('overall', 1), answer('loyalty', 1), answer('recommend', 0))
		);
		expect(found?.triggers).toEqual(['lowFactor', 'lowOverall', 'lowNps']);
		expect(found?.items).toHaveLength(3);
	});

	it('follow the owner’s thresholds', () => {
		const strict = rules({
			lowOverall: { enabled: true, threshold: 1, askResolved: false },
			lowNps: { enabled: true, threshold: 3, askResolved: false }
		});
		expect(
			responseTriggers(
				strict,
				definition,
				withAnswers(answer('overall', 2), answer('recommend', 4))
			)
		).toBeNull();
		expect(
			responseTriggers(strict, definition, withAnswers(answer('overall', 1)))?.triggers
		).toEqual(['lowOverall']);
		const lenient = rules({ lowFactor: { enabled: true, threshold: 4, askResolved: false } });
		expect(responseTriggers(lenient, definition, happy)?.items).toEqual([
			{ label: 'How well did we meet your expectations? (1–5)', score: 4 },
			{ label: 'How would you rate what you get for the price you pay? (1–5)', score: 4 }
		]);
	});

	it('ignore disabled rules', () => {
		const off = rules({
			lowOverall: { enabled: false, threshold: 2, askResolved: false },
			negativeAnswer: { enabled: false, threshold: null, askResolved: false }
		});
		const comment = answer('improve', null, { text: 'Awful', sentimentLabel: 'negative' });
		expect(
			responseTriggers(off, definition, withAnswers(answer('overall', 1), comment))
		).toBeNull();
	});

	it('skip not-applicable answers, which carry no score', () => {
		expect(
			responseTriggers(defaultRules, definition, withAnswers(answer('complaints', null)))
		).toBeNull();
	});
});

describe('follow-up rules on a review', () => {
	const review = {
		source: 'trustpilot',
		title: 'Never again',
		stars: 1,
		text: 'Lost my luggage and nobody cared.',
		sentimentLabel: 'negative',
		sentimentDetail: { words: [{ word: 'lost', score: -3 }] }
	};

	it('open a case for a negative review, showing its stars and text', () => {
		expect(reviewTriggers(defaultRules, review)).toEqual({
			triggers: ['negativeReview'],
			items: [
				{
					label: 'Review on trustpilot: “Never again” (1–5 stars)',
					score: 1,
					text: review.text,
					sentiment: 'negative',
					words: ['lost']
				}
			]
		});
	});

	it('leave positive, unscored reviews alone, and all reviews when the rule is off', () => {
		expect(reviewTriggers(defaultRules, { ...review, sentimentLabel: 'positive' })).toBeNull();
		expect(reviewTriggers(defaultRules, { ...review, sentimentLabel: null })).toBeNull();
		expect(
			reviewTriggers(
				rules({ negativeReview: { enabled: false, threshold: null, askResolved: false } }),
				review
			)
		).toBeNull();
	});
});
