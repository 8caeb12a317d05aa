ALTER TABLE `outbox_messages` ADD `note` text;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `last_error_code` text;--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD `last_error_params` text;