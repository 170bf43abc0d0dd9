CREATE TABLE "request_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"case_id" bigint NOT NULL,
	"action" text NOT NULL,
	"on_day" date NOT NULL,
	"note" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_cases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"tracking_code" text NOT NULL,
	"state" text NOT NULL,
	"subject" text NOT NULL,
	"details" text NOT NULL,
	"record_id" text,
	"record_title" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"applicant_name" text,
	"applicant_phone" text,
	"applicant_contact" text,
	"received_on" date NOT NULL,
	"correction_deadline" date,
	"corrected_on" date,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"open_pause_from" date,
	"extended" boolean DEFAULT false NOT NULL,
	"due_on" date,
	"extended_due_on" date,
	"due_explanation" text NOT NULL,
	"assigned_to_id" bigint,
	"assigned_to_name" text,
	"reply_kind" text,
	"outcome" text,
	"reply_text" text,
	"replied_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "request_query_settings" (
	"district_code" text PRIMARY KEY NOT NULL,
	"days" integer NOT NULL,
	"unit" text NOT NULL,
	"basis" text NOT NULL,
	"allow_anonymous" boolean NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "request_steps_case_idx" ON "request_steps" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "request_cases_tracking_uq" ON "request_cases" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "request_cases_org_idx" ON "request_cases" USING btree ("district_code","org_path","state");--> statement-breakpoint
CREATE INDEX "request_cases_record_idx" ON "request_cases" USING btree ("record_id");