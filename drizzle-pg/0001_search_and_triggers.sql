-- What the SQLite migrations write by hand and drizzle-kit cannot generate: the full-text indexes
-- (FTS5 there, drizzle/0002_client_search.sql and 0021_response_inbox_triggers.sql) and the
-- triggers that keep derived rows in step (0021 and 0024_chunk_triggers.sql). Trigger and table
-- names are SQLite's; schema-pg tests (*.pg.test.ts) run the same writes on both engines and
-- compare what the triggers leave. Like 0000, it expects empty tables: the SQLite migrations'
-- back-fills of existing rows have no twin here.

-- Full-text search. FTS5's unicode61 tokenizer (remove_diacritics 2) splits at every character
-- that is not a letter or digit and folds case and accents; PostgreSQL's parser keeps
-- `ada@example.com` and `Müller-Lüdenscheidt` whole, so the text is unaccented, lowered and split
-- here first, then indexed with the `simple` configuration (no stemming, no stop words). Queries
-- are prefixes of every typed word, ANDed, as clients/filter.ts' searchQuery builds for FTS5.
-- unaccent is STABLE (its dictionary could change); these wrappers name it explicitly and are
-- declared IMMUTABLE so a generated column may use them, and are schema-qualified so a restore
-- (which empties search_path) still finds it.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;--> statement-breakpoint
CREATE FUNCTION public.search_words(value text) RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT lower(regexp_replace(public.unaccent('public.unaccent'::regdictionary, coalesce(value, '')), '[^[:alnum:]]+', ' ', 'g')) $$;--> statement-breakpoint
CREATE FUNCTION public.search_document(value text) RETURNS tsvector
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT to_tsvector('simple'::regconfig, public.search_words(value)) $$;--> statement-breakpoint
-- What someone typed as a query: every word must start a word of the document. Words of a
-- client's name and company weigh A, of their email B: `with_email` false looks at A only, as
-- FTS5's `{name company} : (…)` does. Null when nothing searchable was typed (only punctuation).
CREATE FUNCTION public.search_prefix_query(typed text, with_email boolean DEFAULT true) RETURNS tsquery
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$
		SELECT string_agg(quote_literal(word) || ':*' || CASE WHEN with_email THEN '' ELSE 'A' END, ' & ')::tsquery
		FROM regexp_split_to_table(public.search_words(typed), ' ') AS word
		WHERE word <> ''
	$$;--> statement-breakpoint

-- clients_search: one row per client, its name, company (weight A) and email (weight B), as the
-- FTS5 table indexed them. The client's own row keeps the text; this holds only the words.
-- Query: clients.id IN (SELECT client_id FROM clients_search WHERE document @@ search_prefix_query($1)).
CREATE FUNCTION public.client_search_document(name text, email text, company text) RETURNS tsvector
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $$ SELECT setweight(public.search_document(name), 'A') || setweight(public.search_document(company), 'A') || setweight(public.search_document(email), 'B') $$;--> statement-breakpoint
CREATE TABLE clients_search (
	client_id integer PRIMARY KEY REFERENCES clients (id) ON DELETE CASCADE,
	document tsvector NOT NULL
);--> statement-breakpoint
CREATE INDEX clients_search_document_idx ON clients_search USING gin (document);--> statement-breakpoint
CREATE FUNCTION clients_search_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO clients_search (client_id, document)
		VALUES (new.id, public.client_search_document(new.name, new.email, new.company))
		ON CONFLICT (client_id) DO UPDATE SET document = excluded.document;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER clients_search_insert AFTER INSERT ON clients
	FOR EACH ROW EXECUTE FUNCTION clients_search_write();--> statement-breakpoint
CREATE TRIGGER clients_search_update AFTER UPDATE OF name, email, company ON clients
	FOR EACH ROW EXECUTE FUNCTION clients_search_write();--> statement-breakpoint
-- (A deleted client's row goes by the cascade: SQLite's clients_search_delete has no twin.)

-- response_texts: one row per response holding all of its open answers (question order, one a
-- line), as the FTS5 table did, its words in `document`.
-- Query: responses.id IN (SELECT response_id FROM response_texts WHERE document @@ search_prefix_query($1)).
CREATE TABLE response_texts (
	response_id integer PRIMARY KEY,
	text text NOT NULL,
	document tsvector GENERATED ALWAYS AS (public.search_document(text)) STORED
);--> statement-breakpoint
CREATE INDEX response_texts_document_idx ON response_texts USING gin (document);--> statement-breakpoint
CREATE FUNCTION response_texts_refresh(response integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM response_texts WHERE response_id = response;
	INSERT INTO response_texts (response_id, text)
		SELECT response_id, string_agg(text, E'\n' ORDER BY question_id COLLATE "C") FROM answers
		WHERE response_id = response AND text IS NOT NULL GROUP BY response_id;
END $$;--> statement-breakpoint
CREATE FUNCTION response_texts_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF tg_op <> 'INSERT' THEN
		PERFORM response_texts_refresh(old.response_id);
	END IF;
	IF tg_op = 'INSERT' OR new.response_id <> old.response_id THEN
		PERFORM response_texts_refresh(new.response_id);
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER response_texts_insert AFTER INSERT ON answers
	FOR EACH ROW WHEN (new.text IS NOT NULL) EXECUTE FUNCTION response_texts_write();--> statement-breakpoint
CREATE TRIGGER response_texts_delete AFTER DELETE ON answers
	FOR EACH ROW WHEN (old.text IS NOT NULL) EXECUTE FUNCTION response_texts_write();--> statement-breakpoint
CREATE TRIGGER response_texts_update AFTER UPDATE OF text ON answers
	FOR EACH ROW EXECUTE FUNCTION response_texts_write();--> statement-breakpoint

-- response_segments mirrors each response's context.segments (the segments its client was in
-- when answering), so every write of a context, now or later, updates it.
CREATE FUNCTION response_segments_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF tg_op = 'UPDATE' THEN
		DELETE FROM response_segments WHERE response_id = new.id;
	END IF;
	INSERT INTO response_segments (response_id, segment_id)
		SELECT new.id, (segment #>> '{}')::integer
		FROM json_array_elements(CASE WHEN json_typeof(new.context -> 'segments') = 'array' THEN new.context -> 'segments' END) AS segment
		WHERE json_typeof(segment) = 'number'
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER response_segments_insert AFTER INSERT ON responses
	FOR EACH ROW EXECUTE FUNCTION response_segments_write();--> statement-breakpoint
CREATE TRIGGER response_segments_update AFTER UPDATE OF context ON responses
	FOR EACH ROW EXECUTE FUNCTION response_segments_write();--> statement-breakpoint

-- Whatever changes a response, its ratings or the tone of a text marks that day's packed chunk
-- stale, in the same transaction (see drizzle/0024_chunk_triggers.sql). The day is SQLite's
-- strftime('%Y-%m-%d', ms / 1000, 'unixepoch'): whole seconds truncated toward zero, then the
-- UTC day — bigint division truncates the same way.
CREATE FUNCTION public.utc_day(ms bigint) RETURNS text
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	AS $$ SELECT to_char(to_timestamp(ms / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD') $$;--> statement-breakpoint
CREATE FUNCTION responses_insert_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stale_score_chunks (survey_version_id, day) VALUES (new.survey_version_id, utc_day(new.submitted_at)) ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER responses_insert_chunks AFTER INSERT ON responses
	FOR EACH ROW EXECUTE FUNCTION responses_insert_chunks();--> statement-breakpoint
-- Answers go with their response (a cascade), when the response can no longer be looked up: both chunks are marked here.
CREATE FUNCTION responses_delete_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stale_score_chunks (survey_version_id, day) VALUES (old.survey_version_id, utc_day(old.submitted_at)) ON CONFLICT DO NOTHING;
	INSERT INTO stale_tone_chunks (source, day) VALUES ('answers:' || old.survey_version_id, utc_day(old.submitted_at)) ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER responses_delete_chunks AFTER DELETE ON responses
	FOR EACH ROW EXECUTE FUNCTION responses_delete_chunks();--> statement-breakpoint
CREATE FUNCTION responses_update_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stale_score_chunks (survey_version_id, day) VALUES
		(old.survey_version_id, utc_day(old.submitted_at)),
		(new.survey_version_id, utc_day(new.submitted_at))
		ON CONFLICT DO NOTHING;
	INSERT INTO stale_tone_chunks (source, day) VALUES
		('answers:' || old.survey_version_id, utc_day(old.submitted_at)),
		('answers:' || new.survey_version_id, utc_day(new.submitted_at))
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER responses_update_chunks AFTER UPDATE OF survey_version_id, submitted_at, language, context ON responses
	FOR EACH ROW EXECUTE FUNCTION responses_update_chunks();--> statement-breakpoint
CREATE FUNCTION answers_insert_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF new.score IS NOT NULL THEN
		INSERT INTO stale_score_chunks (survey_version_id, day)
			SELECT survey_version_id, utc_day(submitted_at) FROM responses WHERE id = new.response_id
			ON CONFLICT DO NOTHING;
	END IF;
	IF new.sentiment_version IS NOT NULL THEN
		INSERT INTO stale_tone_chunks (source, day)
			SELECT 'answers:' || survey_version_id, utc_day(submitted_at) FROM responses WHERE id = new.response_id
			ON CONFLICT DO NOTHING;
	END IF;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER answers_insert_chunks AFTER INSERT ON answers
	FOR EACH ROW WHEN (new.score IS NOT NULL OR new.sentiment_version IS NOT NULL)
	EXECUTE FUNCTION answers_insert_chunks();--> statement-breakpoint
CREATE FUNCTION answers_delete_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stale_score_chunks (survey_version_id, day)
		SELECT survey_version_id, utc_day(submitted_at) FROM responses WHERE id = old.response_id
		ON CONFLICT DO NOTHING;
	INSERT INTO stale_tone_chunks (source, day)
		SELECT 'answers:' || survey_version_id, utc_day(submitted_at) FROM responses WHERE id = old.response_id
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER answers_delete_chunks AFTER DELETE ON answers
	FOR EACH ROW EXECUTE FUNCTION answers_delete_chunks();--> statement-breakpoint
CREATE FUNCTION answers_update_scores() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stale_score_chunks (survey_version_id, day)
		SELECT survey_version_id, utc_day(submitted_at) FROM responses WHERE id IN (old.response_id, new.response_id)
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER answers_update_scores AFTER UPDATE OF response_id, question_id, score ON answers
	FOR EACH ROW EXECUTE FUNCTION answers_update_scores();--> statement-breakpoint
CREATE FUNCTION answers_update_tones() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stale_tone_chunks (source, day)
		SELECT 'answers:' || survey_version_id, utc_day(submitted_at) FROM responses WHERE id IN (old.response_id, new.response_id)
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER answers_update_tones AFTER UPDATE OF response_id, question_id, text, sentiment_language, sentiment_label, sentiment_detail, sentiment_version ON answers
	FOR EACH ROW EXECUTE FUNCTION answers_update_tones();--> statement-breakpoint
CREATE FUNCTION reviews_insert_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stale_tone_chunks (source, day) VALUES ('reviews:' || new.source, utc_day(new.reviewed_at)) ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER reviews_insert_chunks AFTER INSERT ON reviews
	FOR EACH ROW EXECUTE FUNCTION reviews_insert_chunks();--> statement-breakpoint
CREATE FUNCTION reviews_delete_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stale_tone_chunks (source, day) VALUES ('reviews:' || old.source, utc_day(old.reviewed_at)) ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER reviews_delete_chunks AFTER DELETE ON reviews
	FOR EACH ROW EXECUTE FUNCTION reviews_delete_chunks();--> statement-breakpoint
CREATE FUNCTION reviews_update_chunks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO stale_tone_chunks (source, day) VALUES
		('reviews:' || old.source, utc_day(old.reviewed_at)),
		('reviews:' || new.source, utc_day(new.reviewed_at))
		ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER reviews_update_chunks AFTER UPDATE OF source, reviewed_at, client_id, sentiment_language, sentiment_label, sentiment_detail, sentiment_version ON reviews
	FOR EACH ROW EXECUTE FUNCTION reviews_update_chunks();
