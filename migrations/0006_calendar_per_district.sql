ALTER TABLE "calendar_years" ADD COLUMN "district_code" text;--> statement-breakpoint
CREATE INDEX "calendar_years_district_idx" ON "calendar_years" USING btree ("district_code","id");