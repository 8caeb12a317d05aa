CREATE TABLE `invitation_links` (
	`token_hash` blob PRIMARY KEY NOT NULL,
	`invitation_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `campaigns` ADD `reminder_after_days` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `max_reminders` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `kind` text DEFAULT 'invitation' NOT NULL;