import { z } from 'zod';
import { lineText } from '../../../schemas/text';
import { clientFilterSchema } from '../../../schemas/client-filter';
import { clientInputSchema } from '../../../schemas/clients';
import { responseSources } from '../../db/schema';
import { defineEndpoint } from '../endpoint';
import { getCase } from './cases';
import { reviewJsonSchema } from './reviews';

const date = z.string().describe('YYYY-MM-DD').nullable();

export const clientSchema = z.object({
	id: z.number().int(),
	email: z.string(),
	name: z.string(),
	phone: z.string().nullable(),
	company: z.string().nullable(),
	language: z.string().describe('BCP 47 language tag'),
	tags: z.array(z.string()),
	attributes: z.record(z.string(), z.string()).describe('Custom fields by key'),
	accountManager: z.object({ name: z.string(), email: z.string() }).nullable(),
	clientSince: date,
	lastPurchaseOn: date,
	renewalOn: date,
	annualValue: z.number().nullable(),
	consent: z.object({ at: z.iso.datetime(), source: z.string().nullable() }).nullable(),
	unsubscribedAt: z.iso.datetime().nullable(),
	lastAnsweredAt: z.iso.datetime().nullable(),
	createdAt: z.iso.datetime(),
	updatedAt: z.iso.datetime()
});

export const listClientsQuerySchema = z.object({
	search: lineText().trim().max(200).optional(),
	segment: z.coerce.number().int().positive().optional(),
	limit: z.coerce.number().int().min(1).max(500).default(50),
	offset: z.coerce.number().int().min(0).default(0)
});

export const listClients = defineEndpoint({
	method: 'GET',
	path: '/api/v1/clients',
	summary:
		'Clients, newest first; `search` matches words of name, email or company, `segment` a saved segment id',
	tag: 'Clients',
	role: 'manager',
	query: listClientsQuerySchema,
	errors: [404],
	response: z.object({ items: z.array(clientSchema), total: z.number().int() })
});

export const createClient = defineEndpoint({
	method: 'POST',
	path: '/api/v1/clients',
	summary: 'Create one client',
	tag: 'Clients',
	role: 'manager',
	body: clientInputSchema,
	successStatus: 201,
	errors: [409],
	response: clientSchema
});

export const getClient = defineEndpoint({
	method: 'GET',
	path: '/api/v1/clients/{id}',
	summary: 'One client; each read is written to the audit log',
	tag: 'Clients',
	role: 'manager',
	errors: [404],
	response: clientSchema
});

export const updateClient = defineEndpoint({
	method: 'PATCH',
	path: '/api/v1/clients/{id}',
	summary: 'Change some fields of a client; fields left out stay as they are',
	tag: 'Clients',
	role: 'manager',
	body: clientInputSchema.partial(),
	errors: [404, 409],
	response: clientSchema
});

export const eraseClient = defineEndpoint({
	method: 'DELETE',
	path: '/api/v1/clients/{id}',
	summary:
		'Erase a client (right to erasure): every copy of their personal data is deleted; their survey answers are kept anonymised or deleted too, as the owner set in Settings → Privacy',
	tag: 'Clients',
	role: 'manager',
	errors: [404],
	response: z.object({ erased: z.literal(true) })
});

const datetime = z.iso.datetime();

const clientExportSchema = z.object({
	exportedAt: datetime,
	client: clientSchema,
	consent: z.object({
		consentedAt: datetime.nullable(),
		source: z.string().nullable(),
		unsubscribedAt: datetime.nullable(),
		changesByClient: z
			.array(z.object({ at: datetime, consent: z.boolean(), unsubscribed: z.boolean() }))
			.describe('Made by the client from their personal link')
	}),
	invitations: z.array(
		z.object({
			id: z.number().int(),
			survey: z.object({ id: z.number().int(), name: z.string() }),
			campaign: z.string().nullable(),
			channel: z.enum(['email', 'api', 'public']),
			createdAt: datetime,
			sendAt: datetime,
			expiresAt: datetime.nullable(),
			sentAt: datetime.nullable(),
			openedAt: datetime.nullable(),
			startedAt: datetime.nullable(),
			completedAt: datetime.nullable(),
			responseId: z.number().int().nullable(),
			unsentAnswers: z
				.object({
					savedAt: datetime,
					language: z.string(),
					answers: z.record(z.string(), z.union([z.string(), z.array(z.string())]))
				})
				.nullable()
				.describe('Answers saved while answering, not yet sent')
		})
	),
	emails: z.array(
		z.object({
			id: z.number().int(),
			kind: z.enum(['invitation', 'reminder', 'notification']),
			to: z.string(),
			subject: z.string().nullable(),
			text: z
				.string()
				.nullable()
				.describe('Kept only in outbox mode, with the personal link removed'),
			status: z.string(),
			attempts: z.number().int(),
			serverResponse: z.string().nullable(),
			createdAt: datetime,
			sentAt: datetime.nullable()
		})
	),
	responses: z.array(
		z.object({
			id: z.number().int(),
			survey: z.object({ id: z.number().int(), name: z.string() }),
			surveyVersion: z.number().int(),
			source: z.enum(responseSources),
			language: z.string(),
			submittedAt: datetime,
			answers: z.array(
				z.object({
					questionId: z.string(),
					question: z.string(),
					type: z.string(),
					score: z.number().int().nullable(),
					scale: z.string(),
					notApplicable: z.boolean(),
					text: z.string().nullable(),
					choices: z.array(z.string()).nullable(),
					sentiment: z.string().nullable()
				})
			)
		})
	),
	cases: z.array(getCase.response),
	reviews: z.array(reviewJsonSchema),
	audit: z.array(
		z.object({
			at: datetime,
			action: z.string(),
			by: z
				.string()
				.describe(
					'`Name <email>` of a staff user, `API key “name”`, or “the client themself / system”'
				),
			details: z.record(z.string(), z.unknown()).nullable()
		})
	)
});

export const exportClient = defineEndpoint({
	method: 'GET',
	path: '/api/v1/clients/{id}/export',
	summary:
		'Everything held about one client (right of access): record, consent, invitations, emails, responses with answers and scores, follow-up cases with their history, linked reviews and the audit entries about them',
	tag: 'Clients',
	role: 'manager',
	errors: [404],
	response: clientExportSchema
});

export const bulkClientsBodySchema = z.object({
	clients: z.array(z.unknown()).min(1).max(100_000),
	onExisting: z.enum(['skip', 'update'])
});

export const bulkClients = defineEndpoint({
	method: 'POST',
	path: '/api/v1/clients/bulk',
	summary:
		'Create or update many clients, all or nothing. JSON `{ clients, onExisting }`, or a CSV file as `text/csv` with `?onExisting=skip|update` (columns named like the JSON fields or the import screen’s headers). On 400, `error.issues` lists `{ row, column, message }` and nothing is stored; `row` is the index in `clients`, or the CSV line.',
	tag: 'Clients',
	role: 'manager',
	body: bulkClientsBodySchema,
	acceptsCsv: true,
	response: z.object({
		created: z.number().int(),
		updated: z.number().int(),
		skipped: z.number().int()
	})
});

export const listSegments = defineEndpoint({
	method: 'GET',
	path: '/api/v1/segments',
	summary: 'Saved client segments with their current size',
	tag: 'Clients',
	role: 'manager',
	response: z.object({
		items: z.array(
			z.object({
				id: z.number().int(),
				name: z.string(),
				clients: z.number().int(),
				filter: clientFilterSchema
			})
		)
	})
});
