CREATE TABLE "calendar_years" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"data" jsonb NOT NULL,
	"source" text NOT NULL,
	"entered_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "calendar_years_year_idx" ON "calendar_years" USING btree ("year");