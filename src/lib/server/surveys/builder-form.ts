import { z } from 'zod';
import * as m from '../../paraglide/messages';
import { canonicalLanguage } from '../../schemas/clients';
import {
	choiceOperators,
	conditionOperators,
	conditionSchema,
	MAX_LOCALIZED_TEXT,
	MAX_TEXT_ANSWER,
	respondentTexts,
	scaleOperators,
	type Condition,
	type LocalizedText,
	type MatrixRow,
	type PathSegment,
	type Question,
	type QuestionOfType,
	type SurveyDefinition
} from '../../schemas/survey';
import { lineText, multilineText } from '../../schemas/text';
import { findQuestion, freshIds } from '../../surveys/definition';
import { parseForm } from '../forms';

const localizedText = (text: typeof lineText) =>
	text()
		.trim()
		.max(MAX_LOCALIZED_TEXT, { error: () => m.builder_text_too_long({ max: MAX_LOCALIZED_TEXT }) });
/** A text field of the builder; a field the form leaves out empties the text, as an emptied one does. */
const field = (text: typeof lineText = lineText) => localizedText(text).default('');
const checkbox = z
	.literal('on')
	.optional()
	.transform((value) => value === 'on');

/** One message for everything wrong with a builder form: the builder shows a single line. */
function formMessage(errors: Partial<Record<string, string>>): string {
	return Object.values(errors).join(' · ');
}

/** Reads a builder form with its schema, as data or as the one message the builder shows. */
export function readBuilderForm<S extends z.ZodType>(
	schema: S,
	form: FormData,
	options: { lists?: readonly string[] } = {}
): { data: z.output<S> } | { error: string } {
	const parsed = parseForm(schema, form, options);
	return parsed.ok ? { data: parsed.data } : { error: formMessage(parsed.errors) };
}

/**
 * Sets one language's entry of a text. An empty value removes that entry, and an optional text
 * left with no entries is dropped altogether.
 */
export function withText(
	current: LocalizedText | undefined,
	language: string,
	value: string
): LocalizedText | undefined {
	const { [language]: _old, ...others } = current ?? {};
	const next = value ? { ...others, [language]: value } : others;
	return Object.keys(next).length ? next : undefined;
}

/** Drops keys whose value is undefined: optional texts that were emptied. */
function compact<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/**
 * The fields of a condition, named after a prefix (`showIfQuestion`, `showIfOp`, …): the question
 * whose answer it uses (none: no condition), the comparison, and a score or an option. An option
 * is sent as `question/option`, as option ids repeat between questions.
 */
function conditionFields<P extends string>(prefix: P) {
	const text = (max: number) => lineText().trim().max(max).default('');
	return {
		[`${prefix}Question`]: text(40),
		[`${prefix}Op`]: text(20),
		[`${prefix}Value`]: text(10),
		[`${prefix}Option`]: text(81)
	} as Record<`${P}${'Question' | 'Op' | 'Value' | 'Option'}`, ReturnType<typeof text>>;
}

/** The condition the fields with this prefix describe: none when no question is chosen. */
export function conditionFromForm(
	form: Record<string, unknown>,
	prefix: string
): { condition: Condition | undefined } | { error: string } {
	const read = (name: string) => String(form[`${prefix}${name}`] ?? '');
	const question = read('Question');
	if (!question) return { condition: undefined };
	const op = conditionOperators.find((candidate) => candidate === read('Op'));
	if (!op) return { error: m.survey_logic_operator_required() };
	let raw: Record<string, unknown> = { question, op };
	if ((scaleOperators as readonly string[]).includes(op)) {
		const value = Number(read('Value'));
		if (!read('Value') || !Number.isInteger(value))
			return { error: m.survey_logic_value_required() };
		raw = { ...raw, value };
	} else if ((choiceOperators as readonly string[]).includes(op)) {
		const [owner, option] = read('Option').split('/');
		if (!option) return { error: m.survey_logic_option_required() };
		if (owner !== question) return { error: m.survey_logic_option_elsewhere() };
		raw = { ...raw, option };
	}
	const parsed = conditionSchema.safeParse(raw);
	return parsed.success
		? { condition: parsed.data }
		: { error: parsed.error.issues.map((issue) => issue.message).join(' · ') };
}

/** The question editor's form for one question: its texts, and one field per existing option. */
export function questionFormSchema(question: Question) {
	const options = 'options' in question ? question.options : [];
	const rows = question.type === 'matrix' ? question.rows : [];
	return z.object({
		questionId: lineText().max(40),
		...conditionFields('showIf'),
		text: field(multilineText),
		help: field(),
		required: checkbox,
		factor: lineText().trim().max(100).default(''),
		lowLabel: field(),
		highLabel: field(),
		allowNotApplicable: checkbox,
		shuffleOptions: checkbox,
		newRow: field(),
		newRowFactor: lineText().trim().max(100).default(''),
		earliest: lineText().trim().max(10).default(''),
		latest: lineText().trim().max(10).default(''),
		maxLength: z
			.union([z.literal(''), z.coerce.number({ error: () => m.builder_max_length_number() }).int()])
			.default(''),
		newOption: z
			.array(field())
			.max(MAX_QUESTION_FORM_OPTIONS, {
				error: () => m.builder_too_many_options({ max: MAX_QUESTION_FORM_OPTIONS })
			})
			.default([]),
		...Object.fromEntries(options.map((option) => [optionField(option.id), field()])),
		...Object.fromEntries(
			rows.flatMap((row) => [
				[rowField(row.id), field()],
				[rowFactorField(row.id), lineText().trim().max(100).default('')]
			])
		)
	});
}

const MAX_QUESTION_FORM_OPTIONS = 30;
const optionField = (id: string) => `option-${id}`;
const rowField = (id: string) => `row-${id}`;
const rowFactorField = (id: string) => `rowFactor-${id}`;

export type QuestionForm = z.output<ReturnType<typeof questionFormSchema>>;

/**
 * The question as edited in the builder's form, in the default language; other fields stay.
 * `usedIds` are the survey's question and row ids, which a new matrix row's id must avoid.
 */
export function editedQuestion(
	question: Question,
	form: QuestionForm,
	language: string,
	usedIds: readonly string[]
): Question | { error: string } {
	const showIf = conditionFromForm(form, 'showIf');
	if ('error' in showIf) return showIf;
	const edited: Record<string, unknown> = {
		...question,
		text: withText(question.text, language, form.text) ?? {},
		help: withText(question.help, language, form.help),
		required: form.required,
		showIf: showIf.condition
	};
	if ('factor' in question || question.type === 'text')
		edited.factor = form.factor || (question.type === 'text' ? undefined : '');
	if (
		question.type === 'rating' ||
		question.type === 'overall' ||
		question.type === 'nps' ||
		question.type === 'matrix'
	) {
		edited.lowLabel = withText(question.lowLabel, language, form.lowLabel);
		edited.highLabel = withText(question.highLabel, language, form.highLabel);
	}
	if (question.type === 'rating' || question.type === 'matrix')
		edited.allowNotApplicable = form.allowNotApplicable;
	if (question.type === 'matrix') edited.rows = editedRows(question, form, language, usedIds);
	if (question.type === 'text') edited.maxLength = form.maxLength || MAX_TEXT_ANSWER;
	if (question.type === 'date') {
		// The survey's schema checks the days themselves when the definition is saved.
		edited.earliest = form.earliest || undefined;
		edited.latest = form.latest || undefined;
	}
	if (question.type === 'single' || question.type === 'multiple') {
		const labels = form as unknown as Record<string, string>;
		// Existing options keep their ids (answers refer to them); an emptied label removes one.
		const kept = question.options.flatMap((option) => {
			const label = withText(option.label, language, labels[optionField(option.id)] ?? '');
			return label && label[language] ? [{ ...option, label }] : [];
		});
		const used = new Set(kept.map((option) => option.id));
		let next = question.options.length + 1;
		for (const value of form.newOption.filter(Boolean)) {
			while (used.has(`option-${next}`)) next++;
			used.add(`option-${next}`);
			kept.push({ id: `option-${next}`, label: { [language]: value } });
		}
		edited.options = kept;
		edited.shuffleOptions = form.shuffleOptions || undefined;
	}
	return compact(edited) as Question;
}

/**
 * A matrix's rows as the form sets them: each keeps its id (its answers carry it), an emptied text
 * removes it, and a filled-in new row joins at the end with a fresh id.
 */
function editedRows(
	question: QuestionOfType<'matrix'>,
	form: QuestionForm,
	language: string,
	usedIds: readonly string[]
): MatrixRow[] {
	const fields = form as unknown as Record<string, string>;
	const rows = question.rows.flatMap((row) => {
		const text = withText(row.text, language, fields[rowField(row.id)] ?? '');
		return text?.[language] ? [{ ...row, text, factor: fields[rowFactorField(row.id)] ?? '' }] : [];
	});
	if (form.newRow) {
		const [id] = freshIds('row', usedIds, 1);
		rows.push({ id: id!, factor: form.newRowFactor, text: { [language]: form.newRow } });
	}
	return rows;
}

/** A page's logic form: its display condition and its skip rule (a condition and where it leads). */
export const pageLogicFormSchema = z.object({
	pageIndex: z.coerce.number().int(),
	...conditionFields('showIf'),
	...conditionFields('skip'),
	skipTo: lineText().trim().max(40).default('')
});

/** The definition with the page's logic as the form sets it; a page that is not there is a stale form. */
export function editedPageLogic(
	definition: SurveyDefinition,
	form: z.output<typeof pageLogicFormSchema>
): SurveyDefinition | { error: string } {
	const page = definition.pages[form.pageIndex];
	if (!page) throw new Error(m.validation_choose_page());
	const showIf = conditionFromForm(form, 'showIf');
	if ('error' in showIf) return showIf;
	const skip = conditionFromForm(form, 'skip');
	if ('error' in skip) return skip;
	if (skip.condition && !form.skipTo) return { error: m.survey_logic_target_required() };
	const { showIf: _showIf, skipTo: _skipTo, ...rest } = page;
	const edited = compact({
		...rest,
		showIf: showIf.condition,
		skipTo: skip.condition ? { if: skip.condition, to: form.skipTo } : undefined
	});
	return {
		...definition,
		pages: definition.pages.map((other, index) => (index === form.pageIndex ? edited : other))
	};
}

export function replaceQuestion(
	definition: SurveyDefinition,
	question: Question
): SurveyDefinition {
	const found = findQuestion(definition, question.id);
	if (!found) throw new Error(`No question "${question.id}"`);
	return {
		...definition,
		pages: definition.pages.map((page, pageIndex) =>
			pageIndex === found.pageIndex
				? { ...page, questions: page.questions.map((q) => (q.id === question.id ? question : q)) }
				: page
		)
	};
}

/** The survey settings form: its name, languages, and survey-wide texts in the default language. */
export const settingsFormSchema = z.object({
	name: lineText()
		.trim()
		.min(1, { error: () => m.builder_name_required() })
		.max(200, { error: () => m.builder_name_too_long() }),
	languages: lineText().max(500).default(''),
	title: field(),
	intro: field(multilineText),
	thankYou: field(multilineText),
	buttonNext: field(),
	buttonBack: field(),
	buttonSubmit: field(),
	emailSubject: field(),
	emailBody: field(multilineText)
});

export type SettingsForm = z.output<typeof settingsFormSchema>;

/** Survey-wide texts and languages from the settings form. */
export function editedSettings(
	definition: SurveyDefinition,
	form: SettingsForm
): SurveyDefinition | { error: string } {
	const language = definition.defaultLanguage;
	const listed = form.languages.split(/[\s,]+/).filter(Boolean);
	const languages = [language];
	for (const tag of listed) {
		const canonical = canonicalLanguage(tag);
		if (!canonical) return { error: m.builder_unknown_language({ tag }) };
		if (!languages.includes(canonical)) languages.push(canonical);
	}
	// Translations into a language that is no longer offered would be unreachable: drop them.
	const pruned = JSON.parse(JSON.stringify(definition), (key, value) =>
		key !== '' &&
		value &&
		typeof value === 'object' &&
		!Array.isArray(value) &&
		isLocalizedText(value)
			? Object.fromEntries(Object.entries(value).filter(([tag]) => languages.includes(tag)))
			: value
	) as SurveyDefinition;
	const buttons = compact({
		next: withText(pruned.buttons?.next, language, form.buttonNext),
		back: withText(pruned.buttons?.back, language, form.buttonBack),
		submit: withText(pruned.buttons?.submit, language, form.buttonSubmit)
	});
	const email = compact({
		subject: withText(pruned.email?.subject, language, form.emailSubject),
		body: withText(pruned.email?.body, language, form.emailBody)
	});
	return compact({
		...pruned,
		languages,
		email: Object.keys(email).length ? email : undefined,
		title: withText(pruned.title, language, form.title) ?? {},
		intro: withText(pruned.intro, language, form.intro),
		thankYou: withText(pruned.thankYou, language, form.thankYou),
		buttons: Object.keys(buttons).length ? buttons : undefined
	});
}

function isLocalizedText(value: Record<string, unknown>): boolean {
	const entries = Object.entries(value);
	return (
		entries.length > 0 &&
		entries.every(([key, entry]) => typeof entry === 'string' && canonicalLanguage(key) === key)
	);
}

const translationField = (path: PathSegment[]) => `t:${path.join('.')}`;

/**
 * The translation page's form: a language, and a field `t:<path>` for each text the definition
 * offers for translation. Only those names are read, so no field can name another place in the
 * definition (or `t:__proto__…`, Object.prototype itself).
 */
export function translationFormSchema(definition: SurveyDefinition) {
	const others = definition.languages.filter((language) => language !== definition.defaultLanguage);
	return z.object({
		language: z.string().refine((language) => others.includes(language), {
			error: () => m.builder_choose_translation_language()
		}),
		...Object.fromEntries(
			respondentTexts(definition).map(({ path }) => [
				translationField(path),
				localizedText(multilineText).optional()
			])
		)
	});
}

/** The definition with the translations of the translation page's form, or what is wrong with the form. */
export function withTranslations(
	definition: SurveyDefinition,
	form: FormData
): { definition: SurveyDefinition } | { error: string } {
	const read = readBuilderForm(translationFormSchema(definition), form);
	if ('error' in read) return read;
	const values = read.data as Record<string, string | undefined> & { language: string };
	const copy = structuredClone(definition);
	for (const { path } of respondentTexts(definition)) {
		const value = values[translationField(path)];
		if (value === undefined) continue;
		// The path is one the definition itself offers, so every step exists.
		const parent = path
			.slice(0, -1)
			.reduce<Record<PathSegment, unknown>>(
				(node, part) => node[part] as Record<PathSegment, unknown>,
				copy as unknown as Record<PathSegment, unknown>
			);
		const last = path.at(-1)!;
		const current = parent[last] as LocalizedText;
		parent[last] = withText(current, values.language, value) ?? current;
	}
	return { definition: copy };
}
