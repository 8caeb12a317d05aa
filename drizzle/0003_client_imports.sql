CREATE TABLE `client_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_by` text,
	`file_name` text NOT NULL,
	`content` blob,
	`status` text NOT NULL,
	`mapping` text NOT NULL,
	`on_existing` text,
	`total_rows` integer NOT NULL,
	`processed_rows` integer DEFAULT 0 NOT NULL,
	`issues` text,
	`result` text,
	`failure` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
