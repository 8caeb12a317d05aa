-- A full-text index over the open answers, one row per response (rowid = responses.id), kept in step
-- by triggers on answers, so the inbox's text search stays an index lookup at a million responses.
-- Answers have no INTEGER PRIMARY KEY, so their rowids may change on VACUUM: the index keys on the
-- response instead, and holds all of its texts. Same tokenizer as clients_search: "cafe" finds "Café".
CREATE VIRTUAL TABLE `response_texts` USING fts5(
	text,
	tokenize='unicode61 remove_diacritics 2'
);--> statement-breakpoint
CREATE TRIGGER `response_texts_insert` AFTER INSERT ON `answers` WHEN new.text IS NOT NULL BEGIN
	DELETE FROM response_texts WHERE rowid = new.response_id;
	INSERT INTO response_texts(rowid, text)
		SELECT response_id, group_concat(text, char(10)) FROM answers
		WHERE response_id = new.response_id AND text IS NOT NULL GROUP BY response_id;
END;--> statement-breakpoint
CREATE TRIGGER `response_texts_delete` AFTER DELETE ON `answers` WHEN old.text IS NOT NULL BEGIN
	DELETE FROM response_texts WHERE rowid = old.response_id;
	INSERT INTO response_texts(rowid, text)
		SELECT response_id, group_concat(text, char(10)) FROM answers
		WHERE response_id = old.response_id AND text IS NOT NULL GROUP BY response_id;
END;--> statement-breakpoint
CREATE TRIGGER `response_texts_update` AFTER UPDATE OF text ON `answers` BEGIN
	DELETE FROM response_texts WHERE rowid = old.response_id;
	INSERT INTO response_texts(rowid, text)
		SELECT response_id, group_concat(text, char(10)) FROM answers
		WHERE response_id = new.response_id AND text IS NOT NULL GROUP BY response_id;
END;--> statement-breakpoint
INSERT INTO response_texts(rowid, text)
	SELECT response_id, group_concat(text, char(10)) FROM answers
	WHERE text IS NOT NULL GROUP BY response_id;
--> statement-breakpoint
-- response_segments mirrors each response's context.segments (the segments its client was in when
-- answering), kept in step by triggers so every write of a context, now or later, updates it.
CREATE TRIGGER `response_segments_insert` AFTER INSERT ON `responses` BEGIN
	INSERT OR IGNORE INTO response_segments(response_id, segment_id)
		SELECT new.id, value FROM json_each(new.context, '$.segments');
END;--> statement-breakpoint
CREATE TRIGGER `response_segments_update` AFTER UPDATE OF context ON `responses` BEGIN
	DELETE FROM response_segments WHERE response_id = new.id;
	INSERT OR IGNORE INTO response_segments(response_id, segment_id)
		SELECT new.id, value FROM json_each(new.context, '$.segments');
END;--> statement-breakpoint
INSERT OR IGNORE INTO response_segments(response_id, segment_id)
	SELECT responses.id, segment.value FROM responses, json_each(responses.context, '$.segments') AS segment;
