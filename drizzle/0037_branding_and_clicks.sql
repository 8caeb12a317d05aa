CREATE TABLE `invitation_clicks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`value` text NOT NULL,
	`clicked_at` integer NOT NULL,
	`counted` integer NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `invitation_clicks_invitation_idx` ON `invitation_clicks` (`invitation_id`,`clicked_at`);--> statement-breakpoint
CREATE TABLE `branding` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`accent_colour` text,
	`logo` blob,
	`logo_type` text,
	`sender_name` text,
	`reply_to` text,
	`footer` text,
	`updated_at` integer NOT NULL
);
