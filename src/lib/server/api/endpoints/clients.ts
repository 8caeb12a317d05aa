import { z } from 'zod';
import { lineText } from '../../../schemas/text';
import { clientFilterSchema } from '../../../schemas/client-filter';
import { clientInputSchema } from '../../../schemas/clients';
import { defineEndpoint } from '../endpoint';

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
	summary: 'Clients, newest first; `search` matches words of name, email or company, `segment` a saved segment id',
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
	summary: 'Erase a client: personal data deleted, survey answers kept only anonymised (right to erasure)',
	tag: 'Clients',
	role: 'manager',
	errors: [404],
	response: z.object({ erased: z.literal(true) })
});

export const exportClient = defineEndpoint({
	method: 'GET',
	path: '/api/v1/clients/{id}/export',
	summary: 'Everything held about one client (right of access)',
	tag: 'Clients',
	role: 'manager',
	errors: [404],
	response: z.object({ exportedAt: z.iso.datetime(), client: clientSchema })
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
	response: z.object({ created: z.number().int(), updated: z.number().int(), skipped: z.number().int() })
});

export const listSegments = defineEndpoint({
	method: 'GET',
	path: '/api/v1/segments',
	summary: 'Saved client segments with their current size',
	tag: 'Clients',
	role: 'manager',
	response: z.object({
		items: z.array(z.object({ id: z.number().int(), name: z.string(), clients: z.number().int(), filter: clientFilterSchema }))
	})
});
