import { real, text } from 'drizzle-orm/sqlite-core';

export const sentimentLabels = ['positive', 'neutral', 'negative'] as const;

type StoredTone = {
	score: number;
	comparative: number;
	label: (typeof sentimentLabels)[number];
	sentences: number;
};

export type SentimentDetail = {
	words: { word: string; score: number }[];
	aspects: ({ factor: string } & StoredTone)[];
	/** The topics (by id) the text mentions; absent in texts scored before topics existed. */
	topics?: ({ topic: string } & StoredTone)[];
};

/**
 * The tone of a text, stored with it. A null label with a version means "not scored" (no word
 * list for its language); a null version means not looked at yet.
 */
export const sentimentColumns = () => ({
	sentimentLanguage: text('sentiment_language'),
	sentimentLabel: text('sentiment_label', { enum: sentimentLabels }),
	sentimentScore: real('sentiment_score'),
	sentimentComparative: real('sentiment_comparative'),
	sentimentDetail: text('sentiment_detail', { mode: 'json' }).$type<SentimentDetail>(),
	/** `SENTIMENT_VERSION` of the scorer that produced it: an older one is re-scored in the background. */
	sentimentVersion: text('sentiment_version')
});
