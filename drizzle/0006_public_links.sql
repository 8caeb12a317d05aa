ALTER TABLE `surveys` ADD `public_link_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_public_link_id_unique` ON `surveys` (`public_link_id`);