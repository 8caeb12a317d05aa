ALTER TABLE `background_jobs` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `claimed_by` text;