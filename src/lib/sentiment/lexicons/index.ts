import type { LanguageModel } from '../lexicon';
import type { SupportedLanguage } from '../types';
import { de } from './de';
import { en } from './en';
import { fi } from './fi';
import { nl } from './nl';
import { ro } from './ro';

export const LANGUAGE_MODELS: Record<SupportedLanguage, LanguageModel> = { en, de, nl, fi, ro };

export function languageModel(language: string | null): LanguageModel | undefined {
	return language !== null && Object.hasOwn(LANGUAGE_MODELS, language)
		? LANGUAGE_MODELS[language as SupportedLanguage]
		: undefined;
}
