CREATE TABLE "catalog_acknowledgements" (
	"org_id" bigint NOT NULL,
	"owner_org_id" bigint NOT NULL,
	"catalog_id" bigint NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL,
	CONSTRAINT "catalog_acknowledgements_org_id_owner_org_id_pk" PRIMARY KEY("org_id","owner_org_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"catalog_id" bigint NOT NULL,
	"district_code" text NOT NULL,
	"seq" integer NOT NULL,
	"item_key" text NOT NULL,
	"domain" text,
	"category" text,
	"name" text NOT NULL,
	"content" text NOT NULL,
	"website_column" text,
	"legal_basis" jsonb NOT NULL,
	"responsible_bodies" jsonb NOT NULL,
	"time_limit_text" text NOT NULL,
	"rules" jsonb NOT NULL,
	"channels" jsonb NOT NULL,
	"audience_society" boolean,
	"audience_specific" boolean,
	"method_proactive" boolean,
	"method_on_request" boolean,
	"level" text,
	"source" jsonb NOT NULL,
	"prompt_days" integer
);
--> statement-breakpoint
CREATE TABLE "catalogs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"owner_org_id" bigint NOT NULL,
	"district_code" text NOT NULL,
	"title" text NOT NULL,
	"source_file_name" text NOT NULL,
	"source_sha256" text NOT NULL,
	"layout" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"effective_date" date,
	"warnings" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"activated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "item_channel_choices" (
	"org_id" bigint NOT NULL,
	"item_key" text NOT NULL,
	"district_code" text NOT NULL,
	"channels" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "item_channel_choices_org_id_item_key_pk" PRIMARY KEY("org_id","item_key")
);
--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_catalog_id_catalogs_id_fk" FOREIGN KEY ("catalog_id") REFERENCES "public"."catalogs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_items_catalog_idx" ON "catalog_items" USING btree ("catalog_id","seq");--> statement-breakpoint
CREATE INDEX "catalogs_owner_idx" ON "catalogs" USING btree ("owner_org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "catalogs_owner_version_uq" ON "catalogs" USING btree ("owner_org_id","version");