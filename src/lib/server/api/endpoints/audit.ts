import { z } from 'zod';
import { auditFilterSchema } from '../../../schemas/audit-filter';
import { defineEndpoint } from '../endpoint';

export const listAudit = defineEndpoint({
	method: 'GET',
	path: '/api/v1/audit',
	summary:
		'The audit log, newest first: who (a staff user, an API key, or null for a client themself or Satisfy) did what to which record, and when. Filters combine; pass `nextCursor` back as `cursor` for the next page.',
	tag: 'Audit log',
	role: 'owner',
	query: auditFilterSchema,
	response: z.object({
		items: z.array(
			z.object({
				id: z.number().int(),
				at: z.iso.datetime(),
				actor: z
					.discriminatedUnion('kind', [
						z.object({
							kind: z.literal('user'),
							id: z.string(),
							name: z.string(),
							email: z.string()
						}),
						z.object({ kind: z.literal('key'), id: z.string(), name: z.string() })
					])
					.nullable(),
				action: z.string(),
				subject: z.string().describe('The record, e.g. `client:42`'),
				details: z.unknown().nullable()
			})
		),
		nextCursor: z.number().int().nullable().describe('null on the last page')
	})
});
