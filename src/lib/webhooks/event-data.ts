import { z } from 'zod';
import { caseStatuses, caseTriggers } from '../followups/case-model';
import { triggerItemSchema } from '../schemas/followups';
import type { WebhookEvent } from './events';

/*
 * What each event's `data` holds. The server's payload builders return these types and the
 * OpenAPI document's `webhooks` section is generated from these schemas, so the two cannot drift.
 * Clients appear by id only: a receiver that needs more asks the API.
 */

const id = z.number().int();
const moment = z.iso.datetime();
const staffMember = z.object({ name: z.string(), email: z.string() });

export const responseCompletedDataSchema = z.object({
	responseId: id,
	surveyId: id.nullable(),
	surveyVersion: id.nullable(),
	clientId: id.nullable().describe('null for answers through a public link'),
	submittedAt: moment,
	language: z.string(),
	answers: z.array(
		z.object({
			questionId: z.string(),
			score: z.number().nullable(),
			notApplicable: z.boolean(),
			text: z.string().nullable(),
			choices: z.array(z.string()).nullable()
		})
	)
});

export const caseEventDataSchema = z.object({
	caseId: id,
	url: z.url().describe('The case page for staff'),
	status: z.enum(caseStatuses),
	clientId: id.nullable().describe('null for anonymous answers and unlinked reviews'),
	responseId: id.nullable(),
	reviewId: id.nullable(),
	triggers: z.array(z.enum(caseTriggers)),
	items: z.array(triggerItemSchema).describe('The answers or review that opened the case'),
	assignee: staffMember.nullable(),
	dueAt: moment,
	createdAt: moment,
	resolvedAt: moment.nullable(),
	resolutionNote: z.string().nullable()
});

export const overdueDigestDataSchema = z.object({
	total: id.describe('Every overdue case, listed or not'),
	url: z.url().describe('The staff page listing every overdue case'),
	cases: z
		.array(
			z.object({
				caseId: id,
				url: z.url(),
				clientId: id.nullable(),
				assignee: staffMember.nullable(),
				dueAt: moment
			})
		)
		.describe('Overdue cases, the longest overdue first; at most 50')
});

export const reviewImportedDataSchema = z.object({
	reviewId: id,
	source: z.string(),
	externalId: z.string(),
	author: z.string().nullable(),
	stars: z.number().nullable(),
	title: z.string().nullable(),
	text: z.string(),
	reviewedAt: moment,
	language: z.string().nullable(),
	clientId: id.nullable(),
	sentiment: z.string().nullable().describe('positive, neutral or negative; null when not scored')
});

export const webhookEventDataSchemas = {
	'response.completed': responseCompletedDataSchema,
	'followup.created': caseEventDataSchema,
	'followup.resolved': caseEventDataSchema,
	'followup.digest': overdueDigestDataSchema,
	'review.imported': reviewImportedDataSchema
} satisfies Record<WebhookEvent, z.ZodType>;

export type WebhookEventData<E extends WebhookEvent> = z.output<
	(typeof webhookEventDataSchemas)[E]
>;
export type CaseEventData = z.output<typeof caseEventDataSchema>;
export type OverdueDigestData = z.output<typeof overdueDigestDataSchema>;

/** The body a `satisfy` webhook receives: `id` stays the same across retries and resends. */
export const webhookPayloadSchema = <E extends WebhookEvent>(event: E) =>
	z.object({
		id: z.uuid().describe('The event’s id, also in X-Satisfy-Delivery: skip one already handled'),
		event: z.literal(event),
		createdAt: moment,
		data: webhookEventDataSchemas[event]
	});
