CREATE TABLE `user_scopes` (
	`user_id` text PRIMARY KEY NOT NULL,
	`segment_id` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`segment_id`) REFERENCES `segments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `user_scopes_segment_idx` ON `user_scopes` (`segment_id`);