import { z } from 'zod';
import { lineText } from '../../../schemas/text';
import { MAX_IMPORTED_RESPONSES, pathText } from '../../../surveys/response-import';
import { keyedRecord } from '../../../schemas/records';
import { defineEndpoint } from '../endpoint';
import * as m from '../../../paraglide/messages';

/** A message that starts with the place it is about, e.g. `responses[3].submittedAt: …`. */
const at =
	(rule: () => string): z.core.$ZodErrorMap =>
	(issue) =>
		`${pathText(issue.path ?? [])}: ${rule()}`;

const answerSchema = z
	.union([z.number(), z.string(), z.array(z.string()), z.null()], {
		error: at(m.api_responses_answer_rule)
	})
	.describe(
		'1–5 for ratings (or "na" where the question allows not applicable), 0–10 for NPS, text, option ids for choice questions, null for unanswered'
	);

const fields = ['submittedAt', 'email', 'clientId', 'language', 'answers'];

export const importedResponseSchema = z.strictObject(
	{
		submittedAt: lineText({
			error: at(m.api_responses_submitted_at_rule)
		}).describe('ISO 8601 date or date-time, not in the future; UTC unless it names an offset'),
		email: lineText({ error: at(m.api_responses_email_rule) })
			.optional()
			.describe(
				'An existing client’s email (any case); leave out with clientId for an anonymous answer'
			),
		clientId: z
			.int({ error: at(m.api_responses_client_id_rule) })
			.positive({ error: at(m.api_responses_client_id_rule) })
			.optional()
			.describe('An existing client’s id, instead of email'),
		language: lineText({ error: at(m.api_responses_language_rule) })
			.optional()
			.describe('One of the survey’s languages; its default language when left out'),
		answers: keyedRecord(z.string(), answerSchema, {
			error: at(m.api_responses_answers_rule),
			unknownKey: m.api_responses_proto_key
		}).describe('By question id; questions left out are unanswered, also required ones')
	},
	{
		error: (issue) =>
			issue.code === 'unrecognized_keys'
				? at(() =>
						m.api_responses_unknown_fields({
							count: issue.keys.length,
							keys: issue.keys.join(', '),
							fields: fields.join(', ')
						})
					)(issue)
				: at(m.api_responses_object_rule)(issue)
	}
);

const countRule = () => m.api_responses_count_rule({ max: MAX_IMPORTED_RESPONSES });

export const importResponsesBodySchema = z.strictObject({
	version: z
		.int({ error: at(m.api_responses_version_rule) })
		.positive({ error: at(m.api_responses_version_rule) })
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
