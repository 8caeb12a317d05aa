-- The chunk triggers of 0024 again, marking days with ON CONFLICT DO NOTHING instead of INSERT OR
-- IGNORE. A foreign key's action (a client deleted sets its reviews' client_id to null) runs the
-- triggers it fires under the action's own ABORT policy, which overrides a trigger's OR IGNORE:
-- marking a day already stale (the old and the new row share it) then failed the whole deletion.
-- An upsert's DO NOTHING holds there too.
DROP TRIGGER `responses_insert_chunks`;--> statement-breakpoint
DROP TRIGGER `responses_delete_chunks`;--> statement-breakpoint
DROP TRIGGER `responses_update_chunks`;--> statement-breakpoint
DROP TRIGGER `answers_insert_chunks`;--> statement-breakpoint
DROP TRIGGER `answers_delete_chunks`;--> statement-breakpoint
DROP TRIGGER `answers_update_scores`;--> statement-breakpoint
DROP TRIGGER `answers_update_tones`;--> statement-breakpoint
DROP TRIGGER `reviews_insert_chunks`;--> statement-breakpoint
DROP TRIGGER `reviews_delete_chunks`;--> statement-breakpoint
DROP TRIGGER `reviews_update_chunks`;--> statement-breakpoint
CREATE TRIGGER `responses_insert_chunks` AFTER INSERT ON `responses` BEGIN
	INSERT INTO stale_score_chunks VALUES (new.survey_version_id, strftime('%Y-%m-%d', new.submitted_at / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
END;--> statement-breakpoint
-- Answers go with their response (a cascade), when the response can no longer be looked up: both chunks are marked here.
CREATE TRIGGER `responses_delete_chunks` AFTER DELETE ON `responses` BEGIN
	INSERT INTO stale_score_chunks VALUES (old.survey_version_id, strftime('%Y-%m-%d', old.submitted_at / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
	INSERT INTO stale_tone_chunks VALUES ('answers:' || old.survey_version_id, strftime('%Y-%m-%d', old.submitted_at / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
END;--> statement-breakpoint
CREATE TRIGGER `responses_update_chunks` AFTER UPDATE OF survey_version_id, submitted_at, language, context ON `responses` BEGIN
	INSERT INTO stale_score_chunks VALUES (old.survey_version_id, strftime('%Y-%m-%d', old.submitted_at / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
	INSERT INTO stale_score_chunks VALUES (new.survey_version_id, strftime('%Y-%m-%d', new.submitted_at / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
	INSERT INTO stale_tone_chunks VALUES ('answers:' || old.survey_version_id, strftime('%Y-%m-%d', old.submitted_at / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
	INSERT INTO stale_tone_chunks VALUES ('answers:' || new.survey_version_id, strftime('%Y-%m-%d', new.submitted_at / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
END;--> statement-breakpoint
CREATE TRIGGER `answers_insert_chunks` AFTER INSERT ON `answers` WHEN new.score IS NOT NULL OR new.sentiment_version IS NOT NULL BEGIN
	INSERT INTO stale_score_chunks SELECT survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id = new.response_id AND new.score IS NOT NULL ON CONFLICT DO NOTHING;
	INSERT INTO stale_tone_chunks SELECT 'answers:' || survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id = new.response_id AND new.sentiment_version IS NOT NULL ON CONFLICT DO NOTHING;
END;--> statement-breakpoint
CREATE TRIGGER `answers_delete_chunks` AFTER DELETE ON `answers` BEGIN
	INSERT INTO stale_score_chunks SELECT survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id = old.response_id ON CONFLICT DO NOTHING;
	INSERT INTO stale_tone_chunks SELECT 'answers:' || survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id = old.response_id ON CONFLICT DO NOTHING;
END;--> statement-breakpoint
CREATE TRIGGER `answers_update_scores` AFTER UPDATE OF response_id, question_id, score ON `answers` BEGIN
	INSERT INTO stale_score_chunks SELECT survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id IN (old.response_id, new.response_id) ON CONFLICT DO NOTHING;
END;--> statement-breakpoint
CREATE TRIGGER `answers_update_tones` AFTER UPDATE OF response_id, question_id, text, sentiment_language, sentiment_label, sentiment_detail, sentiment_version ON `answers` BEGIN
	INSERT INTO stale_tone_chunks SELECT 'answers:' || survey_version_id, strftime('%Y-%m-%d', submitted_at / 1000, 'unixepoch') FROM responses WHERE id IN (old.response_id, new.response_id) ON CONFLICT DO NOTHING;
END;--> statement-breakpoint
CREATE TRIGGER `reviews_insert_chunks` AFTER INSERT ON `reviews` BEGIN
	INSERT INTO stale_tone_chunks VALUES ('reviews:' || new.source, strftime('%Y-%m-%d', new.reviewed_at / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
END;--> statement-breakpoint
CREATE TRIGGER `reviews_delete_chunks` AFTER DELETE ON `reviews` BEGIN
	INSERT INTO stale_tone_chunks VALUES ('reviews:' || old.source, strftime('%Y-%m-%d', old.reviewed_at / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
END;--> statement-breakpoint
CREATE TRIGGER `reviews_update_chunks` AFTER UPDATE OF source, reviewed_at, client_id, sentiment_language, sentiment_label, sentiment_detail, sentiment_version ON `reviews` BEGIN
	INSERT INTO stale_tone_chunks VALUES ('reviews:' || old.source, strftime('%Y-%m-%d', old.reviewed_at / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
	INSERT INTO stale_tone_chunks VALUES ('reviews:' || new.source, strftime('%Y-%m-%d', new.reviewed_at / 1000, 'unixepoch')) ON CONFLICT DO NOTHING;
END;
