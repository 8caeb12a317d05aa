ALTER TABLE "campaigns" ADD COLUMN "skipped_reasons" json;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "note_code" text;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "note_params" json;