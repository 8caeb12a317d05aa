CREATE TABLE `outbox_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer,
	`to_address` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`server_response` text,
	`subject` text,
	`text_body` text,
	`html_body` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox_messages` (`status`,`next_attempt_at`);--> statement-breakpoint
ALTER TABLE `invitations` ADD `sent_at` integer;