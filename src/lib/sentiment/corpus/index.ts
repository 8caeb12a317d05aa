/**
 * The labelled evaluation corpus: 160 review-like texts per language, written for Satisfy by the
 * Satisfy team (original texts, licensed as the project), each with its overall label and the
 * tone it gives each factor it talks about. Factors are those of the airline and the ACSI-style
 * templates (`domain`). Texts alternate between the splits: `tuning` may guide word lists, rules
 * and thresholds; `held-out` is only ever measured (`npx tsx scripts/bench-sentiment-corpus.ts`).
 */
import { z } from 'zod';
import { SUPPORTED_LANGUAGES, type SupportedLanguage } from '../types';
import de from './de.json';
import en from './en.json';
import fi from './fi.json';
import nl from './nl.json';
import ro from './ro.json';

const label = z.enum(['positive', 'neutral', 'negative']);
const corpusTextSchema = z.object({
	text: z.string().min(1),
	domain: z.enum(['airline', 'acsi']),
	label,
	aspects: z.record(z.string(), label),
	split: z.enum(['tuning', 'held-out'])
});
const corpusFileSchema = z.object({
	language: z.enum(SUPPORTED_LANGUAGES),
	source: z.string(),
	texts: z.array(corpusTextSchema)
});

export type CorpusText = z.infer<typeof corpusTextSchema>;
export type CorpusDomain = CorpusText['domain'];
export type CorpusSplit = CorpusText['split'];

const files: Record<SupportedLanguage, unknown> = { en, de, nl, fi, ro };

/** Each language's texts, checked against the schema when first imported. */
export const CORPUS: Record<SupportedLanguage, CorpusText[]> = Object.fromEntries(
	SUPPORTED_LANGUAGES.map((language) => {
		const file = corpusFileSchema.parse(files[language]);
		if (file.language !== language)
			throw new Error(`corpus/${language}.json says it is in ${file.language}`);
		return [language, file.texts];
	})
) as Record<SupportedLanguage, CorpusText[]>;
