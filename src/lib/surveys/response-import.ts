import { cellText, listCell } from '../csv/cells';
import { columnName, headerKey, headerTable } from '../csv/header-mapping';
import type { CsvTable } from '../csv/read';
import {
	extraCellIssue,
	inReadingOrder,
	shortened,
	type PlacedIssue,
	type RowIssue
} from '../csv/row-issue';
import * as m from '../paraglide/messages';
import { getLocale } from '../paraglide/runtime';
import { canonicalLanguage, isoDate } from '../schemas/clients';
import {
	answerableQuestions,
	type Question,
	type QuestionOfType,
	type SurveyDefinition
} from '../schemas/survey';
import { controlCharacterProblem } from '../schemas/text';
import {
	answerField,
	answerRows,
	readPageAnswers,
	type AnswerProblem,
	type AnswerRow
} from './answers';
import { answerScale, NOT_APPLICABLE } from './scale';

/**
 * Per file and per API call. An import is written in one transaction, which holds the server for
 * about a millisecond per response (the dashboard's sums are updated with each), so bigger
 * histories go in several imports, e.g. one per year.
 */
export const MAX_IMPORTED_RESPONSES = 10_000;

/** One past respondent as written in a file row or an API item, before any check. */
export type RespondentInput = {
	submittedAt: string;
	email?: string;
	clientId?: number;
	language?: string;
	/** Values by question id: one for most questions, any number of option ids for multiple choice. */
	answers: Record<string, string[]>;
};

/** Where a problem lies: a field of the respondent, one answer (`question`), or the whole respondent (null). */
export type ProblemField = 'submittedAt' | 'email' | 'clientId' | 'language' | 'answers' | null;
export type RespondentProblem = {
	index: number;
	field: ProblemField;
	question?: string;
	message: string;
};

export type ImportedResponse = {
	submittedAt: Date;
	clientId: number | null;
	language: string;
	answers: AnswerRow[];
};

/** What checking needs beyond the rows: the survey, the clock, and questions only the database can answer. */
export type ResponseImportContext = {
	definition: SurveyDefinition;
	now: Date;
	/** The client with this (lower-case) email, if there is one. */
	clientIdByEmail: (email: string) => number | undefined;
	clientExists: (id: number) => boolean;
	/** Whether this survey already holds this client's response of this moment: the file was imported before. */
	isStored: (clientId: number, submittedAt: Date) => boolean;
};

type Checked = { responses: ImportedResponse[]; problems: RespondentProblem[] };

/** Where another row or item of the same import is, for a message that points at it. */
export type Place = { line: number } | { path: string };

/** Items as the reader's language lists them: "a, b and c", "a, b oder c". */
function listed(items: string[], type: 'conjunction' | 'disjunction'): string {
	return new Intl.ListFormat(getLocale(), { type }).format(items);
}

// ---------------------------------------------------------------------------------------------
// Dates

// Time zones reach at most 14 hours ahead of UTC: a date written today somewhere is not "future".
const ZONE_AHEAD_MS = 14 * 60 * 60 * 1000;
const EARLIEST = Date.UTC(1970, 0, 1);
const dateTimePattern =
	/^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An ISO 8601 date (read as midnight UTC) or date-time (UTC unless it names an offset), as
 * spreadsheets and other systems write them; null when it is neither or not a real moment.
 */
export function parseSubmittedAt(text: string): Date | null {
	const day = isoDate(text);
	if (day) return new Date(`${day}T00:00:00Z`);
	const match = dateTimePattern.exec(text);
	if (!match || isoDate(match[1]!) === null) return null;
	const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
	if (hour > 23 || minute > 59 || second > 59) return null;
	const millis = Number((match[5] ?? '').slice(0, 3).padEnd(3, '0'));
	let time =
		new Date(`${match[1]}T00:00:00Z`).getTime() +
		((hour * 60 + minute) * 60 + second) * 1000 +
		millis;
	const zone = match[6]?.toUpperCase();
	if (zone && zone !== 'Z') {
		const digits = zone.slice(1).replace(':', '');
		const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
		if (hours > 14 || minutes > 59) return null;
		time -= (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes) * 60_000;
	}
	return new Date(time);
}

function readSubmittedAt(text: string, now: Date): { date: Date } | { message: string } {
	if (!text) return { message: m.responses_import_date_missing() };
	const date = parseSubmittedAt(text);
	if (!date) return { message: m.import_not_a_date({ value: shortened(text) }) };
	if (date.getTime() > now.getTime() + ZONE_AHEAD_MS)
		return { message: m.responses_import_date_future({ value: text }) };
	if (date.getTime() < EARLIEST) return { message: m.import_before_1970({ value: text }) };
	return { date };
}

// ---------------------------------------------------------------------------------------------
// Answers

/** Spellings other tools export, read as the survey's own: "N/A" is not applicable, option ids ignore case. */
function normalisedValue(question: Question, value: string): string {
	if (answerScale(question) && /^n\/?a$/i.test(value)) return NOT_APPLICABLE;
	if (question.type === 'single' || question.type === 'multiple') return value.toLowerCase();
	return value;
}

/** What a question accepts, in words, for a message that says how to fix a cell. */
export function acceptedValues(question: Question): string {
	if (question.type === 'nps') return m.responses_import_accepts_nps();
	if (question.type === 'single')
		return listed(
			question.options.map((option) => option.id),
			'disjunction'
		);
	if (question.type === 'multiple')
		return m.responses_import_accepts_options({
			options: question.options.map((option) => option.id).join(', ')
		});
	if (question.type === 'text') return m.responses_import_accepts_text({ max: question.maxLength });
	if (question.type === 'date') return acceptedDates(question);
	const notApplicable = question.type === 'rating' && question.allowNotApplicable;
	return notApplicable
		? m.responses_import_accepts_rating_or_na({ na: NOT_APPLICABLE })
		: m.responses_import_accepts_rating();
}

function acceptedDates({ earliest, latest }: QuestionOfType<'date'>): string {
	if (earliest && latest) return m.survey_types_import_accepts_date_between({ earliest, latest });
	if (earliest) return m.survey_types_import_accepts_date_from({ earliest });
	if (latest) return m.survey_types_import_accepts_date_until({ latest });
	return m.survey_types_import_accepts_date();
}

function answerProblemMessage(
	question: Question,
	values: string[],
	problem: AnswerProblem
): string {
	if (problem.key === 'tooLong') {
		return m.responses_import_answer_too_long({ length: values[0]!.length, max: problem.max });
	}
	if (question.type === 'multiple') {
		const ids = new Set(question.options.map((option) => option.id));
		const wrong = values.find((value) => !ids.has(value)) ?? values[0]!;
		return m.responses_import_not_an_option({
			value: shortened(wrong),
			accepted: acceptedValues(question)
		});
	}
	const [value] = values as [string];
	if (value === NOT_APPLICABLE && answerScale(question)) {
		return m.responses_import_no_not_applicable({ accepted: acceptedValues(question) });
	}
	if (question.type === 'single')
		return m.responses_import_not_an_option({
			value: shortened(value),
			accepted: acceptedValues(question)
		});
	if (question.type === 'text')
		return (
			controlCharacterProblem(value, { multiline: true }) ??
			m.responses_import_not_an_answer({ value: shortened(value) })
		);
	return m.responses_import_not_an_answer_use({
		value: shortened(value),
		accepted: acceptedValues(question)
	});
}

function questionsOf(definition: SurveyDefinition): Question[] {
	return answerableQuestions(definition);
}

/**
 * Checks one respondent's answers with the respondent page's own rules (readPageAnswers), except
 * that nothing is required: past surveys had other rules, and a blank is simply unanswered.
 */
function checkAnswers(
	definition: SurveyDefinition,
	questions: Question[],
	byId: Map<string, Question>,
	raw: Record<string, string[]>
) {
	const unknown: { question: string; message: string }[] = [];
	const notOne = new Map<string, string>();
	const values = new Map<string, string[]>();
	for (const [id, written] of Object.entries(raw)) {
		const question = byId.get(id);
		if (!question) {
			unknown.push({
				question: id,
				message: m.responses_import_unknown_question({
					id: shortened(id),
					questions: listed([...byId.keys()], 'conjunction')
				})
			});
			continue;
		}
		const cleaned = written
			.map((value) => value.trim())
			.filter(Boolean)
			.map((value) => normalisedValue(question, value));
		if (question.type !== 'multiple' && cleaned.length > 1)
			notOne.set(
				id,
				m.responses_import_one_answer({
					count: cleaned.length,
					accepted: acceptedValues(question)
				})
			);
		else values.set(answerField(question), cleaned);
	}
	const read = readPageAnswers(questions, (field) => values.get(field) ?? []);
	// In the survey's order, so a respondent's problems read like the survey; unknown questions last.
	const problems: { question: string; message: string }[] = [];
	for (const question of questions) {
		const problem = read.problems[question.id];
		const message =
			notOne.get(question.id) ??
			(problem && problem.key !== 'required'
				? answerProblemMessage(question, values.get(answerField(question))!, problem)
				: undefined);
		if (message) problems.push({ question: question.id, message });
	}
	return { rows: answerRows(definition, read.answers), problems: [...problems, ...unknown] };
}

// ---------------------------------------------------------------------------------------------
// Respondents

function readLanguage(
	text: string | undefined,
	definition: SurveyDefinition
): { language: string } | { message: string } {
	const written = text?.trim();
	if (!written) return { language: definition.defaultLanguage };
	const tag = canonicalLanguage(written);
	if (!tag)
		return {
			message: m.responses_import_not_a_language({
				value: shortened(written),
				languages: listed(definition.languages, 'disjunction')
			})
		};
	if (!definition.languages.includes(tag))
		return {
			message: m.responses_import_language_not_offered({
				value: written,
				languages: listed(definition.languages, 'disjunction'),
				default: definition.defaultLanguage
			})
		};
	return { language: tag };
}

/**
 * Checks every respondent and turns the valid ones into responses to store. `placeOf` says where
 * a respondent is (line 4, `responses[3]`), for messages that point at another one.
 */
export function checkRespondents(
	inputs: RespondentInput[],
	context: ResponseImportContext,
	placeOf: (index: number) => Place
): Checked {
	const { definition } = context;
	const questions = questionsOf(definition);
	const byId = new Map(questions.map((question) => [question.id, question]));
	const firstOfMoment = new Map<string, number>();
	const responses: ImportedResponse[] = [];
	const problems: RespondentProblem[] = [];

	inputs.forEach((input, index) => {
		const found: RespondentProblem[] = [];
		const problem = (field: ProblemField, message: string, question?: string) =>
			found.push({ index, field, message, ...(question ? { question } : {}) });

		const submitted = readSubmittedAt(input.submittedAt.trim(), context.now);
		if ('message' in submitted) problem('submittedAt', submitted.message);

		let clientId: number | null = null;
		if (input.clientId !== undefined) {
			if (context.clientExists(input.clientId)) clientId = input.clientId;
			else problem('clientId', m.responses_import_no_client_id({ id: input.clientId }));
		}
		const email = input.email?.trim().toLowerCase();
		if (email) {
			const owner = context.clientIdByEmail(email);
			if (owner === undefined) {
				problem('email', m.responses_import_no_client_email({ email: shortened(email) }));
			} else if (input.clientId !== undefined && owner !== input.clientId) {
				problem(
					'email',
					m.responses_import_email_of_other_client({ owner, client: input.clientId })
				);
			} else clientId = owner;
		}

		const language = readLanguage(input.language, definition);
		if ('message' in language) problem('language', language.message);

		const answers = checkAnswers(definition, questions, byId, input.answers);
		for (const { question, message } of answers.problems) problem('answers', message, question);
		if (answers.rows.length === 0 && answers.problems.length === 0)
			problem(null, m.responses_import_nothing_answered());

		if (clientId !== null && 'date' in submitted) {
			const moment = `${clientId}:${submitted.date.getTime()}`;
			const earlier = firstOfMoment.get(moment);
			if (earlier !== undefined) {
				const place = placeOf(earlier);
				problem(
					'submittedAt',
					'line' in place
						? m.responses_import_same_moment_line(place)
						: m.responses_import_same_moment_item(place)
				);
			} else if (context.isStored(clientId, submitted.date)) {
				problem(
					'submittedAt',
					m.responses_import_already_stored({ value: input.submittedAt.trim() })
				);
			}
			if (earlier === undefined) firstOfMoment.set(moment, index);
		}

		if (found.length) problems.push(...found);
		else if ('date' in submitted && 'language' in language) {
			responses.push({
				submittedAt: submitted.date,
				clientId,
				language: language.language,
				answers: answers.rows
			});
		}
	});
	return { responses, problems };
}

// ---------------------------------------------------------------------------------------------
// CSV files: one row per respondent

const fixedColumns = ['submittedAt', 'email', 'language'] as const;
type FixedColumn = (typeof fixedColumns)[number];
type ColumnRole = { kind: FixedColumn } | { kind: 'question'; question: Question };

const synonyms: Record<FixedColumn, string[]> = { submittedAt: ['date'], email: [], language: [] };

/** "Submitted at", "submitted_at" and "SubmittedAt" are the same column; so are "E-mail" and "email". */
const fixedColumnByKey = headerTable(fixedColumns, (column) => [column, ...synonyms[column]]);

/** The header row a file for this survey starts with, as the template offers it. */
export function responseCsvHeaders(definition: SurveyDefinition): string[] {
	return [
		'submittedAt',
		'email',
		'language',
		...questionsOf(definition).map((question) => question.id)
	];
}

/** The question ids, listed for messages that say which columns a file may have. */
function questionIds(definition: SurveyDefinition): string {
	return listed(
		questionsOf(definition).map((question) => question.id),
		'conjunction'
	);
}

/** Which column holds what, or the problems with the header row. */
function readHeader(
	table: CsvTable,
	definition: SurveyDefinition
): { roles: (ColumnRole | null)[]; issues: RowIssue[] } {
	const byId = new Map(questionsOf(definition).map((question) => [question.id, question]));
	const issue = (column: string, message: string): RowIssue => ({
		line: table.headerLine,
		column,
		message
	});
	const issues: RowIssue[] = [];
	const taken = new Map<string, number>();
	const roles = table.headers.map((header, index): ColumnRole | null => {
		if (header === '') {
			if (table.rows.some((row) => (row[index] ?? '').trim() !== '')) {
				issues.push(
					issue(columnName(table.headers, index), m.responses_import_column_without_header())
				);
			}
			return null;
		}
		const fixed = fixedColumnByKey.get(headerKey(header));
		const question = byId.get(header.toLowerCase());
		const role: ColumnRole | null = fixed
			? { kind: fixed }
			: question
				? { kind: 'question', question }
				: null;
		if (!role) {
			issues.push(
				issue(
					header,
					m.responses_import_unknown_column({
						column: shortened(header),
						ids: questionIds(definition)
					})
				)
			);
			return null;
		}
		const key = role.kind === 'question' ? `question:${role.question.id}` : role.kind;
		const earlier = taken.get(key);
		if (earlier !== undefined) {
			issues.push(
				issue(
					header,
					m.responses_import_same_columns({
						first: earlier + 1,
						firstHeader: table.headers[earlier]!,
						second: index + 1,
						secondHeader: header
					})
				)
			);
			return null;
		}
		taken.set(key, index);
		return role;
	});
	if (!taken.has('submittedAt'))
		issues.push(issue('submittedAt', m.responses_import_no_date_column()));
	if (![...taken.keys()].some((key) => key.startsWith('question:'))) {
		issues.push(issue('', m.responses_import_no_question_column({ ids: questionIds(definition) })));
	}
	return { roles, issues };
}

/**
 * Checks a CSV file of past responses for a survey: every problem with its line and column, and
 * the responses to store when there is none.
 */
export function checkResponseCsv(
	table: CsvTable,
	context: ResponseImportContext
): { responses: ImportedResponse[]; issues: RowIssue[] } {
	const header = readHeader(table, context.definition);
	if (header.issues.length) return { responses: [], issues: header.issues };
	const { roles } = header;
	const columnOf = new Map<string, number>();
	roles.forEach((role, index) => {
		if (role)
			columnOf.set(role.kind === 'question' ? `answers.${role.question.id}` : role.kind, index);
	});

	const structural: PlacedIssue[] = [];
	const inputs: RespondentInput[] = [];
	const lines: number[] = [];
	table.rows.forEach((cells, row) => {
		const line = table.lines[row]!;
		const extra = extraCellIssue(cells, table.headers, line);
		if (extra) {
			structural.push(extra);
			return;
		}
		const input: RespondentInput = { submittedAt: '', answers: {} };
		roles.forEach((role, index) => {
			const cell = cellText(cells, index);
			if (!role || cell === '') return;
			if (role.kind === 'question')
				input.answers[role.question.id] =
					role.question.type === 'multiple' ? listCell(cell) : [cell];
			else input[role.kind] = cell;
		});
		inputs.push(input);
		lines.push(line);
	});

	const checked = checkRespondents(inputs, context, (index) => ({ line: lines[index]! }));
	const placed: PlacedIssue[] = checked.problems.map((problem) => {
		const key = problem.field === 'answers' ? `answers.${problem.question}` : (problem.field ?? '');
		const position = columnOf.get(key);
		return {
			line: lines[problem.index]!,
			position: position ?? -1,
			column: position === undefined ? m.import_row_column() : columnName(table.headers, position),
			message: problem.message
		};
	});
	const issues = inReadingOrder([...structural, ...placed]);
	return { responses: issues.length ? [] : checked.responses, issues };
}

// ---------------------------------------------------------------------------------------------
// JSON (the API): a list of respondents

/** An answer as JSON carries it: a score, `"na"`, a text, option ids, or null for unanswered. */
export type JsonAnswer = number | string | string[] | null;
export type ResponseItem = {
	submittedAt: string;
	email?: string;
	clientId?: number;
	language?: string;
	answers: Record<string, JsonAnswer>;
};
export type ItemIssue = { path: (string | number)[]; message: string };

/** `responses[3].answers.punctuality`: the place a JSON path names, as a person reads it. */
export function pathText(path: readonly PropertyKey[]): string {
	return path.reduce<string>(
		(text, part) =>
			typeof part === 'number'
				? `${text}[${part}]`
				: text
					? `${text}.${String(part)}`
					: String(part),
		''
	);
}

function answerValues(answer: JsonAnswer): string[] {
	if (answer === null) return [];
	if (Array.isArray(answer)) return answer;
	return [String(answer)];
}

/**
 * Checks the respondents of an API call; each problem names its place, e.g.
 * `responses[3].answers.punctuality: "7" is not an answer to this question: …`.
 */
export function checkResponseItems(
	items: ResponseItem[],
	context: ResponseImportContext
): { responses: ImportedResponse[]; issues: ItemIssue[] } {
	const inputs = items.map((item): RespondentInput => ({
		...item,
		answers: Object.fromEntries(
			Object.entries(item.answers).map(([id, answer]) => [id, answerValues(answer)])
		)
	}));
	const checked = checkRespondents(inputs, context, (index) => ({
		path: pathText(['responses', index])
	}));
	const issues = checked.problems.map(({ index, field, question, message }) => {
		const path: (string | number)[] = [
			'responses',
			index,
			...(field === null ? [] : [field]),
			...(question === undefined ? [] : [question])
		];
		return { path, message: `${pathText(path)}: ${message}` };
	});
	return { responses: issues.length ? [] : checked.responses, issues };
}
