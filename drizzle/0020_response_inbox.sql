CREATE TABLE `response_segments` (
	`response_id` integer NOT NULL,
	`segment_id` integer NOT NULL,
	PRIMARY KEY(`response_id`, `segment_id`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `response_segments_segment_idx` ON `response_segments` (`segment_id`,`response_id`);--> statement-breakpoint
CREATE TABLE `response_tags` (
	`response_id` integer NOT NULL,
	`tag` text NOT NULL,
	PRIMARY KEY(`response_id`, `tag`),
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `response_tags_tag_idx` ON `response_tags` (`tag`,`response_id`);--> statement-breakpoint
ALTER TABLE `responses` ADD `score` real;--> statement-breakpoint
ALTER TABLE `responses` ADD `score_basis` integer;--> statement-breakpoint
ALTER TABLE `responses` ADD `note` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `note_updated_at` integer;--> statement-breakpoint
CREATE INDEX `responses_submitted_idx` ON `responses` (`submitted_at`,`id`);--> statement-breakpoint
CREATE INDEX `responses_score_idx` ON `responses` (`score`);--> statement-breakpoint
CREATE INDEX `answers_tone_idx` ON `answers` (`sentiment_label`,`response_id`) WHERE "answers"."text" is not null;