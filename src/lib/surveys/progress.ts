import { answerableQuestion, SKIP_TO_END, type SurveyDefinition } from '../schemas/survey';
import type { AnswerProblem, RawAnswers } from './answers';
import { isShown, nextPage, previousPage, surveyRoute, visibleQuestions } from './logic';

/*
 * A respondent passes pages in order: a page counts as passed once it was sent forward with its
 * answers in order, and only a page up to the first one not passed yet may be sent. So the pages
 * passed are always the first few, and their number is all the autosave needs to keep. Pages the
 * display logic passes over or skips count as passed once a later page is reached; what is asked,
 * and so what is required, is what the answers' route shows (./logic.ts).
 */

export type PageProblems = { page: number; problems: Record<string, AnswerProblem> };

/** The first page, of those up to `throughPage`, with required questions unanswered, and those questions; null if there is none. */
export function firstUnansweredPage(
	definition: SurveyDefinition,
	answers: RawAnswers,
	throughPage = definition.pages.length - 1
): PageProblems | null {
	const route = surveyRoute(definition, answers);
	for (const page of route.pages.filter((index) => index <= throughPage)) {
		const unanswered = definition.pages[page]!.questions.flatMap(answerableQuestion).filter(
			(question) =>
				question.required &&
				isShown(definition, question.showIf, route.answers) &&
				!Object.hasOwn(route.answers, question.id)
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
			page: previousPage(definition, pagesPassed + 1, answers),
			problems: {}
		};
		return { kind: 'incomplete', pagesPassed, ...unanswered };
	}
	if (sent.go === 'back')
		return { kind: 'move', page: previousPage(definition, sent.page, answers), pagesPassed };
	// A question the answers hide is not asked, so nothing about it stands in the way.
	const asked = new Set(
		visibleQuestions(definition, sent.page, answers)
			.flatMap(answerableQuestion)
			.map(({ id }) => id)
	);
	const problems = Object.fromEntries(
		Object.entries(sent.problems).filter(([id]) => asked.has(id))
	);
	if (Object.keys(problems).length)
		return { kind: 'problems', pagesPassed, page: sent.page, problems };
	const next = nextPage(definition, sent.page, answers);
	if (next !== SKIP_TO_END)
		return { kind: 'move', page: next, pagesPassed: Math.max(pagesPassed, next) };
	// Going back sends a page without checks, so a passed page may have lost an answer since.
	const unanswered = firstUnansweredPage(definition, answers);
	return unanswered
		? { kind: 'incomplete', pagesPassed: definition.pages.length, ...unanswered }
		: { kind: 'complete' };
}
