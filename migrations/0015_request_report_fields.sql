ALTER TABLE "request_cases" ADD COLUMN "applicant_type" text DEFAULT 'person' NOT NULL;--> statement-breakpoint
ALTER TABLE "request_cases" ADD COLUMN "reply_reason" text;