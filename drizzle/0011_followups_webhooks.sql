CREATE TABLE `followup_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer,
	`response_id` integer,
	`review_id` integer,
	`trigger` text NOT NULL,
	`assignee_id` text,
	`status` text NOT NULL,
	`due_at` integer NOT NULL,
	`first_action_at` integer,
	`resolved_at` integer,
	`resolution_note` text,
	`resolution_invitation_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`resolution_invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `followup_cases_response_idx` ON `followup_cases` (`response_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `followup_cases_review_idx` ON `followup_cases` (`review_id`);--> statement-breakpoint
CREATE INDEX `followup_cases_assignee_idx` ON `followup_cases` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `followup_cases_status_due_idx` ON `followup_cases` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `followup_cases_client_idx` ON `followup_cases` (`client_id`);--> statement-breakpoint
CREATE TABLE `followup_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`detail` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `followup_cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `followup_events_case_idx` ON `followup_events` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `followup_rules` (
	`trigger` text PRIMARY KEY NOT NULL,
	`enabled` integer NOT NULL,
	`threshold` integer,
	`ask_resolved` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `followup_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`default_assignee_id` text,
	`sla_business_days` integer DEFAULT 2 NOT NULL,
	`last_digest_on` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`default_assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` integer NOT NULL,
	`event` text NOT NULL,
	`event_id` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_webhook_idx` ON `webhook_deliveries` (`webhook_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`secret` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`disabled_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
