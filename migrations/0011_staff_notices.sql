CREATE TABLE "channel_staff_groups" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"url" text NOT NULL,
	"secret" text,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "compliance_group_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"org_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"detail" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "compliance_notifications" ADD COLUMN "email_state" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "compliance_notifications" ADD COLUMN "email_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "compliance_notifications" ADD COLUMN "email_next_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "compliance_notifications" ADD COLUMN "email_detail" text;--> statement-breakpoint
CREATE INDEX "compliance_group_notices_due_idx" ON "compliance_group_notices" USING btree ("next_attempt_at") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "compliance_notifications_email_idx" ON "compliance_notifications" USING btree ("email_next_at") WHERE email_state = 'pending';