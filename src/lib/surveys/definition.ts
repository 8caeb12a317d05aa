import {
	answerableQuestions,
	MAX_TEXT_ANSWER,
	questionPlace,
	respondentTexts,
	type LocalizedText,
	type Page,
	type PathSegment,
	type Question,
	type QuestionOfType,
	type QuestionType,
	type SurveyDefinition
} from '../schemas/survey';
import * as m from '../paraglide/messages';
import { placeholderProblems } from './piping';

export type DefinitionProblem = {
	level: 'error' | 'warning';
	path: PathSegment[];
	message: string;
};

/** Where a question sits; indexes are 0-based. */
export type QuestionAt = { pageIndex: number; questionIndex: number; question: Question };

function allQuestions(definition: SurveyDefinition): QuestionAt[] {
	return definition.pages.flatMap((page, pageIndex) =>
		page.questions.map((question, questionIndex) => ({ pageIndex, questionIndex, question }))
	);
}

type Place = { place: string };

/** What can be wrong with the factor of a question that has one, a sentence per question type. */
const factorMessages: Record<
	'rating' | 'importance' | 'text',
	{ missing?: (inputs: Place) => string; unknown: (inputs: Place & { factor: string }) => string }
> = {
	rating: {
		missing: m.schema_survey_rating_no_factor,
		unknown: m.schema_survey_rating_factor_unknown
	},
	importance: {
		missing: m.schema_survey_importance_no_factor,
		unknown: m.schema_survey_importance_factor_unknown
	},
	text: { unknown: m.schema_survey_text_factor_unknown }
};

/** The factor a question is about, if any; '' (not chosen yet) counts as none. */
function factorOf(question: Question): string | undefined {
	return ('factor' in question && question.factor) || undefined;
}

function factorProblem(
	definition: SurveyDefinition,
	at: QuestionAt,
	factorKeys: ReadonlySet<string>
): DefinitionProblem | null {
	const { question } = at;
	if (!('factor' in question)) return null;
	const path = ['pages', at.pageIndex, 'questions', at.questionIndex, 'factor'];
	const place = questionPlace(definition, at.pageIndex, at.questionIndex);
	const messages = factorMessages[question.type];
	// A text question may be about no factor at all; a rating or importance question means nothing without one.
	if (!question.factor) {
		return messages.missing ? { level: 'error', path, message: messages.missing({ place }) } : null;
	}
	if (factorKeys.has(question.factor)) return null;
	return { level: 'error', path, message: messages.unknown({ place, factor: question.factor }) };
}

/** Each row of a matrix is a rating, so it needs a factor of the model. */
function matrixFactorProblems(
	definition: SurveyDefinition,
	at: QuestionAt,
	factorKeys: ReadonlySet<string>
): DefinitionProblem[] {
	if (at.question.type !== 'matrix') return [];
	const place = questionPlace(definition, at.pageIndex, at.questionIndex);
	return at.question.rows.flatMap(({ factor }, index): DefinitionProblem[] => {
		const path = ['pages', at.pageIndex, 'questions', at.questionIndex, 'rows', index, 'factor'];
		const row = index + 1;
		if (!factor)
			return [
				{ level: 'error', path, message: m.survey_types_matrix_row_no_factor({ place, row }) }
			];
		if (factorKeys.has(factor)) return [];
		const message = m.survey_types_matrix_row_factor_unknown({ place, row, factor });
		return [{ level: 'error', path, message }];
	});
}

/** What the schema cannot know: whether the questions fit the survey's CSI model. */
export function definitionProblems(
	definition: SurveyDefinition,
	factorKeys: string[]
): DefinitionProblem[] {
	const keys = new Set(factorKeys);
	const questions = allQuestions(definition);
	const problems = questions
		.flatMap((at) =>
			at.question.type === 'matrix'
				? matrixFactorProblems(definition, at, keys)
				: [factorProblem(definition, at, keys)]
		)
		.filter((problem): problem is DefinitionProblem => problem !== null);
	const hasRating = answerableQuestions(definition).some(({ type }) => type === 'rating');
	const hasOverall = questions.some(({ question }) => question.type === 'overall');
	if (hasRating && !hasOverall)
		problems.push({ level: 'warning', path: ['pages'], message: m.schema_survey_no_overall() });
	for (const { path, message } of placeholderProblems(definition))
		problems.push({ level: 'warning', path, message });
	return problems;
}

export type TranslatableString = {
	path: PathSegment[];
	/** e.g. "Page 1 · Question 2 · text". */
	label: string;
	default: string;
	/** Every language but the default; undefined where not translated yet. */
	translations: Record<string, string | undefined>;
	/** The languages it still needs a translation into. */
	missing: string[];
};

function otherLanguages(definition: SurveyDefinition): string[] {
	return definition.languages.filter((language) => language !== definition.defaultLanguage);
}

export function translatableStrings(definition: SurveyDefinition): TranslatableString[] {
	const languages = otherLanguages(definition);
	return respondentTexts(definition).map(({ path, label, text }) => ({
		path,
		label,
		default: text[definition.defaultLanguage] ?? '',
		translations: Object.fromEntries(languages.map((language) => [language, text[language]])),
		missing: languages.filter((language) => !text[language])
	}));
}

/** Language → how many strings still lack a translation into it (the default language is not listed). */
export function missingTranslations(definition: SurveyDefinition): Record<string, number> {
	const strings = translatableStrings(definition);
	return Object.fromEntries(
		otherLanguages(definition).map((language) => [
			language,
			strings.filter((string) => string.missing.includes(language)).length
		])
	);
}

/** What an answer to the question means and how it was constrained; wording is deliberately left out. */
function meaningOf(question: Question): string {
	return JSON.stringify({
		type: question.type,
		factor: factorOf(question) ?? null,
		allowNotApplicable: 'allowNotApplicable' in question ? question.allowNotApplicable : null,
		maxLength: 'maxLength' in question ? question.maxLength : null,
		// A narrower range of days could make earlier answers ones the question now refuses.
		earliest: 'earliest' in question ? (question.earliest ?? null) : null,
		latest: 'latest' in question ? (question.latest ?? null) : null,
		// Reordering options changes no answer; adding, removing or re-keying one does.
		options: 'options' in question ? question.options.map((option) => option.id).sort() : null
	});
}

// Rows of a matrix mean what ratings with their ids mean: gathering ratings into a matrix, or
// reordering its rows, changes no answer.
function meaningsById(definition: SurveyDefinition): Map<string, string> {
	return new Map(
		answerableQuestions(definition).map((question) => [question.id, meaningOf(question)])
	);
}

/**
 * Who is asked what, for a survey with display logic or skip rules; null without any. Staff read
 * "not asked" by replaying a version's logic on its answers, so the pages, their conditions and
 * which questions each page holds are part of what the answers mean.
 */
function logicOf(definition: SurveyDefinition): string | null {
	const hasLogic = definition.pages.some(
		(page) => page.showIf || page.skipTo || page.questions.some((question) => question.showIf)
	);
	if (!hasLogic) return null;
	return JSON.stringify(
		definition.pages.map((page) => ({
			id: page.id,
			showIf: page.showIf ?? null,
			skipTo: page.skipTo ?? null,
			questions: page.questions.map((question) => [question.id, question.showIf ?? null])
		}))
	);
}

/**
 * Whether answers collected with `before` could not be read as answers to `after`, so a survey with
 * responses needs a new version. Wording, translations, order and page grouping change no answer,
 * unless the survey has display logic: then who is asked depends on them.
 */
export function changesMeaning(before: SurveyDefinition, after: SurveyDefinition): boolean {
	if (logicOf(before) !== logicOf(after)) return true;
	const old = meaningsById(before);
	const updated = meaningsById(after);
	if (old.size !== updated.size) return true;
	for (const [id, meaning] of old) {
		if (updated.get(id) !== meaning) return true;
	}
	return false;
}

export function findQuestion(definition: SurveyDefinition, id: string): QuestionAt | null {
	return allQuestions(definition).find(({ question }) => question.id === id) ?? null;
}

function requireQuestion(definition: SurveyDefinition, id: string): QuestionAt {
	const found = findQuestion(definition, id);
	if (!found) throw new Error(`The survey has no question "${id}"`);
	return found;
}

function requirePage(definition: SurveyDefinition, pageIndex: number): Page {
	const page = definition.pages[pageIndex];
	if (!page) throw new Error(`The survey has no page ${pageIndex + 1}`);
	return page;
}

/**
 * `count` ids: `prefix` + the numbers after the highest in use. Never filling a gap keeps a deleted
 * question's id from being given to a different new question within the same edit.
 */
export function freshIds(prefix: string, usedIds: readonly string[], count: number): string[] {
	const pattern = new RegExp(`^${prefix}(\\d+)$`);
	const highest = usedIds.reduce((max, id) => Math.max(max, Number(pattern.exec(id)?.[1] ?? 0)), 0);
	return Array.from({ length: count }, (_, index) => `${prefix}${highest + index + 1}`);
}

const freshId = (prefix: string, usedIds: readonly string[]) => freshIds(prefix, usedIds, 1)[0]!;

/** Every id an answer may carry, or a new question or matrix row must avoid: questions' and rows'. */
export const questionIds = (definition: SurveyDefinition) => [
	...allQuestions(definition).map(({ question }) => question.id),
	...answerableQuestions(definition).map(({ id }) => id)
];

const withPages = (definition: SurveyDefinition, pages: Page[]): SurveyDefinition => ({
	...definition,
	pages
});

function replacePage(
	definition: SurveyDefinition,
	pageIndex: number,
	questions: Question[]
): SurveyDefinition {
	return withPages(
		definition,
		definition.pages.map((page, index) => (index === pageIndex ? { ...page, questions } : page))
	);
}

const satisfactionLabels = { low: 'Completely dissatisfied', high: 'Completely satisfied' };

// English placeholders, filed under the default language: the manager rewrites them anyway.
function newQuestion(
	type: QuestionType,
	id: string,
	language: string,
	usedIds: string[]
): Question {
	const say = (text: string): LocalizedText => ({ [language]: text });
	const option = (number: number) => ({ id: `option-${number}`, label: say(`Option ${number}`) });
	const questions: { [T in QuestionType]: QuestionOfType<T> } = {
		rating: {
			id,
			type: 'rating',
			text: say('How satisfied are you with …?'),
			required: true,
			factor: '',
			lowLabel: say(satisfactionLabels.low),
			highLabel: say(satisfactionLabels.high),
			allowNotApplicable: false
		},
		overall: {
			id,
			type: 'overall',
			text: say('Overall, how satisfied are you with us?'),
			required: true,
			lowLabel: say(satisfactionLabels.low),
			highLabel: say(satisfactionLabels.high)
		},
		importance: {
			id,
			type: 'importance',
			text: say('How important is … to you?'),
			required: true,
			factor: ''
		},
		nps: {
			id,
			type: 'nps',
			text: say('How likely are you to recommend us to a friend or colleague?'),
			required: true,
			lowLabel: say('Not at all likely'),
			highLabel: say('Extremely likely')
		},
		text: {
			id,
			type: 'text',
			text: say('What should we improve?'),
			required: false,
			maxLength: MAX_TEXT_ANSWER
		},
		single: {
			id,
			type: 'single',
			text: say('Which one applies?'),
			required: true,
			options: [option(1), option(2)]
		},
		multiple: {
			id,
			type: 'multiple',
			text: say('Which of these apply?'),
			required: true,
			options: [option(1), option(2)]
		},
		date: { id, type: 'date', text: say('On which day …?'), required: true },
		matrix: {
			id,
			type: 'matrix',
			text: say('How satisfied are you with …'),
			required: true,
			rows: freshIds('row', [...usedIds, id], 2).map((rowId, index) => ({
				id: rowId,
				factor: '',
				text: say(`… aspect ${index + 1}?`)
			})),
			lowLabel: say(satisfactionLabels.low),
			highLabel: say(satisfactionLabels.high),
			allowNotApplicable: false
		}
	};
	return questions[type];
}

/** Appends a question of `type` to the page, with placeholder texts and, unless given, a fresh id. */
export function addQuestion(
	definition: SurveyDefinition,
	pageIndex: number,
	type: QuestionType,
	id?: string
): SurveyDefinition {
	const page = requirePage(definition, pageIndex);
	const ids = questionIds(definition);
	if (id !== undefined && ids.includes(id))
		throw new Error(`The survey already has a question "${id}"`);
	const question = newQuestion(type, id ?? freshId('q', ids), definition.defaultLanguage, ids);
	return replacePage(definition, pageIndex, [...page.questions, question]);
}

/**
 * Moves a question one place. At a page's edge it crosses to the neighbouring page (to its end
 * going up, its start going down); at the survey's edge it stays and the definition is returned as is.
 */
export function moveQuestion(
	definition: SurveyDefinition,
	questionId: string,
	direction: 'up' | 'down'
): SurveyDefinition {
	const { pageIndex, questionIndex, question } = requireQuestion(definition, questionId);
	const questions = requirePage(definition, pageIndex).questions;
	const step = direction === 'up' ? -1 : 1;
	const target = questionIndex + step;
	if (target >= 0 && target < questions.length) {
		const reordered = [...questions];
		reordered[questionIndex] = reordered[target]!;
		reordered[target] = question;
		return replacePage(definition, pageIndex, reordered);
	}
	const neighbour = definition.pages[pageIndex + step];
	if (!neighbour) return definition;
	const remaining = questions.filter((_, index) => index !== questionIndex);
	const arrived =
		direction === 'up' ? [...neighbour.questions, question] : [question, ...neighbour.questions];
	return replacePage(replacePage(definition, pageIndex, remaining), pageIndex + step, arrived);
}

/** A copy right after the original, under a fresh id; option ids stay, as they only need to be unique within a question. */
export function duplicateQuestion(
	definition: SurveyDefinition,
	questionId: string
): SurveyDefinition {
	const { pageIndex, questionIndex, question } = requireQuestion(definition, questionId);
	const used = questionIds(definition);
	const copy: Question = { ...structuredClone(question), id: freshId('q', used) };
	// A row's id names its answer, so the copy's rows need ids of their own.
	if (copy.type === 'matrix') {
		const ids = freshIds('row', [...used, copy.id], copy.rows.length);
		copy.rows = copy.rows.map((row, index) => ({ ...row, id: ids[index]! }));
	}
	const questions = [...requirePage(definition, pageIndex).questions];
	questions.splice(questionIndex + 1, 0, copy);
	return replacePage(definition, pageIndex, questions);
}

export function deleteQuestion(definition: SurveyDefinition, questionId: string): SurveyDefinition {
	const { pageIndex } = requireQuestion(definition, questionId);
	const questions = requirePage(definition, pageIndex).questions.filter(
		(question) => question.id !== questionId
	);
	return replacePage(definition, pageIndex, questions);
}

/** Appends an empty page with a fresh id. */
export function addPage(definition: SurveyDefinition, title?: string): SurveyDefinition {
	const page: Page = {
		id: freshId(
			'page',
			definition.pages.map((existing) => existing.id)
		),
		...(title ? { title: { [definition.defaultLanguage]: title } } : {}),
		questions: []
	};
	return withPages(definition, [...definition.pages, page]);
}

/**
 * Removes a page but keeps its questions: they join the end of the previous page (the first page's
 * go to the start of the next one). Deleting questions is a separate, deliberate step, so dropping
 * a page break never loses work. The only page cannot be deleted.
 */
export function deletePage(definition: SurveyDefinition, pageIndex: number): SurveyDefinition {
	const page = requirePage(definition, pageIndex);
	if (definition.pages.length === 1) throw new Error('A survey needs at least one page');
	const heirIndex = pageIndex === 0 ? 1 : pageIndex - 1;
	const pages = definition.pages.map((existing, index) => {
		if (index !== heirIndex) return existing;
		const questions =
			heirIndex < pageIndex
				? [...existing.questions, ...page.questions]
				: [...page.questions, ...existing.questions];
		return { ...existing, questions };
	});
	return withPages(
		definition,
		pages.filter((_, index) => index !== pageIndex)
	);
}

/** Sets the page's title in one language (the default unless given); an empty title removes that language's text. */
export function renamePage(
	definition: SurveyDefinition,
	pageIndex: number,
	title: string,
	language = definition.defaultLanguage
): SurveyDefinition {
	const page = requirePage(definition, pageIndex);
	const { [language]: _replaced, ...otherTitles } = page.title ?? {};
	const trimmed = title.trim();
	const titles: LocalizedText = trimmed ? { ...otherTitles, [language]: trimmed } : otherTitles;
	const { title: _old, ...rest } = page;
	const renamed: Page = Object.keys(titles).length ? { ...rest, title: titles } : rest;
	return withPages(
		definition,
		definition.pages.map((existing, index) => (index === pageIndex ? renamed : existing))
	);
}
