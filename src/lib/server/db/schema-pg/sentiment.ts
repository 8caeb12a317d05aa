import { doublePrecision, json, text } from 'drizzle-orm/pg-core';
import { sentimentLabels, type SentimentDetail } from '../schema/sentiment';

// The PostgreSQL twin of ../schema/sentiment.ts' columns; schema-pg.test.ts checks they match.

/** The tone of a text, stored with it (see ../schema/sentiment.ts). */
export const sentimentColumns = () => ({
	sentimentLanguage: text('sentiment_language'),
	sentimentLabel: text('sentiment_label', { enum: sentimentLabels }),
	sentimentScore: doublePrecision('sentiment_score'),
	sentimentComparative: doublePrecision('sentiment_comparative'),
	sentimentDetail: json('sentiment_detail').$type<SentimentDetail>(),
	sentimentVersion: text('sentiment_version')
});
