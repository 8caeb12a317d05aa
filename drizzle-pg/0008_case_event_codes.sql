ALTER TABLE "followup_events" ALTER COLUMN "detail" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "followup_events" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "followup_events" ADD COLUMN "params" json;