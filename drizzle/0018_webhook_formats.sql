ALTER TABLE `webhook_deliveries` ADD `body` text;--> statement-breakpoint
ALTER TABLE `webhooks` ADD `format` text DEFAULT 'satisfy' NOT NULL;--> statement-breakpoint
ALTER TABLE `webhooks` ADD `name_clients` integer DEFAULT false NOT NULL;