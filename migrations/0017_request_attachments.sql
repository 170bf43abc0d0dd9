CREATE TABLE "request_attachments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"case_id" bigint NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"findings" jsonb NOT NULL,
	"confirmed_by" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "request_attachments_case_idx" ON "request_attachments" USING btree ("case_id");