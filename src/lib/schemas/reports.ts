import { z } from 'zod';
import { analyticsQueryFromSearchParams } from './analytics';
import { lineText } from './text';

export const reportFrequencies = ['weekly', 'monthly'] as const;
export type ReportFrequency = (typeof reportFrequencies)[number];

/** The period a report speaks of: the last complete week or month. */
export const reportGranularity = { weekly: 'week', monthly: 'month' } as const;

/** A dashboard view's query string, kept as the user saw it: only filters the dashboard understands. */
const viewQuery = z
	.string()
	.max(2000, { error: 'This view has too many filters to send by email' })
	.transform((view) => view.replace(/^\?/, ''))
	.refine((view) => analyticsQueryFromSearchParams(new URLSearchParams(view)).success, {
		error: 'The view’s filters are not valid; reload the dashboard and try again'
	});

export const reportSubscriptionSchema = z.object({
	frequency: z.enum(reportFrequencies, { error: 'Choose weekly or monthly' }),
	view: viewQuery,
	name: lineText().trim().max(100, { error: 'Keep the name under 100 characters' }).default('')
});

export type ReportSubscriptionInput = z.output<typeof reportSubscriptionSchema>;
