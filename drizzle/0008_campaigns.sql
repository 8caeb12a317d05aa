CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`survey_id` integer NOT NULL,
	`segment_id` integer,
	`status` text NOT NULL,
	`next_run_at` integer,
	`recurrence` text NOT NULL,
	`fatigue_days` integer NOT NULL,
	`expires_in_days` integer NOT NULL,
	`skipped` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`last_run_at` integer,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`segment_id`) REFERENCES `segments`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
ALTER TABLE `invitations` ADD `campaign_id` integer REFERENCES campaigns(id);--> statement-breakpoint
CREATE INDEX `invitations_campaign_idx` ON `invitations` (`campaign_id`);