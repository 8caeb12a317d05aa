// stopwords-iso 1.1 (MIT): stop words for 58 languages, used to leave function words out of
// top terms and as language evidence in detect-language.ts.
import stopwordsIso from 'stopwords-iso';

export const STOPWORDS: Record<string, string[]> = stopwordsIso;
