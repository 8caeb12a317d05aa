import { z } from 'zod';
import { isoDay, rangeInOrder, rangeProblem } from './analytics';
import { lineText } from './text';
import * as m from '../paraglide/messages';

export const AUDIT_PAGE_SIZE = 50;
export const MAX_AUDIT_PAGE_SIZE = 500;

/**
 * Which audit entries to show, as the Settings page, its CSV and `GET /api/v1/audit` read them
 * from the query string. Days are UTC and `to` is inclusive. `cursor` is the `nextCursor` of the
 * page before: paging walks the id index, so the 1,000th page is as fast as the first.
 */
export const auditFilterSchema = z
	.object({
		actor: lineText()
			.trim()
			.regex(/^(?:(?:user|key):[\w-]{1,64}|none)$/, { error: () => m.schema_audit_actor() })
			.optional()
			.describe(
				'`user:<id>` (a staff user), `key:<id>` (an API key), or `none` (a client themself, or Satisfy)'
			),
		action: lineText()
			.trim()
			.regex(/^[a-z][a-z0-9.-]{0,63}$/, { error: () => m.schema_audit_action() })
			.optional()
			.describe('e.g. `client.view`, `client.export`, `client.erase`'),
		subject: lineText()
			.trim()
			.regex(/^[a-z-]{1,32}:\S{1,200}$/, { error: () => m.schema_audit_subject() })
			.optional()
			.describe('The record acted on, e.g. `client:42`'),
		from: isoDay.optional().describe('First day (UTC), YYYY-MM-DD'),
		to: isoDay.optional().describe('Last day (UTC), YYYY-MM-DD, included'),
		cursor: z.coerce
			.number({ error: () => m.schema_audit_cursor() })
			.int()
			.positive({ error: () => m.schema_audit_cursor() })
			.optional(),
		limit: z.coerce
			.number()
			.int()
			.min(1)
			.max(MAX_AUDIT_PAGE_SIZE, {
				error: () => m.schema_audit_limit({ max: MAX_AUDIT_PAGE_SIZE })
			})
			.default(AUDIT_PAGE_SIZE)
	})
	.refine(rangeInOrder, rangeProblem);

export type AuditFilter = z.output<typeof auditFilterSchema>;

/** A GET form's query string: fields left empty count as absent. */
export function auditFilterFromSearchParams(params: URLSearchParams) {
	return auditFilterSchema.safeParse(
		Object.fromEntries([...params].filter(([, value]) => value.trim() !== ''))
	);
}
