CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "community_invitations" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"code" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_attachments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"version_id" bigint NOT NULL,
	"district_code" text NOT NULL,
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"scanned" boolean NOT NULL,
	"findings" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_item_settings" (
	"owner_org_id" bigint NOT NULL,
	"item_key" text NOT NULL,
	"district_code" text NOT NULL,
	"personal_list" boolean NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "record_item_settings_owner_org_id_item_key_pk" PRIMARY KEY("owner_org_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "record_review_settings" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"review_required" boolean NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_versions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"record_id" bigint NOT NULL,
	"district_code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"body_md" text NOT NULL,
	"tables" jsonb NOT NULL,
	"information_formed_on" date,
	"period_from" date,
	"period_to" date,
	"publicity" boolean NOT NULL,
	"correction_note" text,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"publicity_ends_on" date,
	"publicity_days" integer,
	"publicity_explanation" text,
	"personal_list" boolean DEFAULT false NOT NULL,
	"audience" text DEFAULT 'public' NOT NULL,
	"author_id" bigint NOT NULL,
	"author_name" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_id" bigint,
	"reviewer_id" bigint,
	"reviewer_name" text,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"review_skipped" boolean DEFAULT false NOT NULL,
	"privacy_override" jsonb,
	"search_title" text,
	"search_body" text
);
--> statement-breakpoint
CREATE TABLE "records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"public_id" text NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" text NOT NULL,
	"district_code" text NOT NULL,
	"item_key" text NOT NULL,
	"item_id" bigint NOT NULL,
	"item_name" text NOT NULL,
	"obligation_id" text,
	"created_by_id" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"current_version" integer,
	"first_published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"withdrawn_by" text
);
--> statement-breakpoint
ALTER TABLE "record_attachments" ADD CONSTRAINT "record_attachments_version_id_record_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."record_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_versions" ADD CONSTRAINT "record_versions_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "community_invitations_code_uq" ON "community_invitations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "record_attachments_version_idx" ON "record_attachments" USING btree ("version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "record_versions_record_version_uq" ON "record_versions" USING btree ("record_id","version");--> statement-breakpoint
CREATE INDEX "record_versions_status_idx" ON "record_versions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "record_versions_search_title_trgm" ON "record_versions" USING gin ("search_title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "record_versions_search_body_trgm" ON "record_versions" USING gin ("search_body" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "records_public_id_uq" ON "records" USING btree ("public_id");--> statement-breakpoint
CREATE INDEX "records_org_item_idx" ON "records" USING btree ("org_id","item_key");--> statement-breakpoint
CREATE INDEX "records_path_idx" ON "records" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "records_district_idx" ON "records" USING btree ("district_code");