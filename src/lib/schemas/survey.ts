import { z } from 'zod';
import { lineText, multilineText } from './text';
import { canonicalLanguage, isoDate, languageName, languageSchema } from './clients';
import { answerScale, NOT_APPLICABLE } from '../surveys/scale';
import * as m from '../paraglide/messages';

export const questionTypes = [
	'rating',
	'overall',
	'importance',
	'nps',
	'text',
	'single',
	'multiple',
	'date',
	'matrix'
] as const;
export type QuestionType = (typeof questionTypes)[number];

export const MAX_TEXT_ANSWER = 5000;
export const MAX_LOCALIZED_TEXT = 2000;
export const MAX_QUESTIONS_PER_PAGE = 50;
export const MAX_PAGES = 20;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 30;
export const MIN_MATRIX_ROWS = 2;
export const MAX_MATRIX_ROWS = 15;

export type PathSegment = string | number;

/**
 * "Page 1, question 3" from an issue's path, so messages from plain field checks still tell the
 * builder where to look, also when the survey sits inside a larger body. Empty when the path
 * holds no page (a question validated on its own).
 */
export function placeInPath(path: readonly PropertyKey[]): string {
	const start = path.findIndex(
		(segment, index) => segment === 'pages' && typeof path[index + 1] === 'number'
	);
	if (start < 0) return '';
	const [pages, pageIndex, questions, questionIndex] = path.slice(start);
	if (pages !== 'pages' || typeof pageIndex !== 'number') return '';
	if (questions !== 'questions' || typeof questionIndex !== 'number')
		return m.surveys_page_heading({ page: pageIndex + 1 });
	return m.schema_survey_place_question({ page: pageIndex + 1, question: questionIndex + 1 });
}

/** Joins a place and a message that starts in lower case: "Page 1, question 2: use …", or "Use …". */
export function atPlace(place: string, message: string): string {
	return place ? `${place}: ${message}` : message.charAt(0).toUpperCase() + message.slice(1);
}

// Zod hands an error map the issue's full path once parsing is done, so the message can name the place.
const located =
	(message: () => string): z.core.$ZodErrorMap =>
	(issue) =>
		atPlace(placeInPath(issue.path ?? []), message());

const describeLanguage = (tag: string) => `${languageName(tag)} (${tag})`;

/**
 * Language tag → text. Empty entries are dropped, so "not translated yet" has one spelling; tags are
 * canonicalised so `pt-br` and `pt-BR` name the same translation. Whether the default language is
 * present and every tag is one of the survey's is checked with the whole survey at hand.
 */
export const localizedTextSchema = z
	.record(
		z.string(),
		multilineText()
			.trim()
			.max(MAX_LOCALIZED_TEXT, {
				error: located(() => m.schema_survey_max_characters({ max: MAX_LOCALIZED_TEXT }))
			})
	)
	.transform((entries, ctx) => {
		const texts: Record<string, string> = {};
		for (const [tag, text] of Object.entries(entries)) {
			if (!text) continue;
			const language = canonicalLanguage(tag) ?? tag;
			if (language in texts) {
				ctx.addIssue({
					code: 'custom',
					message: m.schema_survey_duplicate_text({ language: describeLanguage(language) })
				});
				return z.NEVER;
			}
			texts[language] = text;
		}
		return texts;
	});

export type LocalizedText = z.output<typeof localizedTextSchema>;

const idSchema = lineText()
	.trim()
	.regex(/^[a-z][a-z0-9_-]{0,39}$/, {
		error: located(() => m.schema_survey_id_format())
	});

// Empty means "not chosen yet": a draft may hold such a question; definitionProblems reports it.
const factorSchema = lineText()
	.trim()
	.max(100, { error: located(() => m.schema_survey_factor_too_long()) });

/** Comparisons of a scale answer (≤, ≥, =), of the options chosen, and of whether there is an answer at all. */
export const scaleOperators = ['lte', 'gte', 'eq'] as const;
export const choiceOperators = ['is', 'isNot', 'includes'] as const;
export const answerOperators = ['answered', 'notAnswered'] as const;
export const conditionOperators = [...scaleOperators, ...choiceOperators, ...answerOperators];
export type ConditionOperator = (typeof conditionOperators)[number];

/**
 * A condition on the answer to one question asked before: a scale answer compared with a score,
 * an option chosen or not (`is`/`isNot` for a single choice, `includes`/`isNot` for a multiple
 * one), or whether the question was answered. A question nobody answered fails every comparison.
 */
export const conditionSchema = z.union(
	[
		z.object({ question: idSchema, op: z.enum(scaleOperators), value: z.number().int() }),
		z.object({ question: idSchema, op: z.enum(choiceOperators), option: idSchema }),
		z.object({ question: idSchema, op: z.enum(answerOperators) })
	],
	{
		error: located(() =>
			m.survey_logic_condition_invalid({ operators: conditionOperators.join(', ') })
		)
	}
);

export type Condition = z.output<typeof conditionSchema>;

/** Where a page leads when its condition holds: a later page, or `end` (the survey completes). */
export const SKIP_TO_END = 'end';
const skipSchema = z.object({ if: conditionSchema, to: idSchema });

const questionBase = {
	id: idSchema,
	text: localizedTextSchema,
	help: localizedTextSchema.optional(),
	required: z.boolean().default(true),
	/** Asked only when this holds; a question not asked is not required and keeps no answer. */
	showIf: conditionSchema.optional()
};

const scaleLabels = {
	lowLabel: localizedTextSchema.optional(),
	highLabel: localizedTextSchema.optional()
};

const optionSchema = z.object({ id: idSchema, label: localizedTextSchema });

const optionCount = located(() =>
	m.schema_survey_option_count({ min: MIN_OPTIONS, max: MAX_OPTIONS })
);
const choiceOptions = z
	.array(optionSchema)
	.min(MIN_OPTIONS, { error: optionCount })
	.max(MAX_OPTIONS, { error: optionCount });

const textAnswerLength = located(() =>
	m.schema_survey_text_answer_length({ max: MAX_TEXT_ANSWER })
);

/** Satisfaction with one factor, 1–5. */
export const ratingQuestionSchema = z.object({
	...questionBase,
	type: z.literal('rating'),
	factor: factorSchema.default(''),
	...scaleLabels,
	allowNotApplicable: z.boolean().default(false)
});

/** Overall satisfaction, 1–5: what derived importance is regressed on. */
export const overallQuestionSchema = z.object({
	...questionBase,
	type: z.literal('overall'),
	...scaleLabels
});

/** How much one factor matters to the respondent, 1–5. */
export const importanceQuestionSchema = z.object({
	...questionBase,
	type: z.literal('importance'),
	factor: factorSchema.default('')
});

/** Likelihood to recommend, 0–10. */
export const npsQuestionSchema = z.object({
	...questionBase,
	type: z.literal('nps'),
	...scaleLabels
});

export const textQuestionSchema = z.object({
	...questionBase,
	type: z.literal('text'),
	/** The factor the answer is mainly about, if the question asks about one. */
	factor: factorSchema.min(1, { error: located(() => m.schema_survey_choose_factor()) }).optional(),
	maxLength: z
		.number({ error: textAnswerLength })
		.int({ error: textAnswerLength })
		.min(1, { error: textAnswerLength })
		.max(MAX_TEXT_ANSWER, { error: textAnswerLength })
		.default(MAX_TEXT_ANSWER)
});

const choiceFields = {
	options: choiceOptions,
	/** Each respondent sees the options in an order of their own ($lib/surveys/option-order.ts). */
	shuffleOptions: z.boolean().optional()
};

export const singleChoiceQuestionSchema = z.object({
	...questionBase,
	type: z.literal('single'),
	...choiceFields
});
export const multipleChoiceQuestionSchema = z.object({
	...questionBase,
	type: z.literal('multiple'),
	...choiceFields
});

/** A calendar date written `YYYY-MM-DD`, one that exists (not 2026-02-30). */
const calendarDate = lineText()
	.trim()
	.refine((text) => isoDate(text) === text, { error: located(() => m.survey_types_date_format()) });

/** A calendar date, answered as `YYYY-MM-DD` in the answer's text; it has no factor and no score. */
export const dateQuestionSchema = z.object({
	...questionBase,
	type: z.literal('date'),
	/** The first and last day accepted; the earliest must not come after the latest. */
	earliest: calendarDate.optional(),
	latest: calendarDate.optional()
});

const matrixRowCount = located(() =>
	m.survey_types_matrix_row_count({ min: MIN_MATRIX_ROWS, max: MAX_MATRIX_ROWS })
);

/** One row of a matrix: its id is the id of its answer, so it must be unique among all questions. */
const matrixRowSchema = z.object({
	id: idSchema,
	factor: factorSchema.default(''),
	text: localizedTextSchema
});

/**
 * Ratings of several factors under one stem, 1–5 each: every row is asked, stored and scored as a
 * rating question of its own (`answerableQuestions`), and only drawn together.
 */
export const matrixQuestionSchema = z.object({
	...questionBase,
	type: z.literal('matrix'),
	rows: z
		.array(matrixRowSchema)
		.min(MIN_MATRIX_ROWS, { error: matrixRowCount })
		.max(MAX_MATRIX_ROWS, { error: matrixRowCount }),
	...scaleLabels,
	allowNotApplicable: z.boolean().default(false)
});

export const questionSchema = z.discriminatedUnion(
	'type',
	[
		ratingQuestionSchema,
		overallQuestionSchema,
		importanceQuestionSchema,
		npsQuestionSchema,
		textQuestionSchema,
		singleChoiceQuestionSchema,
		multipleChoiceQuestionSchema,
		dateQuestionSchema,
		matrixQuestionSchema
	],
	{ error: located(() => m.schema_survey_choose_type({ types: questionTypes.join(', ') })) }
);

export type Question = z.output<typeof questionSchema>;
export type QuestionOfType<T extends QuestionType> = Extract<Question, { type: T }>;
export type ChoiceOption = z.output<typeof optionSchema>;
export type MatrixRow = z.output<typeof matrixRowSchema>;

/**
 * The questions that take answers, as answers, analytics and display logic see them: a matrix
 * becomes one rating question per row (with the row's id, factor and text, and the matrix's scale,
 * labels, condition and requiredness); every other question is itself.
 */
export function answerableQuestion(question: Question): Question[] {
	if (question.type !== 'matrix') return [question];
	const { rows, type: _type, id: _id, text: _text, help: _help, ...shared } = question;
	return rows.map((row) => ({ ...shared, ...row, type: 'rating' as const }));
}

export function answerableQuestions(definition: {
	pages: { questions: Question[] }[];
}): Question[] {
	return definition.pages.flatMap((page) => page.questions.flatMap(answerableQuestion));
}

export const pageSchema = z.object({
	id: idSchema,
	title: localizedTextSchema.optional(),
	/** Shown only when this holds (on questions of earlier pages); otherwise passed over both ways. */
	showIf: conditionSchema.optional(),
	/** Checked when the page is sent forward: the next page, unless this says another. */
	skipTo: skipSchema.optional(),
	questions: z.array(questionSchema).max(MAX_QUESTIONS_PER_PAGE, {
		error: located(() => m.schema_survey_page_too_many_questions({ max: MAX_QUESTIONS_PER_PAGE }))
	})
});

export type Page = z.output<typeof pageSchema>;

const definitionShape = z.object({
	defaultLanguage: languageSchema,
	/** Every language respondents may answer in, the default included. */
	languages: z
		.array(languageSchema)
		.min(1, { error: () => m.schema_survey_languages_required() })
		.max(50),
	title: localizedTextSchema,
	intro: localizedTextSchema.optional(),
	thankYou: localizedTextSchema.optional(),
	/** The invitation email, with placeholders ({{client.name}}, {{link}}, …); built-in wording when absent. */
	email: z
		.object({ subject: localizedTextSchema.optional(), body: localizedTextSchema.optional() })
		.optional(),
	buttons: z
		.object({
			next: localizedTextSchema.optional(),
			back: localizedTextSchema.optional(),
			submit: localizedTextSchema.optional()
		})
		.optional(),
	pages: z
		.array(pageSchema)
		.min(1, { error: () => m.schema_survey_page_required() })
		.max(MAX_PAGES, { error: () => m.schema_survey_too_many_pages({ max: MAX_PAGES }) })
});

type Definition = z.output<typeof definitionShape>;

const SNIPPET_LENGTH = 40;

function snippet(text: string): string {
	return text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH - 1).trimEnd()}…` : text;
}

/** "Page 1, question 3 (“How punctual…”)": numbers for the builder, the start of the text for people. */
export function questionPlace(
	definition: Definition,
	pageIndex: number,
	questionIndex: number
): string {
	const question = definition.pages[pageIndex]?.questions[questionIndex];
	const text = question?.text[definition.defaultLanguage];
	const place = { page: pageIndex + 1, question: questionIndex + 1 };
	return text
		? m.schema_survey_place_question_text({ ...place, text: snippet(text) })
		: m.schema_survey_place_question(place);
}

/** One respondent-facing text: where it lives, what the translation view calls it, what messages call it. */
export type RespondentText = {
	path: PathSegment[];
	/** Short and positional, e.g. "Page 1 · Question 2 · text". */
	label: string;
	/** A noun phrase for messages, e.g. "help text", in the form they take it (German: "den Hilfetext"). */
	name: string;
	/** The page and question it belongs to, if any. */
	pageIndex?: number;
	questionIndex?: number;
	text: LocalizedText;
};

/** A question's place, counted from 1 as the messages name it. */
type QuestionPosition = { page: number; question: number };

type TextField = {
	key: PathSegment[];
	label: (position: QuestionPosition) => string;
	name: string;
	text: LocalizedText | undefined;
};

function questionFields(question: Question): TextField[] {
	const fields: TextField[] = [
		{
			key: ['text'],
			label: m.schema_survey_label_question_text,
			name: m.schema_survey_name_question_text(),
			text: question.text
		},
		{
			key: ['help'],
			label: m.schema_survey_label_question_help,
			name: m.schema_survey_name_help_text(),
			text: question.help
		}
	];
	if ('lowLabel' in question) {
		fields.push(
			{
				key: ['lowLabel'],
				label: m.schema_survey_label_question_low_label,
				name: m.schema_survey_name_low_label(),
				text: question.lowLabel
			},
			{
				key: ['highLabel'],
				label: m.schema_survey_label_question_high_label,
				name: m.schema_survey_name_high_label(),
				text: question.highLabel
			}
		);
	}
	if (question.type === 'matrix') {
		question.rows.forEach((row, index) =>
			fields.push({
				key: ['rows', index, 'text'],
				label: (position) => m.survey_types_label_row({ ...position, row: index + 1 }),
				name: m.survey_types_name_row({ row: index + 1 }),
				text: row.text
			})
		);
	}
	if ('options' in question) {
		question.options.forEach((option, index) =>
			fields.push({
				key: ['options', index, 'label'],
				label: (position) =>
					m.schema_survey_label_question_option({ ...position, option: index + 1 }),
				name: m.schema_survey_name_option({ option: index + 1 }),
				text: option.label
			})
		);
	}
	return fields;
}

const buttonTexts = {
	next: { label: m.schema_survey_label_button_next, name: m.schema_survey_name_button_next },
	back: { label: m.schema_survey_label_button_back, name: m.schema_survey_name_button_back },
	submit: { label: m.schema_survey_label_button_submit, name: m.schema_survey_name_button_submit }
};

/** Every respondent-facing text of a survey, in reading order; absent optional texts are left out. */
export function respondentTexts(definition: Definition): RespondentText[] {
	const texts: RespondentText[] = [];
	const add = (entry: Omit<RespondentText, 'text'>, text: LocalizedText | undefined) => {
		if (text) texts.push({ ...entry, text });
	};
	add(
		{
			path: ['title'],
			label: m.schema_survey_label_title(),
			name: m.schema_survey_name_survey_title()
		},
		definition.title
	);
	add(
		{ path: ['intro'], label: m.schema_survey_label_intro(), name: m.schema_survey_name_intro() },
		definition.intro
	);
	definition.pages.forEach((page, pageIndex) => {
		const pagePath = ['pages', pageIndex];
		add(
			{
				path: [...pagePath, 'title'],
				label: m.schema_survey_label_page_title({ page: pageIndex + 1 }),
				name: m.schema_survey_name_page_title(),
				pageIndex
			},
			page.title
		);
		page.questions.forEach((question, questionIndex) => {
			const position = { page: pageIndex + 1, question: questionIndex + 1 };
			for (const field of questionFields(question)) {
				add(
					{
						path: [...pagePath, 'questions', questionIndex, ...field.key],
						label: field.label(position),
						name: field.name,
						pageIndex,
						questionIndex
					},
					field.text
				);
			}
		});
	});
	add(
		{
			path: ['thankYou'],
			label: m.schema_survey_label_thank_you(),
			name: m.schema_survey_name_thank_you()
		},
		definition.thankYou
	);
	for (const button of ['next', 'back', 'submit'] as const) {
		add(
			{
				path: ['buttons', button],
				label: buttonTexts[button].label(),
				name: buttonTexts[button].name()
			},
			definition.buttons?.[button]
		);
	}
	add(
		{
			path: ['email', 'subject'],
			label: m.schema_survey_label_email_subject(),
			name: m.schema_survey_name_email_subject()
		},
		definition.email?.subject
	);
	add(
		{
			path: ['email', 'body'],
			label: m.schema_survey_label_email_body(),
			name: m.schema_survey_name_email_body()
		},
		definition.email?.body
	);
	return texts;
}

function placeOf(definition: Definition, entry: RespondentText): string {
	if (entry.pageIndex === undefined) return '';
	if (entry.questionIndex === undefined)
		return m.surveys_page_heading({ page: entry.pageIndex + 1 });
	return questionPlace(definition, entry.pageIndex, entry.questionIndex);
}

type Issue = { path: PathSegment[]; message: string };

function languageIssues(definition: Definition): Issue[] {
	const issues: Issue[] = [];
	const { defaultLanguage, languages } = definition;
	languages.forEach((language, index) => {
		if (languages.indexOf(language) !== index) {
			issues.push({
				path: ['languages', index],
				message: m.schema_survey_language_twice({ language: describeLanguage(language) })
			});
		}
	});
	if (!languages.includes(defaultLanguage)) {
		issues.push({
			path: ['languages'],
			message: m.schema_survey_default_language_missing({
				language: describeLanguage(defaultLanguage)
			})
		});
	}
	return issues;
}

function textIssues(definition: Definition): Issue[] {
	const issues: Issue[] = [];
	const { defaultLanguage, languages } = definition;
	for (const entry of respondentTexts(definition)) {
		const place = placeOf(definition, entry);
		if (!entry.text[defaultLanguage]) {
			issues.push({
				path: [...entry.path, defaultLanguage],
				message: atPlace(
					place,
					m.schema_survey_text_missing({
						name: entry.name,
						language: describeLanguage(defaultLanguage)
					})
				)
			});
		}
		for (const language of Object.keys(entry.text)) {
			if (language === defaultLanguage || languages.includes(language)) continue;
			issues.push({
				path: [...entry.path, language],
				message: atPlace(
					place,
					m.schema_survey_text_extra_language({
						name: entry.name,
						language: describeLanguage(language)
					})
				)
			});
		}
	}
	return issues;
}

function pageIdIssues(definition: Definition): Issue[] {
	const firstPageWithId = new Map<string, number>();
	const issues: Issue[] = [];
	definition.pages.forEach((page, pageIndex) => {
		const earlier = firstPageWithId.get(page.id);
		if (earlier === undefined) firstPageWithId.set(page.id, pageIndex);
		else {
			issues.push({
				path: ['pages', pageIndex, 'id'],
				message: m.schema_survey_page_id_twice({
					page: pageIndex + 1,
					id: page.id,
					other: earlier + 1
				})
			});
		}
	});
	return issues;
}

type QuestionAt = { pageIndex: number; questionIndex: number; question: Question };

function questionsOf(definition: Definition): QuestionAt[] {
	return definition.pages.flatMap((page, pageIndex) =>
		page.questions.map((question, questionIndex) => ({ pageIndex, questionIndex, question }))
	);
}

const questionPath = ({ pageIndex, questionIndex }: QuestionAt): PathSegment[] => [
	'pages',
	pageIndex,
	'questions',
	questionIndex
];
const positionOf = ({ pageIndex, questionIndex }: QuestionAt): QuestionPosition => ({
	page: pageIndex + 1,
	question: questionIndex + 1
});

function questionIssues(definition: Definition): Issue[] {
	const all = questionsOf(definition);
	if (all.length === 0)
		return definition.pages.length
			? [{ path: ['pages'], message: m.schema_survey_question_required() }]
			: [];
	const issues: Issue[] = [];
	const firstWithId = new Map<string, QuestionAt>();
	let overall: QuestionAt | undefined;
	for (const at of all) {
		const place = questionPlace(definition, at.pageIndex, at.questionIndex);
		const earlier = firstWithId.get(at.question.id);
		if (earlier) {
			issues.push({
				path: [...questionPath(at), 'id'],
				message: m.schema_survey_question_id_twice({
					place,
					id: at.question.id,
					...positionOf(earlier)
				})
			});
		} else firstWithId.set(at.question.id, at);
		if (at.question.type === 'matrix') {
			at.question.rows.forEach(({ id }, rowIndex) => {
				const taken = firstWithId.get(id);
				if (taken) {
					issues.push({
						path: [...questionPath(at), 'rows', rowIndex, 'id'],
						message: m.survey_types_matrix_row_id_twice({ place, id, ...positionOf(taken) })
					});
				} else firstWithId.set(id, at);
			});
		}
		if (at.question.type === 'overall') {
			if (overall) {
				issues.push({
					path: [...questionPath(at), 'type'],
					message: m.schema_survey_overall_twice({ place, ...positionOf(overall) })
				});
			} else overall = at;
		}
		if ('options' in at.question) issues.push(...optionIssues(at, at.question.options, place));
		const { earliest, latest } = at.question.type === 'date' ? at.question : {};
		// ISO dates compare as text.
		if (earliest && latest && earliest > latest) {
			issues.push({
				path: [...questionPath(at), 'latest'],
				message: atPlace(place, m.survey_types_date_range_order({ earliest, latest }))
			});
		}
	}
	return issues;
}

function optionIssues(at: QuestionAt, options: ChoiceOption[], place: string): Issue[] {
	const issues: Issue[] = [];
	const firstWithId = new Map<string, number>();
	options.forEach((option, index) => {
		const earlier = firstWithId.get(option.id);
		if (earlier === undefined) firstWithId.set(option.id, index);
		else {
			issues.push({
				path: [...questionPath(at), 'options', index, 'id'],
				message: m.schema_survey_option_id_twice({
					place,
					first: earlier + 1,
					second: index + 1,
					id: option.id
				})
			});
		}
	});
	return issues;
}

/** Whether the comparison can be made with the question's answers: scores, options, or just any answer. */
function operatorFits(question: Question, op: Condition['op']): boolean {
	if ((answerOperators as readonly string[]).includes(op)) return true;
	if (answerScale(question)) return (scaleOperators as readonly string[]).includes(op);
	return 'options' in question && (choiceOperators as readonly string[]).includes(op);
}

/**
 * What is wrong with one condition: the question it uses must exist and be asked before the place
 * the condition decides (`asked` says which are), the comparison must suit the question, and its
 * score or option must be one the question offers.
 */
function conditionIssues(
	definition: Definition,
	condition: Condition,
	path: PathSegment[],
	place: string,
	asked: (target: QuestionAt) => boolean
): Issue[] {
	// A matrix's rows are answered, and so tested, as ratings; the matrix itself has no answer.
	const target = questionsOf(definition)
		.flatMap((at) => answerableQuestion(at.question).map((question) => ({ ...at, question })))
		.find((at) => at.question.id === condition.question);
	const issue = (message: string, field: string) => [{ path: [...path, field], message }];
	if (!target)
		return issue(m.survey_logic_unknown_question({ place, id: condition.question }), 'question');
	const question = questionPlace(definition, target.pageIndex, target.questionIndex);
	if (!asked(target)) return issue(m.survey_logic_not_earlier({ place, question }), 'question');
	if (!operatorFits(target.question, condition.op))
		return issue(m.survey_logic_operator_unfit({ place, question, op: condition.op }), 'op');
	if ('value' in condition) {
		const scores = answerScale(target.question)!.filter((value) => value !== NOT_APPLICABLE);
		if (!scores.includes(String(condition.value)))
			return issue(
				m.survey_logic_value_outside({
					place,
					question,
					value: condition.value,
					min: scores[0]!,
					max: scores.at(-1)!
				}),
				'value'
			);
	}
	if (
		'option' in condition &&
		'options' in target.question &&
		!target.question.options.some((option) => option.id === condition.option)
	)
		return issue(
			m.survey_logic_unknown_option({ place, question, option: condition.option }),
			'option'
		);
	return [];
}

/** Display conditions and skip rules: each may use only answers given before it, and skips go forward. */
function logicIssues(definition: Definition): Issue[] {
	const issues: Issue[] = [];
	for (const at of questionsOf(definition)) {
		if (!at.question.showIf) continue;
		const before = (target: QuestionAt) =>
			target.pageIndex < at.pageIndex ||
			(target.pageIndex === at.pageIndex && target.questionIndex < at.questionIndex);
		const place = questionPlace(definition, at.pageIndex, at.questionIndex);
		issues.push(
			...conditionIssues(
				definition,
				at.question.showIf,
				[...questionPath(at), 'showIf'],
				place,
				before
			)
		);
	}
	definition.pages.forEach((page, pageIndex) => {
		const path = ['pages', pageIndex];
		if (page.showIf) {
			// A page is shown or passed over before its own questions are answered.
			const place = m.survey_logic_place_page_condition({ page: pageIndex + 1 });
			const before = (target: QuestionAt) => target.pageIndex < pageIndex;
			issues.push(...conditionIssues(definition, page.showIf, [...path, 'showIf'], place, before));
		}
		if (!page.skipTo) return;
		// A skip is decided as the page is sent, so its own answers count.
		const place = m.survey_logic_place_skip({ page: pageIndex + 1 });
		const upTo = (target: QuestionAt) => target.pageIndex <= pageIndex;
		issues.push(
			...conditionIssues(definition, page.skipTo.if, [...path, 'skipTo', 'if'], place, upTo)
		);
		const { to } = page.skipTo;
		if (to === SKIP_TO_END) return;
		const target = definition.pages.findIndex((other) => other.id === to);
		if (target < 0)
			issues.push({
				path: [...path, 'skipTo', 'to'],
				message: m.survey_logic_unknown_page({ place, id: to })
			});
		else if (target <= pageIndex)
			issues.push({
				path: [...path, 'skipTo', 'to'],
				message: m.survey_logic_skip_backwards({ place, target: target + 1 })
			});
	});
	return issues;
}

/** The rules that need the whole survey at hand; the model's factors are checked by definitionProblems. */
function structuralIssues(definition: Definition): Issue[] {
	return [
		...languageIssues(definition),
		...pageIdIssues(definition),
		...questionIssues(definition),
		...logicIssues(definition),
		...textIssues(definition)
	];
}

/** The one shape of a survey, shared by the builder, the API and import/export. */
export const surveyDefinitionSchema = definitionShape.superRefine((definition, ctx) => {
	for (const issue of structuralIssues(definition)) ctx.addIssue({ code: 'custom', ...issue });
});

export type SurveyDefinition = z.output<typeof surveyDefinitionSchema>;
export type SurveyDefinitionInput = z.input<typeof surveyDefinitionSchema>;
