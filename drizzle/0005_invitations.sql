CREATE TABLE `invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`client_id` integer,
	`token_hash` blob NOT NULL,
	`channel` text NOT NULL,
	`created_at` integer NOT NULL,
	`send_at` integer NOT NULL,
	`expires_at` integer,
	`opened_at` integer,
	`started_at` integer,
	`completed_at` integer,
	`response_id` integer,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_idx` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_client_idx` ON `invitations` (`client_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `invitations_survey_idx` ON `invitations` (`survey_id`);--> statement-breakpoint
CREATE TABLE `response_drafts` (
	`invitation_id` integer PRIMARY KEY NOT NULL,
	`survey_version_id` integer NOT NULL,
	`language` text NOT NULL,
	`page` integer NOT NULL,
	`answers` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`survey_version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
