ALTER TABLE "catalogs" ADD COLUMN "columns" jsonb;--> statement-breakpoint
ALTER TABLE "catalogs" ADD COLUMN "column_mapping" jsonb;