CREATE TABLE "compliance_versions" (
	"district_code" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
-- Hand-written below: every statement that changes what the dashboards count moves the counter of
-- each district it touched ('' for calendar entries every district shares), in the same
-- transaction, so a dashboard kept in memory under the counter it read is never served after a
-- change, on any instance. Statement triggers: a bulk write moves each counter once. Districts in
-- key order, so concurrent writers lock the counter rows in one order. Values come from one
-- sequence, so a counter never returns to a value it had (a row deleted or a table truncated).
CREATE SEQUENCE compliance_versions_seq;
--> statement-breakpoint
CREATE FUNCTION compliance_versions_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO compliance_versions AS v (district_code, version)
      SELECT d, nextval('compliance_versions_seq') FROM (SELECT DISTINCT coalesce(district_code, '') FROM new_rows ORDER BY 1) x(d)
      ON CONFLICT (district_code) DO UPDATE SET version = excluded.version;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO compliance_versions AS v (district_code, version)
      SELECT d, nextval('compliance_versions_seq') FROM (SELECT DISTINCT coalesce(district_code, '') FROM old_rows ORDER BY 1) x(d)
      ON CONFLICT (district_code) DO UPDATE SET version = excluded.version;
  ELSIF TG_OP = 'TRUNCATE' THEN
    -- Every district's key includes the shared counter.
    INSERT INTO compliance_versions AS v (district_code, version) VALUES ('', nextval('compliance_versions_seq'))
      ON CONFLICT (district_code) DO UPDATE SET version = excluded.version;
  ELSE
    INSERT INTO compliance_versions AS v (district_code, version)
      SELECT d, nextval('compliance_versions_seq') FROM (SELECT coalesce(district_code, '') FROM old_rows UNION SELECT coalesce(district_code, '') FROM new_rows ORDER BY 1) x(d)
      ON CONFLICT (district_code) DO UPDATE SET version = excluded.version;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['compliance_obligations', 'compliance_orders', 'compliance_case_duties', 'compliance_sync', 'organisations', 'calendar_years'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION compliance_versions_bump()', t || '_version_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION compliance_versions_bump()', t || '_version_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION compliance_versions_bump()', t || '_version_delete', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION compliance_versions_bump()', t || '_version_truncate', t);
  END LOOP;
END $$;
