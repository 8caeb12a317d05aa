import { z } from 'zod';
import { lineText } from '../../../schemas/text';
import { MAX_IMPORTED_RESPONSES, pathText } from '../../../surveys/response-import';
import { keyedRecord } from '../../../schemas/records';
import { defineEndpoint } from '../endpoint';

/** A message that starts with the place it is about, e.g. `responses[3].submittedAt: …`. */
const at =
	(rule: string): z.core.$ZodErrorMap =>
	(issue) =>
		`${pathText(issue.path ?? [])}: ${rule}`;

const answerSchema = z
	.union([z.number(), z.string(), z.array(z.string()), z.null()], {
		error: at('give a score (e.g. 4), "na", a text, a list of option ids, or null for unanswered')
	})
	.describe(
		'1–5 for ratings (or "na" where the question allows not applicable), 0–10 for NPS, text, option ids for choice questions, null for unanswered'
	);

const fields = ['submittedAt', 'email', 'clientId', 'language', 'answers'];

export const importedResponseSchema = z.strictObject(
	{
		submittedAt: lineText({
			error: at('give the day of the answer as text, e.g. "2025-03-31" or "2025-03-31T14:05:00Z"')
		}).describe('ISO 8601 date or date-time, not in the future; UTC unless it names an offset'),
		email: lineText({ error: at('give the client’s email as text') })
			.optional()
			.describe(
				'An existing client’s email (any case); leave out with clientId for an anonymous answer'
			),
		clientId: z
			.int({ error: at('give a client id as a whole number') })
			.positive({ error: at('give a client id as a whole number') })
			.optional()
			.describe('An existing client’s id, instead of email'),
		language: lineText({ error: at('give a language code as text, e.g. "de"') })
			.optional()
			.describe('One of the survey’s languages; its default language when left out'),
		answers: keyedRecord(z.string(), answerSchema, {
			error: at('give the answers as an object keyed by question id'),
			unknownKey:
				'"__proto__" is not a question of this survey: give the answers keyed by question id'
		}).describe('By question id; questions left out are unanswered, also required ones')
	},
	{
		error: (issue) =>
			issue.code === 'unrecognized_keys'
				? `${pathText(issue.path ?? [])}: unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.join(', ')}; a response has ${fields.join(', ')}`
				: at('give each response as an object')(issue)
	}
);

const countRule = `send 1 to ${MAX_IMPORTED_RESPONSES.toLocaleString('en')} responses per call`;

export const importResponsesBodySchema = z.strictObject({
	version: z
		.int({ error: at('give a version number') })
		.positive({ error: at('give a version number') })
		.optional()
		.describe('The survey version the answers were given to; the current version when left out'),
	responses: z
		.array(importedResponseSchema, { error: at(countRule) })
		.min(1, { error: at(countRule) })
		.max(MAX_IMPORTED_RESPONSES, { error: at(countRule) })
});

export const importResponses = defineEndpoint({
	method: 'POST',
	path: '/api/v1/surveys/{id}/responses',
	summary:
		'Import past responses (e.g. from an earlier survey tool), all or nothing, into the current or a named version. Answers are checked like the respondent page’s, except that blanks are allowed. On 400 nothing is stored and `error.issues` names each problem’s place, e.g. `responses[3].answers.punctuality`.',
	tag: 'Surveys',
	role: 'manager',
	body: importResponsesBodySchema,
	successStatus: 201,
	errors: [404, 409],
	response: z.object({
		imported: z.number().int(),
		anonymous: z.number().int().describe('Of those, answers without a client'),
		version: z.number().int(),
		from: z.iso.datetime().describe('The earliest answer imported'),
		to: z.iso.datetime().describe('The latest answer imported')
	})
});
