CREATE TABLE `privacy_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`erasure_keeps_answers` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL
);
