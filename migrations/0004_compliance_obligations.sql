CREATE TABLE "compliance_contacts" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"email" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_disclosures" (
	"record_id" text PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"org_id" bigint NOT NULL,
	"item_key" text NOT NULL,
	"item_id" bigint NOT NULL,
	"obligation_id" bigint,
	"published_at" timestamp with time zone NOT NULL,
	"published_on" date NOT NULL,
	"publicity_ends_on" date,
	"versions" integer DEFAULT 1 NOT NULL,
	"corrected_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "compliance_due_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"obligation_id" bigint NOT NULL,
	"from_due" date,
	"to_due" date,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"org_id" bigint NOT NULL,
	"item_key" text NOT NULL,
	"item_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text NOT NULL,
	"registered_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"user_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "compliance_obligations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"org_id" bigint NOT NULL,
	"item_key" text NOT NULL,
	"item_id" bigint NOT NULL,
	"item_name" text NOT NULL,
	"item_seq" integer NOT NULL,
	"kind" text NOT NULL,
	"natural_key" text NOT NULL,
	"event_id" bigint,
	"period_key" text,
	"anchor_on" date NOT NULL,
	"basis" jsonb NOT NULL,
	"due_state" text NOT NULL,
	"due_on" date,
	"ref_on" date NOT NULL,
	"explanation" text NOT NULL,
	"trace" jsonb,
	"calendar_version" integer NOT NULL,
	"computed_from" text NOT NULL,
	"moved_note" text,
	"moved_at" timestamp with time zone,
	"fulfilled_record_id" text,
	"fulfilled_on" date,
	"fulfilled_at" timestamp with time zone,
	"publicity_ends_on" date,
	"reopened_note" text,
	"waived_at" timestamp with time zone,
	"waived_by" text,
	"waiver_reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_orders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" text NOT NULL,
	"obligation_id" bigint NOT NULL,
	"reason_kind" text NOT NULL,
	"instructions" text NOT NULL,
	"workdays" integer NOT NULL,
	"due_on" date,
	"due_explanation" text NOT NULL,
	"status" text NOT NULL,
	"issued_by_id" bigint NOT NULL,
	"issued_by_name" text NOT NULL,
	"issuer_org_name" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"response" text,
	"responded_by" text,
	"responded_at" timestamp with time zone,
	"closing_note" text,
	"closed_by" text,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "compliance_reminders" (
	"key" text PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" bigint,
	"obligation_id" bigint,
	"day" date NOT NULL,
	"email_status" text NOT NULL,
	"email_to" text,
	"email_error" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_sync" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"adopted_on" date NOT NULL,
	"catalog_id" bigint NOT NULL,
	"synced_on" date NOT NULL,
	"synced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "compliance_disclosures_org_item_idx" ON "compliance_disclosures" USING btree ("org_id","item_key");--> statement-breakpoint
CREATE INDEX "compliance_due_changes_obligation_idx" ON "compliance_due_changes" USING btree ("obligation_id");--> statement-breakpoint
CREATE INDEX "compliance_events_org_idx" ON "compliance_events" USING btree ("org_id","item_key");--> statement-breakpoint
CREATE INDEX "compliance_notifications_user_idx" ON "compliance_notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_obligations_key_uq" ON "compliance_obligations" USING btree ("org_id","item_key","natural_key");--> statement-breakpoint
CREATE INDEX "compliance_obligations_org_ref_idx" ON "compliance_obligations" USING btree ("org_id","ref_on");--> statement-breakpoint
CREATE INDEX "compliance_obligations_district_idx" ON "compliance_obligations" USING btree ("district_code","calendar_version");--> statement-breakpoint
CREATE INDEX "compliance_orders_path_idx" ON "compliance_orders" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "compliance_orders_obligation_idx" ON "compliance_orders" USING btree ("obligation_id");--> statement-breakpoint
CREATE INDEX "compliance_reminders_day_idx" ON "compliance_reminders" USING btree ("day");