CREATE TABLE "compliance_tallies" (
	"org_id" bigint NOT NULL,
	"period" text NOT NULL,
	"item_key" text NOT NULL,
	"item_name" text NOT NULL,
	"item_seq" integer NOT NULL,
	"done_on_time" integer NOT NULL,
	"done_late" integer NOT NULL,
	"waived" integer NOT NULL,
	CONSTRAINT "compliance_tallies_period_item_key_org_id_pk" PRIMARY KEY("period","item_key","org_id")
);
--> statement-breakpoint
CREATE INDEX "compliance_tallies_org_idx" ON "compliance_tallies" USING btree ("org_id","period");--> statement-breakpoint
CREATE INDEX "compliance_obligations_open_idx" ON "compliance_obligations" USING btree ("org_id","ref_on","due_on","item_key","item_seq","item_name") WHERE fulfilled_on is null and waived_at is null;--> statement-breakpoint
-- Hand-written below: compliance_tallies is kept by statement-level triggers on
-- compliance_obligations, so a tally changes in the same transaction as what it counts, and a
-- bulk INSERT … SELECT (the scale generator) is counted in one grouped upsert, not per row.
-- NULL: still open (counted live, its status moves with “today”). Same decision as statusSql.
CREATE FUNCTION compliance_closed_status(waived_at timestamptz, fulfilled_on date, due_on date) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN waived_at IS NOT NULL THEN 'waived'
    WHEN fulfilled_on IS NULL THEN NULL
    WHEN due_on IS NULL OR fulfilled_on <= due_on THEN 'done_on_time'
    ELSE 'done_late' END
$$;
--> statement-breakpoint
-- The statement adding the closed obligations of `src` (a query of d, org_id, item_key, item_name,
-- item_seq, ref_on, status; d = +1 or -1) to their year and month, per item and for all items ('').
-- Returned as text for the trigger to EXECUTE itself: only its own SPI connection sees the
-- transition tables. Ordered by key so concurrent writers lock tally rows in one order.
CREATE FUNCTION compliance_tallies_sql(src text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    INSERT INTO compliance_tallies AS t (org_id, period, item_key, item_name, item_seq, done_on_time, done_late, waived)
    SELECT c.org_id, k.period, k.item_key, max(k.item_name), min(k.item_seq),
      coalesce(sum(c.d) FILTER (WHERE c.status = 'done_on_time'), 0), coalesce(sum(c.d) FILTER (WHERE c.status = 'done_late'), 0),
      coalesce(sum(c.d) FILTER (WHERE c.status = 'waived'), 0)
    FROM (%s) c
    CROSS JOIN LATERAL (VALUES
      (to_char(c.ref_on, 'YYYY'), c.item_key, c.item_name, c.item_seq),
      (to_char(c.ref_on, 'YYYY-MM'), c.item_key, c.item_name, c.item_seq),
      (to_char(c.ref_on, 'YYYY'), '', '', 0),
      (to_char(c.ref_on, 'YYYY-MM'), '', '', 0)) AS k(period, item_key, item_name, item_seq)
    WHERE c.status IS NOT NULL
    GROUP BY c.org_id, k.period, k.item_key
    ORDER BY c.org_id, k.period, k.item_key
    ON CONFLICT (org_id, period, item_key) DO UPDATE SET
      done_on_time = t.done_on_time + excluded.done_on_time,
      done_late = t.done_late + excluded.done_late,
      waived = t.waived + excluded.waived,
      item_name = greatest(t.item_name, excluded.item_name),
      item_seq = least(t.item_seq, excluded.item_seq)
  $q$, src)
$$;
--> statement-breakpoint
CREATE FUNCTION compliance_tallies_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  cols constant text := 'org_id, item_key, item_name, item_seq, ref_on, compliance_closed_status(waived_at, fulfilled_on, due_on) AS status';
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE compliance_tallies_sql(format('SELECT 1 AS d, %s FROM new_rows', cols));
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE compliance_tallies_sql(format('SELECT -1 AS d, %s FROM old_rows', cols));
  ELSE
    -- Only rows whose counted key or closed status moved: a due-date sync of open rows writes nothing here.
    EXECUTE compliance_tallies_sql(format($q$
      WITH moved AS (
        SELECT o.id FROM old_rows o JOIN new_rows n USING (id)
        WHERE (o.org_id, o.item_key, o.ref_on, compliance_closed_status(o.waived_at, o.fulfilled_on, o.due_on))
          IS DISTINCT FROM (n.org_id, n.item_key, n.ref_on, compliance_closed_status(n.waived_at, n.fulfilled_on, n.due_on)))
      SELECT -1 AS d, %1$s FROM old_rows WHERE id IN (SELECT id FROM moved)
      UNION ALL SELECT 1 AS d, %1$s FROM new_rows WHERE id IN (SELECT id FROM moved)$q$, cols));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER compliance_tallies_insert AFTER INSERT ON compliance_obligations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION compliance_tallies_trigger();
--> statement-breakpoint
CREATE TRIGGER compliance_tallies_update AFTER UPDATE ON compliance_obligations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION compliance_tallies_trigger();
--> statement-breakpoint
CREATE TRIGGER compliance_tallies_delete AFTER DELETE ON compliance_obligations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION compliance_tallies_trigger();
--> statement-breakpoint
-- Backfill: what the triggers would have counted for the rows already there.
DO $$ BEGIN
  EXECUTE compliance_tallies_sql('SELECT 1 AS d, org_id, item_key, item_name, item_seq, ref_on, compliance_closed_status(waived_at, fulfilled_on, due_on) AS status FROM compliance_obligations');
END $$;
--> statement-breakpoint
ANALYZE compliance_tallies;
