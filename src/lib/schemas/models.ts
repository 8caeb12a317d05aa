import { z } from 'zod';
import {
	SUPPORTED_LANGUAGES,
	type KeywordsByLanguage,
	type SupportedLanguage
} from '../sentiment/types';
import { lineText, multilineText } from './text';
import * as m from '../paraglide/messages';

export const factorKeySchema = lineText()
	.trim()
	.regex(/^[a-z][a-z0-9_]{0,39}$/, {
		error: () => m.validation_key_format({ example: 'punctuality' })
	});

const weightSchema = z.coerce
	.number({ error: () => m.validation_enter_number() })
	.positive({ error: () => m.schema_models_weight_positive() })
	.max(1_000_000, { error: () => m.schema_models_weight_too_big() });

/** A comma-separated field as a list of keywords. */
export const keywordList = (field: string) =>
	field
		.split(',')
		.map((word) => word.trim())
		.filter(Boolean);

/** Each word once, as first written: "Keks" and "keks" are one keyword. */
export function distinctWords(words: string[]): string[] {
	const seen = new Set<string>();
	return words.filter((word) => {
		const folded = word.toLocaleLowerCase();
		if (seen.has(folded)) return false;
		seen.add(folded);
		return true;
	});
}

export const keywordListSchema = z
	.array(
		lineText()
			.trim()
			.min(1, { error: () => m.schema_models_keyword_empty() })
			.max(50)
	)
	.max(50, { error: () => m.schema_models_keywords_too_many() });

/**
 * A factor's keywords: lists per language, with `any` for words that hold in every language —
 * `{ "any": ["delay"], "de": ["Verspätung", "pünktlich"] }` — or one list, which is `any`.
 */
const keywordsSchema = z
	.preprocess(
		(value) => (Array.isArray(value) ? { any: value } : value),
		z.strictObject(
			{
				any: keywordListSchema.default([]),
				...(Object.fromEntries(
					SUPPORTED_LANGUAGES.map((language) => [language, keywordListSchema.optional()])
				) as Record<SupportedLanguage, z.ZodOptional<typeof keywordListSchema>>)
			},
			{
				error: () =>
					m.schema_models_keywords_shape({
						languages: SUPPORTED_LANGUAGES.join(', '),
						example: '{ "any": ["delay"], "de": ["Verspätung"] }'
					})
			}
		)
	)
	.default({ any: [] });

export type KeywordSet = z.output<typeof keywordsSchema>;

/** Keywords as stored: the words of any language, and each language's own (empty lists left out). */
export function storedKeywords(input: KeywordInput): {
	keywords: string[];
	keywordsByLanguage: KeywordsByLanguage;
} {
	if (Array.isArray(input)) return { keywords: input, keywordsByLanguage: {} };
	const { any, ...byLanguage } = input;
	return {
		keywords: any,
		keywordsByLanguage: Object.fromEntries(
			Object.entries(byLanguage).filter(([, words]) => words && words.length > 0)
		)
	};
}

export const factorInputSchema = z.object({
	key: factorKeySchema,
	name: lineText()
		.trim()
		.min(1, { error: () => m.schema_models_name_factor() })
		.max(100),
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
				message: m.schema_models_key_twice({ key: factor.key, first: first + 1, second: index + 1 })
			});
		else seen.set(factor.key, index);
	});
};

/** A new CSI model: its factors and their first weights (version 1). */
export const modelInputSchema = z.object({
	name: lineText()
		.trim()
		.min(1, { error: () => m.schema_models_name_model() })
		.max(100),
	description: multilineText().trim().max(500).optional(),
	factors: z
		.array(factorInputSchema)
		.min(1, { error: () => m.schema_models_need_factor() })
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
		.min(1, { error: () => m.schema_models_need_factor() })
		.max(30)
		.superRefine(uniqueKeys)
});

export const factorWordingSchema = z.object({
	name: factorInputSchema.shape.name,
	description: multilineText().trim().max(500).optional(),
	keywords: keywordsSchema
});

/** Keywords as the services take them: parsed, or one list for every language as seeds write it. */
export type KeywordInput = KeywordSet | string[];
type WithKeywordInput<T extends { keywords: KeywordSet }> = Omit<T, 'keywords'> & {
	keywords: KeywordInput;
};
type Output<Schema extends z.ZodType> = z.output<Schema>;
export type ModelInput = Omit<Output<typeof modelInputSchema>, 'factors'> & {
	factors: WithKeywordInput<Output<typeof modelInputSchema>['factors'][number]>[];
};
export type ModelVersionInput = Omit<Output<typeof modelVersionInputSchema>, 'factors'> & {
	factors: WithKeywordInput<Output<typeof modelVersionInputSchema>['factors'][number]>[];
};
export type FactorWording = WithKeywordInput<Output<typeof factorWordingSchema>>;
