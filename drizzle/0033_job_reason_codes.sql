PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_background_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`reason_code` text,
	`reason_params` text,
	`reason` text,
	`status` text NOT NULL,
	`total` integer NOT NULL,
	`done` integer NOT NULL,
	`failure_code` text,
	`failure` text,
	`plan` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`claimed_by` text
);
--> statement-breakpoint
INSERT INTO `__new_background_jobs`("id", "kind", "reason", "status", "total", "done", "failure", "plan", "started_at", "finished_at", "claimed_by") SELECT "id", "kind", "reason", "status", "total", "done", "failure", "plan", "started_at", "finished_at", "claimed_by" FROM `background_jobs`;--> statement-breakpoint
DROP TABLE `background_jobs`;--> statement-breakpoint
ALTER TABLE `__new_background_jobs` RENAME TO `background_jobs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `background_jobs_kind_idx` ON `background_jobs` (`kind`,`id`);