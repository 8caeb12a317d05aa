import { isoDate } from '../schemas/clients';
import {
	answerableQuestion,
	answerableQuestions,
	type Question,
	type QuestionOfType,
	type SurveyDefinition
} from '../schemas/survey';
import { controlCharacterProblem } from '../schemas/text';
import { answerScale, NOT_APPLICABLE } from './scale';

/** Answers as the form sends them, by question id: a score, `na`, a text, or option ids. */
export type RawAnswers = Record<string, string | string[]>;

/** What is wrong with an answer; `max` is a text's length limit, `date` the first or last day accepted. */
export type AnswerProblem =
	| { key: 'required' | 'invalid' | 'notADate' }
	| { key: 'tooLong'; max: number }
	| { key: 'tooEarly' | 'tooLate'; date: string };

export const answerField = (question: Question) => `q-${question.id}`;

/**
 * The answers a link carries (`?q-overall=4`, the one-click answers of an invitation email): one
 * value each, for scale questions only, from what the scale offers. Anything else in the link is
 * ignored, as a person clicking cannot have meant it.
 */
export function oneClickAnswers(
	definition: SurveyDefinition,
	params: URLSearchParams
): Record<string, string> {
	const answers: Record<string, string> = {};
	for (const question of answerableQuestions(definition)) {
		const values = params.getAll(answerField(question));
		if (values.length === 1 && answerScale(question)?.includes(values[0]!))
			answers[question.id] = values[0]!;
	}
	return answers;
}

/** A date answer as stored (`YYYY-MM-DD`), or why it cannot be one: no such day, or outside the question's range. */
function dateAnswer(
	question: QuestionOfType<'date'>,
	value: string
): { date: string } | { problem: AnswerProblem } {
	const date = isoDate(value);
	if (!date) return { problem: { key: 'notADate' } };
	// ISO dates compare as text.
	if (question.earliest && date < question.earliest)
		return { problem: { key: 'tooEarly', date: question.earliest } };
	if (question.latest && date > question.latest)
		return { problem: { key: 'tooLate', date: question.latest } };
	return { date };
}

/**
 * Reads and checks one page's answers. Values outside what the question offers are refused
 * (a tampered form), required questions must be answered, texts respect their length limit.
 * Only the fields of the page's questions are read, so `q-__proto__` or any other unknown field
 * is ignored; answers are looked up with Object.hasOwn, as a question may be called "constructor".
 */
export function readPageAnswers(
	questions: Question[],
	read: (field: string) => string[]
): { answers: RawAnswers; problems: Record<string, AnswerProblem> } {
	const answers: RawAnswers = {};
	const problems: Record<string, AnswerProblem> = {};
	for (const question of questions.flatMap(answerableQuestion)) {
		const values = read(answerField(question))
			.map((value) => value.trim())
			.filter(Boolean);
		const scale = answerScale(question);
		if (question.type === 'multiple') {
			const ids = new Set(question.options.map((option) => option.id));
			if (values.some((value) => !ids.has(value))) problems[question.id] = { key: 'invalid' };
			else if (values.length) answers[question.id] = [...new Set(values)];
		} else if (values.length) {
			const [value] = values as [string];
			if (scale && !scale.includes(value)) problems[question.id] = { key: 'invalid' };
			else if (
				question.type === 'single' &&
				!question.options.some((option) => option.id === value)
			)
				problems[question.id] = { key: 'invalid' };
			else if (question.type === 'date') {
				const read = dateAnswer(question, value);
				if ('problem' in read) problems[question.id] = read.problem;
				else answers[question.id] = read.date;
			} else if (question.type === 'text' && value.length > question.maxLength)
				problems[question.id] = { key: 'tooLong', max: question.maxLength };
			else if (question.type === 'text' && controlCharacterProblem(value, { multiline: true }))
				problems[question.id] = { key: 'invalid' };
			else answers[question.id] = value;
		}
		if (
			question.required &&
			!Object.hasOwn(answers, question.id) &&
			!Object.hasOwn(problems, question.id)
		)
			problems[question.id] = { key: 'required' };
	}
	return { answers, problems };
}

export type AnswerRow = {
	questionId: string;
	score: number | null;
	notApplicable: boolean;
	text: string | null;
	choices: string[] | null;
};

/** The stored form of a complete set of answers; questions nobody answered get no row. */
export function answerRows(definition: SurveyDefinition, answers: RawAnswers): AnswerRow[] {
	return answerableQuestions(definition).flatMap((question): AnswerRow[] => {
		if (!Object.hasOwn(answers, question.id)) return [];
		const answer = answers[question.id]!;
		const row: AnswerRow = {
			questionId: question.id,
			score: null,
			notApplicable: false,
			text: null,
			choices: null
		};
		if (Array.isArray(answer)) row.choices = answer;
		else if (answerScale(question)) {
			if (answer === NOT_APPLICABLE) row.notApplicable = true;
			else row.score = Number(answer);
		} else if (question.type === 'single') row.choices = [answer];
		else row.text = answer;
		return [row];
	});
}

/** The answers stored rows were made from (the inverse of `answerRows`), e.g. to replay display logic. */
export function answersOfRows(
	definition: SurveyDefinition,
	rows: readonly AnswerRow[]
): RawAnswers {
	const types = new Map(
		answerableQuestions(definition).map((question) => [question.id, question.type])
	);
	const answers: RawAnswers = {};
	for (const row of rows) {
		const type = types.get(row.questionId);
		if (row.notApplicable) answers[row.questionId] = NOT_APPLICABLE;
		else if (row.score !== null) answers[row.questionId] = String(row.score);
		else if (row.choices)
			answers[row.questionId] = type === 'single' ? row.choices[0]! : row.choices;
		else if (row.text !== null) answers[row.questionId] = row.text;
	}
	return answers;
}
