CREATE TABLE `cell_rebuilds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`total` integer NOT NULL,
	`done` integer NOT NULL,
	`failure` text,
	`started_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
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
ALTER TABLE `responses` ADD `source` text DEFAULT 'survey' NOT NULL;--> statement-breakpoint
ALTER TABLE `responses` ADD `context` text DEFAULT '{}' NOT NULL;