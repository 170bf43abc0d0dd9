ALTER TABLE "organisations" ADD COLUMN "public_phones" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "request_cases" ADD COLUMN "submitted_by" bigint;--> statement-breakpoint
CREATE INDEX "request_cases_submitted_by_idx" ON "request_cases" USING btree ("submitted_by");