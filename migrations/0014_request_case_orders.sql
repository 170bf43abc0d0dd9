CREATE TABLE "compliance_case_duties" (
	"case_id" bigint PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date,
	"ref_on" date NOT NULL,
	"answered_on" date,
	"dropped" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compliance_orders" ALTER COLUMN "obligation_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "compliance_orders" ALTER COLUMN "issued_by_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "compliance_orders" ADD COLUMN "case_id" bigint;--> statement-breakpoint
ALTER TABLE "compliance_orders" ADD COLUMN "case_title" text;--> statement-breakpoint
ALTER TABLE "request_cases" ADD COLUMN "charge" jsonb;--> statement-breakpoint
ALTER TABLE "request_cases" ADD COLUMN "volume" jsonb;--> statement-breakpoint
ALTER TABLE "request_cases" ADD COLUMN "order_id" bigint;--> statement-breakpoint
ALTER TABLE "request_cases" ADD COLUMN "disputed_on" date;--> statement-breakpoint
CREATE INDEX "compliance_case_duties_path_idx" ON "compliance_case_duties" USING btree ("org_path" text_pattern_ops,"ref_on");--> statement-breakpoint
CREATE UNIQUE INDEX "compliance_orders_case_uq" ON "compliance_orders" USING btree ("case_id");--> statement-breakpoint
ALTER TABLE "compliance_orders" ADD CONSTRAINT "compliance_orders_one_subject" CHECK (("compliance_orders"."obligation_id" is null) <> ("compliance_orders"."case_id" is null));