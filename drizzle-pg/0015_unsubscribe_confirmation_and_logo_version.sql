ALTER TABLE "branding" ADD COLUMN "logo_updated_at" bigint;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "unsubscribe_confirmed_at" bigint;--> statement-breakpoint
-- The logo kept so far keeps the version its URL already had.
UPDATE "branding" SET "logo_updated_at" = "updated_at" WHERE "logo" IS NOT NULL;