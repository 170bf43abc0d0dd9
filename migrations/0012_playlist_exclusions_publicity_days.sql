ALTER TABLE "channel_playlists" ADD COLUMN "excluded" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "record_item_settings" ADD COLUMN "publicity_days" integer;