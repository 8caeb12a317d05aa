CREATE TABLE `analytics_names` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `analytics_names_name_unique` ON `analytics_names` (`name`);--> statement-breakpoint
CREATE TABLE `score_chunks` (
	`survey_version_id` integer NOT NULL,
	`day` text NOT NULL,
	`rows` blob NOT NULL,
	PRIMARY KEY(`survey_version_id`, `day`),
	FOREIGN KEY (`survey_version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `stale_score_chunks` (
	`survey_version_id` integer NOT NULL,
	`day` text NOT NULL,
	PRIMARY KEY(`survey_version_id`, `day`)
);
--> statement-breakpoint
CREATE TABLE `stale_tone_chunks` (
	`source` text NOT NULL,
	`day` text NOT NULL,
	PRIMARY KEY(`source`, `day`)
);
--> statement-breakpoint
CREATE TABLE `tone_chunks` (
	`source` text NOT NULL,
	`day` text NOT NULL,
	`rows` blob NOT NULL,
	PRIMARY KEY(`source`, `day`)
);
