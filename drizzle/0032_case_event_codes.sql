PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_followup_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`code` text,
	`params` text,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `followup_cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_followup_events`("id", "case_id", "kind", "actor_id", "detail", "at") SELECT "id", "case_id", "kind", "actor_id", "detail", "at" FROM `followup_events`;--> statement-breakpoint
DROP TABLE `followup_events`;--> statement-breakpoint
ALTER TABLE `__new_followup_events` RENAME TO `followup_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `followup_events_case_idx` ON `followup_events` (`case_id`,`at`);