ALTER TABLE `outbox_messages` ADD `sender_name` text;--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `reply_to` text;