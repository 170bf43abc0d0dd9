import type { Database } from './db.ts';
import type { JobDefinition } from './jobs.ts';

/*
 * Planner statistics for the embedded database. PostgreSQL's autovacuum gathers them on its own;
 * PGlite runs no autovacuum, so an embedded Gongkai never had any: every table looked empty to
 * the planner, which then joined a community's records to a sequential scan of all versions, per
 * row (O(records × versions) per page, growing with the years). On the demo, ANALYZE took the
 * server CPU of an uncached community page from ~19 to ~14 ms, the home page from ~21 to ~13 ms.
 */

export const STATISTICS_JOB = 'database-statistics';

/**
 * Has a table outgrown what the planner knows of it? As autovacuum decides, by growth: a table
 * twice the size it had when last analysed (never analysed: any size), past a few pages. A
 * check each hour and at start, rather than a nightly run, because an office PC switched off at
 * night would never see 3 a.m.
 */
async function outgrown(db: Database): Promise<boolean> {
  const { rows } = await db.executeSql(
    `select exists (
       select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r'
         and pg_relation_size(c.oid) > 8192 * greatest(2 * c.relpages, 4)
     ) as outgrown`,
  );
  return rows[0]?.outgrown === true;
}

/** ANALYZE on the embedded database when a table has outgrown its statistics (`always`: regardless). PostgreSQL: nothing to do. */
export async function refreshStatistics(db: Database, opts: { always?: boolean } = {}): Promise<'analysed' | 'skipped'> {
  if (db.kind !== 'pglite') return 'skipped';
  if (!opts.always && !(await outgrown(db))) return 'skipped';
  await db.executeSql('analyze');
  return 'analysed';
}

export function statisticsJobs(db: Database): JobDefinition[] {
  if (db.kind !== 'pglite') return [];
  return [{ name: STATISTICS_JOB, cron: '23 * * * *', tz: 'Asia/Shanghai', runAtStart: true, handler: () => refreshStatistics(db) }];
}
