CREATE TABLE `api_rate_windows` (
	`key_id` text PRIMARY KEY NOT NULL,
	`started_at` integer NOT NULL,
	`requests` integer NOT NULL
);
