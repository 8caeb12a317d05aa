CREATE INDEX "outbox_sent_idx" ON "outbox_messages" USING btree ("status","sent_at");--> statement-breakpoint
CREATE INDEX "outbox_invitation_idx" ON "outbox_messages" USING btree ("invitation_id");