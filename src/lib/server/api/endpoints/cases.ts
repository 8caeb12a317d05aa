import { z } from 'zod';
import { lineText, multilineText } from '../../../schemas/text';
import { caseStatuses, caseTriggers } from '../../../followups/case-model';
import { MAX_CASE_NOTE, triggerItemSchema } from '../../../schemas/followups';
import { defineEndpoint } from '../endpoint';
import * as m from '../../../paraglide/messages';

const person = z.object({ id: z.string(), name: z.string(), email: z.string() });

export const caseJsonSchema = z.object({
	id: z.number().int(),
	url: z.url().describe('The case page for staff'),
	status: z.enum(caseStatuses),
	client: z
		.object({ id: z.number().int(), name: z.string(), email: z.string() })
		.nullable()
		.describe('null for anonymous answers and unlinked reviews'),
	responseId: z.number().int().nullable(),
	reviewId: z.number().int().nullable(),
	triggers: z.array(z.enum(caseTriggers)),
	items: z.array(triggerItemSchema).describe('The answers or review that opened the case'),
	assignee: person.nullable(),
	dueAt: z.iso.datetime(),
	overdue: z.boolean(),
	firstActionAt: z.iso.datetime().nullable(),
	resolvedAt: z.iso.datetime().nullable().describe('When it was resolved or closed as won’t fix'),
	resolutionNote: z.string().nullable(),
	createdAt: z.iso.datetime(),
	updatedAt: z.iso.datetime()
});

const flag = z
	.enum(['true', 'false'], { error: () => m.api_cases_flag() })
	.optional()
	.transform((value) => value === 'true');

export const listCasesQuerySchema = z.object({
	status: z
		.enum(['active', ...caseStatuses, 'any'])
		.default('active')
		.describe('`active` (the default) is open or in progress'),
	assignee: lineText()
		.trim()
		.min(1)
		.max(254)
		.optional()
		.describe('An assignee’s email, or `none` for unassigned cases'),
	trigger: z.enum(caseTriggers).optional(),
	overdue: flag.describe('`true`: only open or in-progress cases past their due date'),
	clientId: z.coerce.number().int().positive().optional(),
	search: lineText()
		.trim()
		.min(1)
		.max(200)
		.optional()
		.describe('Words of the client’s name, email or company'),
	limit: z.coerce.number().int().min(1).max(500).default(50),
	offset: z.coerce.number().int().min(0).default(0)
});

export const listCases = defineEndpoint({
	method: 'GET',
	path: '/api/v1/cases',
	summary: 'Follow-up cases, earliest due first; by default those still open or in progress',
	tag: 'Follow-up cases',
	role: 'manager',
	query: listCasesQuerySchema,
	response: z.object({ items: z.array(caseJsonSchema), total: z.number().int() })
});

export const getCase = defineEndpoint({
	method: 'GET',
	path: '/api/v1/cases/{id}',
	summary: 'One follow-up case with its full history, oldest first',
	tag: 'Follow-up cases',
	role: 'manager',
	errors: [404],
	response: caseJsonSchema.extend({
		history: z.array(
			z.object({
				kind: z.enum(['created', 'assigned', 'status', 'comment', 'due', 'notified']),
				actor: z
					.string()
					.nullable()
					.describe('The staff user; null for Satisfy itself and API keys (named in the detail)'),
				detail: z.string(),
				at: z.iso.datetime()
			})
		)
	})
});

const note = multilineText()
	.trim()
	.max(MAX_CASE_NOTE, { error: () => m.api_cases_note_too_long({ max: MAX_CASE_NOTE }) });

export const updateCaseBodySchema = z
	.strictObject(
		{
			status: z
				.enum(caseStatuses, {
					error: () => m.api_cases_status_rule({ statuses: caseStatuses.join(', ') })
				})
				.optional(),
			note: note
				.optional()
				.describe('Required with `resolved` and `wont_fix`: what was done, or why not'),
			assignee: z
				.email({ error: () => m.api_cases_assignee_rule() })
				.nullable()
				.optional(),
			dueAt: z.iso.datetime({ offset: true, error: () => m.api_cases_due_at_rule() }).optional(),
			comment: note.min(1, { error: () => m.api_cases_comment_empty() }).optional()
		},
		{
			error: (issue) =>
				issue.code === 'unrecognized_keys'
					? m.api_cases_unknown_fields({ keys: issue.keys.join(', ') })
					: undefined
		}
	)
	.refine((body) => Object.values(body).some((value) => value !== undefined), {
		error: () => m.api_cases_empty_change()
	});

export const updateCase = defineEndpoint({
	method: 'PATCH',
	path: '/api/v1/cases/{id}',
	summary:
		'Work on a case: change its status (open → in_progress → resolved or wont_fix, with a `note`; a closed case can be reopened), reassign it, move its due date, or comment. Every change is kept in the case’s history, naming the API key.',
	tag: 'Follow-up cases',
	role: 'manager',
	body: updateCaseBodySchema,
	errors: [404, 409],
	response: getCase.response
});
