ALTER TABLE `response_drafts` ADD `pages_passed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Respondents half-way through at the upgrade keep their place: they reached their page in order.
UPDATE `response_drafts` SET `pages_passed` = `page`;
