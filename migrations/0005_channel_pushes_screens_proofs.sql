CREATE TABLE "channel_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"district_code" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" bigint NOT NULL,
	"record_id" text NOT NULL,
	"record_version" integer NOT NULL,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"claimed_until" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"response_status" integer,
	"detail" text,
	"response" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_playlists" (
	"org_id" bigint PRIMARY KEY NOT NULL,
	"district_code" text NOT NULL,
	"entries" jsonb NOT NULL,
	"default_seconds" integer NOT NULL,
	"on_hours" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_proofs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"district_code" text NOT NULL,
	"record_id" text NOT NULL,
	"channel" text NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"posted_by" text NOT NULL,
	"posted_by_id" bigint,
	"note" text NOT NULL,
	"photo_sha256" text,
	"photo_mime" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "channel_screen_plays" (
	"screen_id" bigint NOT NULL,
	"record_id" text NOT NULL,
	"version" integer NOT NULL,
	"day" date NOT NULL,
	"org_id" bigint NOT NULL,
	"district_code" text NOT NULL,
	"first_shown_at" timestamp with time zone NOT NULL,
	"last_shown_at" timestamp with time zone NOT NULL,
	"plays" integer NOT NULL,
	"seconds" integer NOT NULL,
	CONSTRAINT "channel_screen_plays_screen_id_record_id_version_day_pk" PRIMARY KEY("screen_id","record_id","version","day")
);
--> statement-breakpoint
CREATE TABLE "channel_screens" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"district_code" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_hint" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "channel_subscriptions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"district_code" text NOT NULL,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"item_keys" jsonb NOT NULL,
	"user_id" bigint,
	"token" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"confirmed_at" timestamp with time zone,
	"unsubscribed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "channel_webhooks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"district_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"format" text NOT NULL,
	"url" text NOT NULL,
	"secret" text,
	"counts_as" text,
	"enabled" boolean NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "channel_deliveries_once_uq" ON "channel_deliveries" USING btree ("target_kind","target_id","record_id","record_version");--> statement-breakpoint
CREATE INDEX "channel_deliveries_due_idx" ON "channel_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "channel_deliveries_record_idx" ON "channel_deliveries" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "channel_proofs_record_idx" ON "channel_proofs" USING btree ("record_id");--> statement-breakpoint
CREATE INDEX "channel_screen_plays_record_idx" ON "channel_screen_plays" USING btree ("record_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_screens_token_uq" ON "channel_screens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "channel_screens_org_idx" ON "channel_screens" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_subscriptions_address_uq" ON "channel_subscriptions" USING btree ("org_id","channel","address");--> statement-breakpoint
CREATE UNIQUE INDEX "channel_subscriptions_token_uq" ON "channel_subscriptions" USING btree ("token");--> statement-breakpoint
CREATE INDEX "channel_webhooks_org_idx" ON "channel_webhooks" USING btree ("org_id");