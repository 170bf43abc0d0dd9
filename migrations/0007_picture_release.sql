ALTER TABLE "record_attachments" ADD COLUMN "released_by" text;--> statement-breakpoint
ALTER TABLE "record_attachments" ADD COLUMN "released_at" timestamp with time zone;