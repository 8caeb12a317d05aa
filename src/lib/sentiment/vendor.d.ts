// The @nlpjs language packages ship without types; these are the parts we use.
type NlpStemmer = { stemWord(word: string): string; cache: Record<string, string> };
type NlpStemmerClass = new () => NlpStemmer;
type NlpNegations = { words: string[] };

declare module '@nlpjs/lang-de' {
	export const StemmerDe: NlpStemmerClass;
	export const SentimentDe: { senticon: Record<string, number>; negations: NlpNegations };
}
declare module '@nlpjs/lang-nl' {
	export const StemmerNl: NlpStemmerClass;
	export const SentimentNl: { pattern: Record<string, number>; negations: NlpNegations };
}
declare module '@nlpjs/lang-fi' {
	export const StemmerFi: NlpStemmerClass;
	export const SentimentFi: { afinn: Record<string, number>; negations: NlpNegations };
}
declare module '@nlpjs/lang-ro' {
	export const StemmerRo: NlpStemmerClass;
	export const SentimentRo: { afinn: Record<string, number>; negations: NlpNegations };
}

// AFINN-165 as shipped by `sentiment` (its English language module).
declare module 'sentiment/languages/en/index.js' {
	const english: { labels: Record<string, number> };
	export default english;
}
