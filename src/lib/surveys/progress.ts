import type { SurveyDefinition } from '../schemas/survey';
import type { AnswerProblem, RawAnswers } from './answers';

/*
 * A respondent passes pages in order: a page counts as passed once it was sent forward with its
 * answers in order, and only a page up to the first one not passed yet may be sent. So the pages
 * passed are always the first few, and their number is all the autosave needs to keep. The survey
 * has no display conditions: every page is shown to every respondent.
 */

export type PageProblems = { page: number; problems: Record<string, AnswerProblem> };

/** The first page, of those up to `throughPage`, with required questions unanswered, and those questions; null if there is none. */
export function firstUnansweredPage(
	definition: SurveyDefinition,
	answers: RawAnswers,
	throughPage = definition.pages.length - 1
): PageProblems | null {
	for (const [page, { questions }] of definition.pages.slice(0, throughPage + 1).entries()) {
		const unanswered = questions.filter(
			(question) => question.required && answers[question.id] === undefined
		);
		if (unanswered.length)
			return {
				page,
				problems: Object.fromEntries(
					unanswered.map((question) => [question.id, { key: 'required' as const }])
				)
			};
	}
	return null;
}

/** A page as sent: its index (within the survey), the button pressed, and what was wrong with its answers. */
export type SentPage = {
	page: number;
	go: 'forward' | 'back';
	problems: Record<string, AnswerProblem>;
};

/**
 * Where a sent page leads, given the pages passed before it and all answers with its own merged in:
 * to another page, back to the same one to fix its answers, to an earlier page not answered
 * completely (`incomplete`), or to completing the response.
 */
export type PageStep =
	| { kind: 'move'; page: number; pagesPassed: number }
	| ({ kind: 'problems' | 'incomplete'; pagesPassed: number } & PageProblems)
	| { kind: 'complete' };

export function pageStep(
	definition: SurveyDefinition,
	sent: SentPage,
	pagesPassed: number,
	answers: RawAnswers
): PageStep {
	// A page beyond the first one not passed was never shown here: a tampered form skipping questions.
	if (sent.page > pagesPassed) {
		const unanswered = firstUnansweredPage(definition, answers, pagesPassed) ?? {
			page: pagesPassed,
			problems: {}
		};
		return { kind: 'incomplete', pagesPassed, ...unanswered };
	}
	if (sent.go === 'back') return { kind: 'move', page: Math.max(0, sent.page - 1), pagesPassed };
	if (Object.keys(sent.problems).length)
		return { kind: 'problems', pagesPassed, page: sent.page, problems: sent.problems };
	const passed = Math.max(pagesPassed, sent.page + 1);
	if (sent.page < definition.pages.length - 1)
		return { kind: 'move', page: sent.page + 1, pagesPassed: passed };
	// Going back sends a page without checks, so a passed page may have lost an answer since.
	const unanswered = firstUnansweredPage(definition, answers);
	return unanswered
		? { kind: 'incomplete', pagesPassed: passed, ...unanswered }
		: { kind: 'complete' };
}
