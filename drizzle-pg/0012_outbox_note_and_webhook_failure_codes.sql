ALTER TABLE "outbox_messages" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "last_error_code" text;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "last_error_params" json;