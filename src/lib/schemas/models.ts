import { z } from 'zod';
import { lineText, multilineText } from './text';

export const factorKeySchema = lineText()
	.trim()
	.regex(/^[a-z][a-z0-9_]{0,39}$/, {
		error: 'Use lower-case letters, digits and _ (start with a letter), e.g. punctuality'
	});

const weightSchema = z.coerce
	.number({ error: 'Enter a number' })
	.positive({ error: 'A weight is a number above 0' })
	.max(1_000_000, { error: 'Use a smaller number' });

const keywordsSchema = z.array(lineText().trim().min(1).max(50)).max(50).default([]);

export const factorInputSchema = z.object({
	key: factorKeySchema,
	name: lineText().trim().min(1, { error: 'Name the factor' }).max(100),
	description: multilineText().trim().max(500).optional(),
	weight: weightSchema,
	keywords: keywordsSchema
});

const uniqueKeys = (factors: { key: string }[], ctx: z.RefinementCtx) => {
	const seen = new Map<string, number>();
	factors.forEach((factor, index) => {
		const first = seen.get(factor.key);
		if (first !== undefined)
			ctx.addIssue({
				code: 'custom',
				path: [index, 'key'],
				message: `The key "${factor.key}" is used twice (factors ${first + 1} and ${index + 1})`
			});
		else seen.set(factor.key, index);
	});
};

/** A new CSI model: its factors and their first weights (version 1). */
export const modelInputSchema = z.object({
	name: lineText().trim().min(1, { error: 'Name the model, e.g. Airline service' }).max(100),
	description: multilineText().trim().max(500).optional(),
	factors: z
		.array(factorInputSchema)
		.min(1, { error: 'A model needs at least one factor' })
		.max(30)
		.superRefine(uniqueKeys)
});

/**
 * New weights for a model: a new version. Factors left out are no longer part of the model from
 * this version on (they stay in older versions); new keys add factors and need a name.
 */
export const modelVersionInputSchema = z.object({
	note: multilineText().trim().max(500).optional(),
	factors: z
		.array(factorInputSchema.extend({ name: factorInputSchema.shape.name.optional() }))
		.min(1, { error: 'A model needs at least one factor' })
		.max(30)
		.superRefine(uniqueKeys)
});

export const factorWordingSchema = z.object({
	name: factorInputSchema.shape.name,
	description: multilineText().trim().max(500).optional(),
	keywords: keywordsSchema
});

export type ModelInput = z.output<typeof modelInputSchema>;
export type ModelVersionInput = z.output<typeof modelVersionInputSchema>;
