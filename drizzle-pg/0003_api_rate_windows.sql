CREATE TABLE "api_rate_windows" (
	"key_id" text PRIMARY KEY NOT NULL,
	"started_at" bigint NOT NULL,
	"requests" integer NOT NULL
);
