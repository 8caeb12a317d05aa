import { z } from 'zod';
import { analyticsQueryFromSearchParams } from './analytics';
import { lineText } from './text';
import * as m from '../paraglide/messages';

export const reportFrequencies = ['weekly', 'monthly'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];

/** The period a report speaks of: the last complete week or month. */
export const reportGranularity = { weekly: 'week', monthly: 'month' } as const;

/** A dashboard view's query string, kept as the user saw it: only filters the dashboard understands. */
const viewQuery = z
	.string()
	.max(2000, { error: () => m.schema_reports_view_too_long() })
	.transform((view) => view.replace(/^\?/, ''))
	.refine((view) => analyticsQueryFromSearchParams(new URLSearchParams(view)).success, {
		error: () => m.schema_reports_view_invalid()
	});

export const reportSubscriptionSchema = z.object({
	frequency: z.enum(reportFrequencies, { error: () => m.schema_reports_choose_frequency() }),
	view: viewQuery,
	name: lineText()
		.trim()
		.max(100, { error: () => m.schema_reports_name_too_long() })
		.default('')
});

export type ReportSubscriptionInput = z.output<typeof reportSubscriptionSchema>;
