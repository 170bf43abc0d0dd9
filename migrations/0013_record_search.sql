CREATE TABLE "record_search" (
	"record_id" bigint PRIMARY KEY NOT NULL,
	"org_id" bigint NOT NULL,
	"org_path" text NOT NULL,
	"audience" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"list_ends_on" date,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"grams" text[] NOT NULL
);
--> statement-breakpoint
DROP INDEX "record_versions_search_title_trgm";--> statement-breakpoint
DROP INDEX "record_versions_search_body_trgm";--> statement-breakpoint
ALTER TABLE "record_search" ADD CONSTRAINT "record_search_record_id_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "record_search_grams_gin" ON "record_search" USING gin ("grams");--> statement-breakpoint
CREATE INDEX "record_search_path_idx" ON "record_search" USING btree ("org_path" text_pattern_ops,"published_at");--> statement-breakpoint
-- Every character and every pair of adjacent characters of a normalised text, none holding a
-- space: the keys of record_search's GIN index. One definition for publication, this backfill and
-- the scale generator (bench/scale), so the index and the queries cannot disagree.
CREATE FUNCTION record_search_grams(doc text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}'::text[]) FROM (
    SELECT substr(doc, i, 1) AS g FROM generate_series(1, length(doc)) AS i
    UNION ALL
    SELECT substr(doc, i, 2) FROM generate_series(1, length(doc) - 1) AS i
  ) AS s WHERE g !~ '\s'
$$;--> statement-breakpoint
INSERT INTO "record_search" ("record_id", "org_id", "org_path", "audience", "published_at", "list_ends_on", "title", "body", "grams")
SELECT r."id", r."org_id", r."org_path", v."audience", v."published_at",
       CASE WHEN v."personal_list" THEN v."publicity_ends_on" END,
       lower(normalize(coalesce(v."search_title", ''), NFKC)), lower(normalize(coalesce(v."search_body", ''), NFKC)),
       record_search_grams(lower(normalize(coalesce(v."search_title", '') || E'\n' || coalesce(v."search_body", ''), NFKC)))
FROM "records" r JOIN "record_versions" v ON v."record_id" = r."id" AND v."version" = r."current_version"
WHERE r."withdrawn_at" IS NULL AND v."published_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "record_versions" DROP COLUMN "search_title";--> statement-breakpoint
ALTER TABLE "record_versions" DROP COLUMN "search_body";--> statement-breakpoint
CREATE INDEX "records_first_published_idx" ON "records" USING btree ("first_published_at","id");