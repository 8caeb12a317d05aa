CREATE TABLE `report_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`frequency` text NOT NULL,
	`view` text NOT NULL,
	`name` text NOT NULL,
	`last_sent_period` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `report_subscriptions_user_idx` ON `report_subscriptions` (`user_id`);