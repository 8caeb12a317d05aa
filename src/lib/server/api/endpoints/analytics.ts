import { z } from 'zod';
import { analyticsQuerySchema } from '../../../schemas/analytics';
import { defineEndpoint } from '../endpoint';

// Scores are on 0–100 and unrounded; null where a number does not exist (no answers, no spread).
const score = z.number().nullable();

const estimate = z.object({
	value: score,
	ciLow: score,
	ciHigh: score,
	ciClipped: z
		.boolean()
		.describe('The t-interval reached past 0 or 100 and was clipped to the scale (docs/csi.md)'),
	n: z.number().int(),
	sd: score,
	lowN: z.boolean()
});

const change = z
	.object({
		delta: score,
		p: score,
		pAdjusted: score,
		significant: z.boolean(),
		test: z.enum(['welch', 'z', 'fisher'])
	})
	.nullable();

const factor = z.object({
	key: z.string(),
	name: z.string(),
	weight: z.number(),
	score,
	top2box: score,
	n: z.number().int(),
	ciLow: score,
	ciHigh: score,
	ciClipped: z.boolean(),
	sd: score,
	lowN: z.boolean(),
	distribution: z.array(z.number().int()).length(5),
	derivedImportance: score,
	relativeWeight: score,
	relativeWeightShare: score,
	importanceGap: score,
	contribution: score
});

export const csiResponseSchema = z.object({
	model: z.object({
		id: z.number().int(),
		name: z.string(),
		version: z.number().int(),
		chosenBy: z
			.enum(['surveys', 'request', 'latest-responses', 'oldest-model'])
			.describe(
				'Why this model: the chosen surveys measure it, modelId asked for it, or (by default) its surveys have the newest responses'
			),
		reason: z.string()
	}),
	models: z
		.array(
			z.object({
				id: z.number().int(),
				name: z.string(),
				latestResponseAt: z.iso.date().nullable()
			})
		)
		.describe('Every model a survey measures, newest responses first; pass modelId to see another'),
	surveyIds: z.array(z.number().int()),
	csi: estimate.extend({ excluded: z.number().int() }),
	weightedFactorMean: score,
	valueWeighted: estimate.extend({ effectiveN: z.number() }).nullable(),
	overall: estimate.nullable(),
	nps: z
		.object({
			n: z.number().int(),
			value: score,
			promoters: z.number().int(),
			passives: z.number().int(),
			detractors: z.number().int(),
			ciLow: score,
			ciHigh: score,
			ciClipped: z.boolean()
		})
		.nullable(),
	rSquared: score,
	factors: z.array(factor),
	groups: z.array(
		z.object({
			key: z.string(),
			label: z.string(),
			complete: z
				.boolean()
				.describe(
					'Periods: false for the running period or one the range cuts, which is never tested'
				),
			csi: estimate,
			factors: z.array(factor),
			change,
			factorChanges: z.record(z.string(), z.object({ score: change, top2box: change }))
		})
	),
	headline: z
		.object({
			key: z.string(),
			previousKey: z.string().nullable(),
			csi: estimate,
			change
		})
		.nullable()
		.describe(
			'Periods only: the latest complete period with answers, against the period before it'
		),
	partial: z
		.object({
			key: z.string(),
			running: z.boolean(),
			days: z.number().int(),
			daysCovered: z.number().int()
		})
		.nullable()
		.describe(
			'Periods only: the last period when it is still running or cut by the range ("so far")'
		),
	controlChart: z
		.object({
			centre: z.number(),
			lower: z.number(),
			upper: z.number(),
			outside: z.boolean(),
			period: z.string()
		})
		.nullable()
});

export const csiAnalytics = defineEndpoint({
	method: 'GET',
	path: '/api/v1/analytics/csi',
	summary:
		'Every number the dashboard shows, with its filters: surveyId (comma-separated), modelId (when no survey is chosen; by default the model with the newest responses), modelVersion, from, to (YYYY-MM-DD), segment, tag, manager, language, correction (holm|bh), and groupBy week|month|quarter (each period against the one before) or segment|tag|manager|language (each group against everyone else)',
	tag: 'Analytics',
	role: 'viewer',
	query: analyticsQuerySchema,
	errors: [404],
	response: csiResponseSchema
});
