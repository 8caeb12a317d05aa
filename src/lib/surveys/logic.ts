import {
	answerableQuestion,
	answerableQuestions,
	SKIP_TO_END,
	type Condition,
	type Question,
	type SurveyDefinition
} from '../schemas/survey';
import { answerField, type RawAnswers } from './answers';
import { answerScale, NOT_APPLICABLE } from './scale';

/*
 * Display logic (docs/architecture.md, "The respondent's page"): a question or page is asked only
 * when its condition on earlier answers holds, and a page may skip ahead. Everything here follows
 * from the answers alone, so the server decides it between pages and the page script
 * (static/respondent.js) can repeat a same-page decision live from `valueTest`.
 */

/**
 * A condition as a test on the values a question's form field holds (the chosen score or options,
 * or the text): at least one of `anyOf`, none of `noneOf`, and answered or not. The page script
 * applies the same test to the inputs of the field named `field`.
 */
export type ValueTest = {
	field: string;
	anyOf?: string[];
	noneOf?: string[];
	answered?: boolean;
};

// A condition may test a matrix's row as it would a rating.
function questionById(definition: SurveyDefinition, id: string): Question | undefined {
	return answerableQuestions(definition).find((question) => question.id === id);
}

const comparisons = {
	lte: (score: number, value: number) => score <= value,
	gte: (score: number, value: number) => score >= value,
	eq: (score: number, value: number) => score === value
};

export function valueTest(definition: SurveyDefinition, condition: Condition): ValueTest {
	const question = questionById(definition, condition.question);
	const field = question ? answerField(question) : `q-${condition.question}`;
	if ('value' in condition) {
		// "Not applicable" is no score: it meets no comparison.
		const scores = (question && answerScale(question)) ?? [];
		const compare = comparisons[condition.op];
		return {
			field,
			anyOf: scores.filter(
				(score) => score !== NOT_APPLICABLE && compare(Number(score), condition.value)
			)
		};
	}
	if ('option' in condition) {
		return condition.op === 'isNot'
			? { field, answered: true, noneOf: [condition.option] }
			: { field, anyOf: [condition.option] };
	}
	return { field, answered: condition.op === 'answered' };
}

/** Whether the values of a field (none when unanswered) pass the test. */
export function passes(test: ValueTest, values: readonly string[]): boolean {
	if (test.answered !== undefined && values.length > 0 !== test.answered) return false;
	if (test.anyOf && !values.some((value) => test.anyOf!.includes(value))) return false;
	if (test.noneOf && values.some((value) => test.noneOf!.includes(value))) return false;
	return true;
}

function valuesOf(answer: string | string[] | undefined): string[] {
	if (answer === undefined) return [];
	return Array.isArray(answer) ? answer : [answer];
}

/** Whether something with this condition (none: always) is shown, given the answers so far. */
export function isShown(
	definition: SurveyDefinition,
	condition: Condition | undefined,
	answers: RawAnswers
): boolean {
	if (!condition) return true;
	const answer = Object.hasOwn(answers, condition.question)
		? answers[condition.question]
		: undefined;
	return passes(valueTest(definition, condition), valuesOf(answer));
}

/** The pages a respondent with these answers goes through, in order, and the answers they keep. */
export type SurveyRoute = { pages: number[]; answers: RawAnswers };

/**
 * Walks the survey as a respondent with these answers would: pages whose condition fails are
 * passed over, skip rules jump ahead, and only answers to questions shown on the way are kept. As
 * conditions use earlier answers only, each is decided by the answers kept before it, so an answer
 * to a question that an earlier change hid (or to a page now skipped) is dropped, not kept stale.
 */
export function surveyRoute(definition: SurveyDefinition, answers: RawAnswers): SurveyRoute {
	const kept: RawAnswers = {};
	const pages: number[] = [];
	let index = 0;
	while (index < definition.pages.length) {
		const page = definition.pages[index]!;
		if (!isShown(definition, page.showIf, kept)) {
			index++;
			continue;
		}
		pages.push(index);
		for (const question of page.questions.flatMap(answerableQuestion)) {
			if (Object.hasOwn(answers, question.id) && isShown(definition, question.showIf, kept))
				kept[question.id] = answers[question.id]!;
		}
		const skip = page.skipTo && isShown(definition, page.skipTo.if, kept) ? page.skipTo.to : null;
		const target =
			skip === SKIP_TO_END
				? definition.pages.length
				: definition.pages.findIndex((other) => other.id === skip);
		// The schema allows only forward skips; anything else goes on to the next page.
		index = Math.max(index + 1, target);
	}
	return { pages, answers: kept };
}

/** The answers to keep: those of questions shown on the route the answers themselves take. */
export function shownAnswers(definition: SurveyDefinition, answers: RawAnswers): RawAnswers {
	return surveyRoute(definition, answers).answers;
}

function shownOnRoute(route: SurveyRoute, definition: SurveyDefinition, pageIndex: number) {
	if (!route.pages.includes(pageIndex)) return [];
	return (definition.pages[pageIndex]?.questions ?? []).filter((question) =>
		isShown(definition, question.showIf, route.answers)
	);
}

/** The page's questions shown with these answers; none on a page the route passes over. */
export function visibleQuestions(
	definition: SurveyDefinition,
	pageIndex: number,
	answers: RawAnswers
): Question[] {
	return shownOnRoute(surveyRoute(definition, answers), definition, pageIndex);
}

/**
 * The ids of the questions a respondent with these answers was shown, answered or not: what staff
 * read as "not answered" rather than "not asked".
 */
export function askedQuestions(definition: SurveyDefinition, answers: RawAnswers): Set<string> {
	const route = surveyRoute(definition, answers);
	return new Set(
		route.pages.flatMap((pageIndex) =>
			shownOnRoute(route, definition, pageIndex)
				.flatMap(answerableQuestion)
				.map((question) => question.id)
		)
	);
}

/** The page after this one on the route, or `end` when the survey completes after it. */
export function nextPage(
	definition: SurveyDefinition,
	pageIndex: number,
	answers: RawAnswers
): number | typeof SKIP_TO_END {
	return surveyRoute(definition, answers).pages.find((page) => page > pageIndex) ?? SKIP_TO_END;
}

/** The page before this one on the route (the first page has none, and stays). */
export function previousPage(
	definition: SurveyDefinition,
	pageIndex: number,
	answers: RawAnswers
): number {
	return surveyRoute(definition, answers).pages.findLast((page) => page < pageIndex) ?? 0;
}
