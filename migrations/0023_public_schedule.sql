CREATE TABLE "public_schedule" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_path" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "public_schedule_path_at_idx" ON "public_schedule" USING btree ("org_path","at");--> statement-breakpoint
-- Hand-written: publications already scheduled when this runs, one row per path of the lineage
-- ('/a/b/c/' gives '/', '/a/', '/a/b/', '/a/b/c/'), so they too move the key when they go live.
INSERT INTO "public_schedule" ("org_path", "at")
SELECT lineage.path, v.published_at
FROM "record_versions" v
JOIN "records" r ON r.id = v.record_id
CROSS JOIN LATERAL (
  SELECT '/' AS path
  UNION ALL
  SELECT '/' || array_to_string(codes[1:n], '/') || '/'
  FROM (SELECT string_to_array(trim(both '/' from r.org_path), '/') AS codes) c, generate_series(1, cardinality(c.codes)) n
) lineage
WHERE v.status = 'published' AND v.published_at > now();
