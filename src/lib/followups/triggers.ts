import { answerableQuestions, type Question, type SurveyDefinition } from '../schemas/survey';
import { localize } from '../surveys/localize';
import type { CaseTriggerKind } from './case-model';

export type FollowupRule = { enabled: boolean; threshold: number | null; askResolved: boolean };
export type FollowupRules = Record<CaseTriggerKind, FollowupRule>;

/**
 * On until the owner says otherwise: a 1 or 2 of 5 overall or for any factor, an NPS detractor
 * (0–6, the NPS definition), and any text that reads negative.
 */
export const defaultRules: FollowupRules = {
	lowOverall: { enabled: true, threshold: 2, askResolved: false },
	lowFactor: { enabled: true, threshold: 2, askResolved: false },
	lowNps: { enabled: true, threshold: 6, askResolved: false },
	negativeAnswer: { enabled: true, threshold: null, askResolved: false },
	negativeReview: { enabled: true, threshold: null, askResolved: false }
};

/** One thing that made a case: an answer or a review, with its score, text and tone. */
export type TriggerItem = {
	label: string;
	score?: number | null;
	text?: string | null;
	sentiment?: string | null;
	words?: string[];
};
export type CaseTriggerSet = { triggers: CaseTriggerKind[]; items: TriggerItem[] };

/** An answer as stored: a null sentiment label means "not scored" and never triggers. */
export type StoredAnswer = {
	questionId: string;
	score: number | null;
	text: string | null;
	sentimentLabel: string | null;
	sentimentDetail: { words: { word: string; score: number }[] } | null;
};

/** Words shown on the case as the reason a text read negative: the most negative first. */
const MAX_WORDS = 8;

export function negativeWords(detail: StoredAnswer['sentimentDetail']): string[] {
	const words = (detail?.words ?? [])
		.filter((entry) => entry.score < 0)
		.sort((a, b) => a.score - b.score);
	return [...new Set(words.map((entry) => entry.word))].slice(0, MAX_WORDS);
}

const scaleOf = (question: Question) => (question.type === 'nps' ? '0–10' : '1–5');

/** A rule that fires at or below its threshold; a missing threshold falls back to the default one. */
function lowScore(rules: FollowupRules, trigger: CaseTriggerKind, score: number | null): boolean {
	const rule = rules[trigger];
	const threshold = rule.threshold ?? defaultRules[trigger].threshold!;
	return rule.enabled && score !== null && score <= threshold;
}

const triggerOfQuestion: Partial<Record<Question['type'], CaseTriggerKind>> = {
	overall: 'lowOverall',
	rating: 'lowFactor',
	nps: 'lowNps'
};

/**
 * What the rules make of one completed response: every trigger that fires, with the answers
 * behind it, or null when none does. Not-applicable answers carry no score and never fire.
 */
export function responseTriggers(
	rules: FollowupRules,
	definition: SurveyDefinition,
	answers: StoredAnswer[]
): CaseTriggerSet | null {
	const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
	const triggers = new Set<CaseTriggerKind>();
	const items: TriggerItem[] = [];
	const label = (question: Question) =>
		localize(question.text, definition.defaultLanguage, definition.defaultLanguage) || question.id;
	for (const question of answerableQuestions(definition)) {
		const answer = byQuestion.get(question.id);
		if (!answer) continue;
		const scored = triggerOfQuestion[question.type];
		if (scored && lowScore(rules, scored, answer.score)) {
			triggers.add(scored);
			items.push({ label: `${label(question)} (${scaleOf(question)})`, score: answer.score });
		}
		if (
			question.type === 'text' &&
			rules.negativeAnswer.enabled &&
			answer.sentimentLabel === 'negative' &&
			answer.text
		) {
			triggers.add('negativeAnswer');
			items.push({
				label: label(question),
				text: answer.text,
				sentiment: 'negative',
				words: negativeWords(answer.sentimentDetail)
			});
		}
	}
	return triggers.size ? { triggers: [...triggers], items } : null;
}

export type StoredReview = {
	source: string;
	title: string | null;
	stars: number | null;
	text: string;
	sentimentLabel: string | null;
	sentimentDetail: StoredAnswer['sentimentDetail'];
};

/** A review opens a case when its text reads negative; its stars are shown, not judged. */
export function reviewTriggers(rules: FollowupRules, review: StoredReview): CaseTriggerSet | null {
	if (!rules.negativeReview.enabled || review.sentimentLabel !== 'negative') return null;
	const label = `Review on ${review.source}${review.title ? `: “${review.title}”` : ''}${review.stars !== null ? ' (1–5 stars)' : ''}`;
	return {
		triggers: ['negativeReview'],
		items: [
			{
				label,
				score: review.stars,
				text: review.text,
				sentiment: 'negative',
				words: negativeWords(review.sentimentDetail)
			}
		]
	};
}
