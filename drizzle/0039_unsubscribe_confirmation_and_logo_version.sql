ALTER TABLE `clients` ADD `unsubscribe_confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `branding` ADD `logo_updated_at` integer;--> statement-breakpoint
-- The logo kept so far keeps the version its URL already had.
UPDATE `branding` SET `logo_updated_at` = `updated_at` WHERE `logo` IS NOT NULL;