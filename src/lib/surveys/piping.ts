import { localeOf } from '../i18n/locale';
import * as m from '../paraglide/messages';
import {
	answerableQuestion,
	answerableQuestions,
	questionPlace,
	type Question,
	type SurveyDefinition
} from '../schemas/survey';
import type { RawAnswers } from './answers';
import { localize } from './localize';
import { NOT_APPLICABLE } from './scale';

/*
 * Piping: a question's text, its help, a page's title and the intro may name the respondent
 * (`{{client.name}}`), repeat an earlier answer (`{{answer.<question id>}}`) or name the
 * question's factor (`{{factor.name}}`). What is not known for this respondent (an anonymous
 * link's name, an answer not given or not asked) becomes nothing. Svelte escapes the result.
 */

const placeholderPattern = /\{\{\s*([^{}\s]*)\s*\}\}/g;
const CLIENT_NAME = 'client.name';
const FACTOR_NAME = 'factor.name';
const ANSWER_PREFIX = 'answer.';

/** What a respondent's texts are filled in with. */
export type PipingContext = {
	language: string;
	clientName: string | null;
	/** The answers kept so far: only those of questions shown to this respondent. */
	answers: RawAnswers;
	/** Factor key → its name in the survey's model. */
	factorNames: Readonly<Record<string, string>>;
};

function questionWithId(definition: SurveyDefinition, id: string): Question | undefined {
	return answerableQuestions(definition).find((question) => question.id === id);
}

/** An answer in words: the score, the chosen options' labels in the page's language, or the text. */
function answerWords(definition: SurveyDefinition, id: string, context: PipingContext): string {
	const question = questionWithId(definition, id);
	const answer = Object.hasOwn(context.answers, id) ? context.answers[id] : undefined;
	if (!question || answer === undefined) return '';
	if (answer === NOT_APPLICABLE && question.type === 'rating')
		return m.respondent_not_applicable({}, { locale: localeOf(context.language) });
	if (!('options' in question)) return Array.isArray(answer) ? answer.join(', ') : answer;
	const chosen = Array.isArray(answer) ? answer : [answer];
	return question.options
		.filter((option) => chosen.includes(option.id))
		.map((option) => localize(option.label, context.language, definition.defaultLanguage))
		.join(', ');
}

/** The text with its placeholders filled in; `question` is the one the text belongs to, if any. */
export function pipedText(
	definition: SurveyDefinition,
	text: string,
	context: PipingContext,
	question?: Question
): string {
	return text.replace(placeholderPattern, (_, name: string) => {
		if (name === CLIENT_NAME) return context.clientName ?? '';
		if (name === FACTOR_NAME) {
			const factor = question && 'factor' in question ? question.factor : undefined;
			return (factor && context.factorNames[factor]) || '';
		}
		if (name.startsWith(ANSWER_PREFIX))
			return answerWords(definition, name.slice(ANSWER_PREFIX.length), context);
		return '';
	});
}

/** Whether the definition uses `{{factor.name}}` anywhere, so the model's names are worth reading. */
export function usesFactorNames(definition: SurveyDefinition): boolean {
	return JSON.stringify(definition).includes(`{{${FACTOR_NAME}}}`);
}

export type PlaceholderProblem = { path: (string | number)[]; message: string };

type PipedText = {
	path: (string | number)[];
	place: string;
	texts: string[];
	/** Whose answers are given before the text is read. */
	asked: (pageIndex: number, questionIndex: number) => boolean;
	question?: Question;
};

/** The texts piping applies to, with where each is read. */
function pipedTexts(definition: SurveyDefinition): PipedText[] {
	const values = (text: Record<string, string> | undefined) => Object.values(text ?? {});
	const entries: PipedText[] = [
		{
			path: ['intro'],
			place: m.schema_survey_label_intro(),
			texts: values(definition.intro),
			asked: () => false
		}
	];
	definition.pages.forEach((page, pageIndex) => {
		entries.push({
			path: ['pages', pageIndex, 'title'],
			place: m.schema_survey_label_page_title({ page: pageIndex + 1 }),
			texts: values(page.title),
			asked: (other) => other < pageIndex
		});
		page.questions.forEach((question, questionIndex) =>
			entries.push({
				path: ['pages', pageIndex, 'questions', questionIndex, 'text'],
				place: questionPlace(definition, pageIndex, questionIndex),
				texts: [...values(question.text), ...values(question.help)],
				asked: (otherPage, otherQuestion) =>
					otherPage < pageIndex || (otherPage === pageIndex && otherQuestion < questionIndex),
				question
			})
		);
	});
	return entries;
}

/**
 * Placeholders respondents would see as nothing: unknown ones, answers to questions not asked
 * before the text, the factor's name where the question has none. Warnings: the survey still works.
 */
export function placeholderProblems(definition: SurveyDefinition): PlaceholderProblem[] {
	const positions = new Map(
		definition.pages.flatMap((page, pageIndex) =>
			// A matrix's rows are answered where the matrix is asked.
			page.questions.flatMap((question, questionIndex) =>
				answerableQuestion(question).map(({ id }) => [id, [pageIndex, questionIndex]] as const)
			)
		)
	);
	const problems: PlaceholderProblem[] = [];
	for (const { path, place, texts, asked, question } of pipedTexts(definition)) {
		const names = new Set(
			texts.flatMap((text) => [...text.matchAll(placeholderPattern)].map((match) => match[1]!))
		);
		for (const name of names) {
			const placeholder = `{{${name}}}`;
			let message: string | null = null;
			if (name.startsWith(ANSWER_PREFIX)) {
				const position = positions.get(name.slice(ANSWER_PREFIX.length));
				if (!position || !asked(...position))
					message = m.survey_logic_placeholder_not_earlier({ place, placeholder });
			} else if (name === FACTOR_NAME) {
				if (!question || !('factor' in question) || !question.factor)
					message = m.survey_logic_placeholder_no_factor({ place, placeholder });
			} else if (name !== CLIENT_NAME) {
				message = m.survey_logic_placeholder_unknown({
					place,
					placeholder,
					known: [CLIENT_NAME, `${ANSWER_PREFIX}…`, FACTOR_NAME]
						.map((known) => `{{${known}}}`)
						.join(', ')
				});
			}
			if (message) problems.push({ path, message });
		}
	}
	return problems;
}
