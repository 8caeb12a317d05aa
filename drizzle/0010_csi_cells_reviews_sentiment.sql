CREATE TABLE `background_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`total` integer NOT NULL,
	`done` integer NOT NULL,
	`failure` text,
	`started_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `background_jobs_kind_idx` ON `background_jobs` (`kind`,`id`);--> statement-breakpoint
CREATE TABLE `csi_cells` (
	`survey_version_id` integer NOT NULL,
	`dimension` text NOT NULL,
	`day` text NOT NULL,
	`cell` text NOT NULL,
	PRIMARY KEY(`survey_version_id`, `dimension`, `day`),
	FOREIGN KEY (`survey_version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `dashboard_settings` (
	`model_id` integer PRIMARY KEY NOT NULL,
	`target` real,
	`reference_value` real,
	`reference_label` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `csi_models`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`author` text,
	`stars` integer,
	`title` text,
	`text` text NOT NULL,
	`reviewed_at` integer NOT NULL,
	`language` text,
	`client_id` integer,
	`tag` text,
	`imported_at` integer NOT NULL,
	`sentiment_language` text,
	`sentiment_label` text,
	`sentiment_score` real,
	`sentiment_comparative` real,
	`sentiment_detail` text,
	`sentiment_version` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_source_external_idx` ON `reviews` (`source`,`external_id`);--> statement-breakpoint
CREATE INDEX `reviews_reviewed_idx` ON `reviews` (`reviewed_at`);--> statement-breakpoint
CREATE INDEX `reviews_client_idx` ON `reviews` (`client_id`);--> statement-breakpoint
ALTER TABLE `answers` ADD `sentiment_language` text;--> statement-breakpoint
ALTER TABLE `answers` ADD `sentiment_label` text;--> statement-breakpoint
ALTER TABLE `answers` ADD `sentiment_score` real;--> statement-breakpoint
ALTER TABLE `answers` ADD `sentiment_comparative` real;--> statement-breakpoint
ALTER TABLE `answers` ADD `sentiment_detail` text;--> statement-breakpoint
ALTER TABLE `answers` ADD `sentiment_version` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `source` text DEFAULT 'survey' NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `context` text DEFAULT '{}' NOT NULL;