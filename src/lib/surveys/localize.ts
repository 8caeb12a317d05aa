import type { LocalizedText } from '../schemas/survey';

/** The text a respondent reads: their language, else its base language (de-AT → de), else the default. */
export function localize(
	text: LocalizedText | undefined,
	language: string,
	defaultLanguage: string
): string {
	if (!text) return '';
	const baseLanguage = language.split('-')[0] ?? language;
	return text[language] || text[baseLanguage] || text[defaultLanguage] || '';
}
