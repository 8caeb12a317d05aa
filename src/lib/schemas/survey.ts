import { z } from 'zod';
import { lineText, multilineText } from './text';
import { canonicalLanguage, languageName, languageSchema } from './clients';

export const questionTypes = [
	'rating',
	'overall',
	'importance',
	'nps',
	'text',
	'single',
	'multiple'
] as const;
export type QuestionType = (typeof questionTypes)[number];

export const MAX_TEXT_ANSWER = 5000;
export const MAX_LOCALIZED_TEXT = 2000;
export const MAX_QUESTIONS_PER_PAGE = 50;
export const MAX_PAGES = 20;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 30;

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
		return `Page ${pageIndex + 1}`;
	return `Page ${pageIndex + 1}, question ${questionIndex + 1}`;
}

/** Joins a place and a message that starts in lower case: "Page 1, question 2: use …", or "Use …". */
export function atPlace(place: string, message: string): string {
	return place ? `${place}: ${message}` : message.charAt(0).toUpperCase() + message.slice(1);
}

// Zod hands an error map the issue's full path once parsing is done, so the message can name the place.
const located =
	(message: string): z.core.$ZodErrorMap =>
	(issue) =>
		atPlace(placeInPath(issue.path ?? []), message);

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
			.max(MAX_LOCALIZED_TEXT, { error: located(`use at most ${MAX_LOCALIZED_TEXT} characters`) })
	)
	.transform((entries, ctx) => {
		const texts: Record<string, string> = {};
		for (const [tag, text] of Object.entries(entries)) {
			if (!text) continue;
			const language = canonicalLanguage(tag) ?? tag;
			if (language in texts) {
				ctx.addIssue({
					code: 'custom',
					message: `Two texts for ${describeLanguage(language)}: keep one`
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
		error: located(
			'use at most 40 lower-case letters, digits, - and _ for the id, starting with a letter, e.g. punctuality'
		)
	});

// Empty means "not chosen yet": a draft may hold such a question; definitionProblems reports it.
const factorSchema = lineText()
	.trim()
	.max(100, { error: located('a factor key has at most 100 characters') });

const questionBase = {
	id: idSchema,
	text: localizedTextSchema,
	help: localizedTextSchema.optional(),
	required: z.boolean().default(true)
};

const scaleLabels = {
	lowLabel: localizedTextSchema.optional(),
	highLabel: localizedTextSchema.optional()
};

const optionSchema = z.object({ id: idSchema, label: localizedTextSchema });

const choiceOptions = z
	.array(optionSchema)
	.min(MIN_OPTIONS, {
		error: located(`give a choice question ${MIN_OPTIONS} to ${MAX_OPTIONS} options`)
	})
	.max(MAX_OPTIONS, {
		error: located(`give a choice question ${MIN_OPTIONS} to ${MAX_OPTIONS} options`)
	});

const textAnswerLength = located(`allow text answers of 1 to ${MAX_TEXT_ANSWER} characters`);

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
	factor: factorSchema.min(1, { error: located('choose a factor or leave it out') }).optional(),
	maxLength: z
		.number({ error: textAnswerLength })
		.int({ error: textAnswerLength })
		.min(1, { error: textAnswerLength })
		.max(MAX_TEXT_ANSWER, { error: textAnswerLength })
		.default(MAX_TEXT_ANSWER)
});

export const singleChoiceQuestionSchema = z.object({
	...questionBase,
	type: z.literal('single'),
	options: choiceOptions
});
export const multipleChoiceQuestionSchema = z.object({
	...questionBase,
	type: z.literal('multiple'),
	options: choiceOptions
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
		multipleChoiceQuestionSchema
	],
	{ error: located(`choose a question type: ${questionTypes.join(', ')}`) }
);

export type Question = z.output<typeof questionSchema>;
export type QuestionOfType<T extends QuestionType> = Extract<Question, { type: T }>;
export type ChoiceOption = z.output<typeof optionSchema>;

export const pageSchema = z.object({
	id: idSchema,
	title: localizedTextSchema.optional(),
	questions: z.array(questionSchema).max(MAX_QUESTIONS_PER_PAGE, {
		error: located(`a page holds at most ${MAX_QUESTIONS_PER_PAGE} questions: split it`)
	})
});

export type Page = z.output<typeof pageSchema>;

const definitionShape = z.object({
	defaultLanguage: languageSchema,
	/** Every language respondents may answer in, the default included. */
	languages: z
		.array(languageSchema)
		.min(1, { error: 'List at least the default language' })
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
		.min(1, { error: 'Add at least one page' })
		.max(MAX_PAGES, { error: `A survey has at most ${MAX_PAGES} pages` })
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
	const place = `Page ${pageIndex + 1}, question ${questionIndex + 1}`;
	return text ? `${place} (“${snippet(text)}”)` : place;
}

/** One respondent-facing text: where it lives, what the translation view calls it, what messages call it. */
export type RespondentText = {
	path: PathSegment[];
	/** Short and positional, e.g. "Page 1 · Question 2 · text". */
	label: string;
	/** A noun phrase for messages, e.g. "help text". */
	name: string;
	/** The page and question it belongs to, if any. */
	pageIndex?: number;
	questionIndex?: number;
	text: LocalizedText;
};

type TextField = {
	key: PathSegment[];
	label: string;
	name: string;
	text: LocalizedText | undefined;
};

function questionFields(question: Question): TextField[] {
	const fields: TextField[] = [
		{ key: ['text'], label: 'text', name: 'question text', text: question.text },
		{ key: ['help'], label: 'help', name: 'help text', text: question.help }
	];
	if ('lowLabel' in question) {
		fields.push(
			{
				key: ['lowLabel'],
				label: 'low label',
				name: 'label of the scale’s low end',
				text: question.lowLabel
			},
			{
				key: ['highLabel'],
				label: 'high label',
				name: 'label of the scale’s high end',
				text: question.highLabel
			}
		);
	}
	if ('options' in question) {
		question.options.forEach((option, index) =>
			fields.push({
				key: ['options', index, 'label'],
				label: `option ${index + 1}`,
				name: `label of option ${index + 1}`,
				text: option.label
			})
		);
	}
	return fields;
}

/** Every respondent-facing text of a survey, in reading order; absent optional texts are left out. */
export function respondentTexts(definition: Definition): RespondentText[] {
	const texts: RespondentText[] = [];
	const add = (entry: Omit<RespondentText, 'text'>, text: LocalizedText | undefined) => {
		if (text) texts.push({ ...entry, text });
	};
	add({ path: ['title'], label: 'Survey · title', name: 'survey title' }, definition.title);
	add({ path: ['intro'], label: 'Survey · intro', name: 'introduction' }, definition.intro);
	definition.pages.forEach((page, pageIndex) => {
		const pagePath = ['pages', pageIndex];
		const pageLabel = `Page ${pageIndex + 1}`;
		add(
			{
				path: [...pagePath, 'title'],
				label: `${pageLabel} · title`,
				name: 'page title',
				pageIndex
			},
			page.title
		);
		page.questions.forEach((question, questionIndex) => {
			for (const field of questionFields(question)) {
				add(
					{
						path: [...pagePath, 'questions', questionIndex, ...field.key],
						label: `${pageLabel} · Question ${questionIndex + 1} · ${field.label}`,
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
		{ path: ['thankYou'], label: 'Survey · thank-you', name: 'thank-you message' },
		definition.thankYou
	);
	for (const button of ['next', 'back', 'submit'] as const) {
		const name = `${button.charAt(0).toUpperCase()}${button.slice(1)}`;
		add(
			{
				path: ['buttons', button],
				label: `Buttons · ${button}`,
				name: `label of the ${name} button`
			},
			definition.buttons?.[button]
		);
	}
	add(
		{
			path: ['email', 'subject'],
			label: 'Invitation email · subject',
			name: 'subject of the invitation email'
		},
		definition.email?.subject
	);
	add(
		{
			path: ['email', 'body'],
			label: 'Invitation email · text',
			name: 'text of the invitation email'
		},
		definition.email?.body
	);
	return texts;
}

function placeOf(definition: Definition, entry: RespondentText): string {
	if (entry.pageIndex === undefined) return '';
	if (entry.questionIndex === undefined) return `Page ${entry.pageIndex + 1}`;
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
				message: `${describeLanguage(language)} is listed twice`
			});
		}
	});
	if (!languages.includes(defaultLanguage)) {
		issues.push({
			path: ['languages'],
			message: `List the default language, ${describeLanguage(defaultLanguage)}, among the survey’s languages`
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
				message: atPlace(place, `enter the ${entry.name} in ${describeLanguage(defaultLanguage)}`)
			});
		}
		for (const language of Object.keys(entry.text)) {
			if (language === defaultLanguage || languages.includes(language)) continue;
			issues.push({
				path: [...entry.path, language],
				message: atPlace(
					place,
					`the ${entry.name} has a translation into ${describeLanguage(language)}, which is not one of the survey’s languages`
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
				message: `Page ${pageIndex + 1}: the id "${page.id}" is already used by page ${earlier + 1}`
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
const shortPlace = ({ pageIndex, questionIndex }: QuestionAt) =>
	`page ${pageIndex + 1}, question ${questionIndex + 1}`;

function questionIssues(definition: Definition): Issue[] {
	const all = questionsOf(definition);
	if (all.length === 0)
		return definition.pages.length
			? [{ path: ['pages'], message: 'Add at least one question' }]
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
				message: `${place}: the id "${at.question.id}" is already used by ${shortPlace(earlier)}`
			});
		} else firstWithId.set(at.question.id, at);
		if (at.question.type === 'overall') {
			if (overall) {
				issues.push({
					path: [...questionPath(at), 'type'],
					message: `${place}: a survey has one overall satisfaction question, and ${shortPlace(overall)} already is one`
				});
			} else overall = at;
		}
		if ('options' in at.question) issues.push(...optionIssues(at, at.question.options, place));
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
				message: `${place}: options ${earlier + 1} and ${index + 1} both have the id "${option.id}"`
			});
		}
	});
	return issues;
}

/** The rules that need the whole survey at hand; the model's factors are checked by definitionProblems. */
function structuralIssues(definition: Definition): Issue[] {
	return [
		...languageIssues(definition),
		...pageIdIssues(definition),
		...questionIssues(definition),
		...textIssues(definition)
	];
}

/** The one shape of a survey, shared by the builder, the API and import/export. */
export const surveyDefinitionSchema = definitionShape.superRefine((definition, ctx) => {
	for (const issue of structuralIssues(definition)) ctx.addIssue({ code: 'custom', ...issue });
});

export type SurveyDefinition = z.output<typeof surveyDefinitionSchema>;
export type SurveyDefinitionInput = z.input<typeof surveyDefinitionSchema>;
