-- Whatever changes a response, its ratings or the tone of a text marks that day's packed chunk
-- stale, in the same transaction, so no write path (a submission, an import, an erasure, a
-- segment's new members, a re-scoring, a client deleted) can leave a chunk behind its rows. The
-- analytics worker repacks stale days; readers take them from the rows until then
-- (src/lib/server/analytics/score-chunks.ts, tone-chunks.ts). Days are UTC, as the cells'.
CREATE TRIGGER `responses_insert_chunks` AFTER INSERT ON `responses` BEGIN
	INSERT OR IGNORE INTO stale_score_chunks VALUES (new.survey_version_id, strftime('%Y-%m-%d', new.submitted_at / 1000, 'unixepoch'));
END;--> statement-breakpoint
-- Answers go with their response (a cascade), when the response can no longer be looked up: both chunks are marked here.
CREATE TRIGGER `responses_delete_chunks` AFTER DELETE ON `responses` BEGIN
	INSERT OR IGNORE INTO stale_score_chunks VALUES (old.survey_version_id, strftime('%Y-%m-%d', old.submitted_at / 1000, 'unixepoch'));
	INSERT OR IGNORE INTO stale_tone_chunks VALUES ('answers:' || old.survey_version_id, strftime('%Y-%m-%d', old.submitted_at / 1000, 'unixepoch'));
END;--> statement-breakpoint
CREATE TRIGGER `responses_update_chunks` AFTER UPDATE OF survey_version_id, submitted_at, language, context ON `responses` BEGIN
	INSERT OR IGNORE INTO stale_score_chunks VALUES (old.survey_version_id, strftime('%Y-%m-%d', old.submitted_at / 1000, 'unixepoch'));
	INSERT OR IGNORE INTO stale_score_chunks VALUES (new.survey_version_id, strftime('%Y-%m-%d', new.submitted_at / 1000, 'unixepoch'));
	INSERT OR IGNORE INTO stale_tone_chunks VALUES ('answers:' || old.survey_version_id, strftime('%Y-%m-%d', old.submitted_at / 1000, 'unixepoch'));
	INSERT OR IGNORE INTO stale_tone_chunks VALUES ('answers:' || new.survey_version_id, strftime('%Y-%m-%d', new.submitted_at / 1000, 'unixepoch'));
END;--> statement-breakpoint
CREATE TRIGGER `answers_insert_chunks` AFTER INSERT ON `answers` WHEN new.score IS NOT NULL OR new.sentiment_version IS NOT NULL BEGIN
	INSERT OR IGNORE INTO stale_score_chunks SELECT survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id = new.response_id AND new.score IS NOT NULL;
	INSERT OR IGNORE INTO stale_tone_chunks SELECT 'answers:' || survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id = new.response_id AND new.sentiment_version IS NOT NULL;
END;--> statement-breakpoint
CREATE TRIGGER `answers_delete_chunks` AFTER DELETE ON `answers` BEGIN
	INSERT OR IGNORE INTO stale_score_chunks SELECT survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id = old.response_id;
	INSERT OR IGNORE INTO stale_tone_chunks SELECT 'answers:' || survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id = old.response_id;
END;--> statement-breakpoint
CREATE TRIGGER `answers_update_scores` AFTER UPDATE OF response_id, question_id, score ON `answers` BEGIN
	INSERT OR IGNORE INTO stale_score_chunks SELECT survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id IN (old.response_id, new.response_id);
END;--> statement-breakpoint
CREATE TRIGGER `answers_update_tones` AFTER UPDATE OF response_id, question_id, text, sentiment_language, sentiment_label, sentiment_detail, sentiment_version ON `answers` BEGIN
	INSERT OR IGNORE INTO stale_tone_chunks SELECT 'answers:' || survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id IN (old.response_id, new.response_id);
END;--> statement-breakpoint
CREATE TRIGGER `reviews_insert_chunks` AFTER INSERT ON `reviews` BEGIN
	INSERT OR IGNORE INTO stale_tone_chunks VALUES ('reviews:' || new.source, strftime('%Y-%m-%d', new.reviewed_at / 1000, 'unixepoch'));
END;--> statement-breakpoint
CREATE TRIGGER `reviews_delete_chunks` AFTER DELETE ON `reviews` BEGIN
	INSERT OR IGNORE INTO stale_tone_chunks VALUES ('reviews:' || old.source, strftime('%Y-%m-%d', old.reviewed_at / 1000, 'unixepoch'));
END;--> statement-breakpoint
CREATE TRIGGER `reviews_update_chunks` AFTER UPDATE OF source, reviewed_at, client_id, sentiment_language, sentiment_label, sentiment_detail, sentiment_version ON `reviews` BEGIN
	INSERT OR IGNORE INTO stale_tone_chunks VALUES ('reviews:' || old.source, strftime('%Y-%m-%d', old.reviewed_at / 1000, 'unixepoch'));
	INSERT OR IGNORE INTO stale_tone_chunks VALUES ('reviews:' || new.source, strftime('%Y-%m-%d', new.reviewed_at / 1000, 'unixepoch'));
END;--> statement-breakpoint
-- The chunks of a database that had responses before them: every day is stale, and the worker packs them in the background.
INSERT OR IGNORE INTO stale_score_chunks SELECT DISTINCT survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses;--> statement-breakpoint
INSERT OR IGNORE INTO stale_tone_chunks SELECT DISTINCT 'answers:' || r.survey_version_id, strftime('%Y-%m-%d', r.submitted_at / 1000, 'unixepoch') FROM answers a JOIN responses r ON r.id = a.response_id WHERE a.sentiment_version IS NOT NULL;--> statement-breakpoint
INSERT OR IGNORE INTO stale_tone_chunks SELECT DISTINCT 'reviews:' || source, strftime('%Y-%m-%d', reviewed_at / 1000, 'unixepoch') FROM reviews;
