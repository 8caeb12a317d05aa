ALTER TABLE `model_versions` ADD `note_code` text;--> statement-breakpoint
ALTER TABLE `model_versions` ADD `note_params` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `skipped_reasons` text;