-- Full-text index over clients' name, email and company, kept in step by triggers, so search stays
-- an index lookup at 100,000 clients. unicode61 splits emails at "@" and ".", so any word of a
-- name, company or address matches by prefix; remove_diacritics lets "muller" find "Müller".
CREATE VIRTUAL TABLE `clients_search` USING fts5(
	name, email, company,
	content='clients', content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);--> statement-breakpoint
CREATE TRIGGER `clients_search_insert` AFTER INSERT ON `clients` BEGIN
	INSERT INTO clients_search(rowid, name, email, company) VALUES (new.id, new.name, new.email, new.company);
END;--> statement-breakpoint
CREATE TRIGGER `clients_search_delete` AFTER DELETE ON `clients` BEGIN
	INSERT INTO clients_search(clients_search, rowid, name, email, company) VALUES ('delete', old.id, old.name, old.email, old.company);
END;--> statement-breakpoint
CREATE TRIGGER `clients_search_update` AFTER UPDATE OF name, email, company ON `clients` BEGIN
	INSERT INTO clients_search(clients_search, rowid, name, email, company) VALUES ('delete', old.id, old.name, old.email, old.company);
	INSERT INTO clients_search(rowid, name, email, company) VALUES (new.id, new.name, new.email, new.company);
END;
