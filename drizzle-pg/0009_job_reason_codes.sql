ALTER TABLE "background_jobs" ALTER COLUMN "reason" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "background_jobs" ADD COLUMN "reason_code" text;--> statement-breakpoint
ALTER TABLE "background_jobs" ADD COLUMN "reason_params" json;--> statement-breakpoint
ALTER TABLE "background_jobs" ADD COLUMN "failure_code" text;