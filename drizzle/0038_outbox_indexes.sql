CREATE INDEX `outbox_sent_idx` ON `outbox_messages` (`status`,`sent_at`);--> statement-breakpoint
CREATE INDEX `outbox_invitation_idx` ON `outbox_messages` (`invitation_id`);