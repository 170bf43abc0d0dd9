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

/** Has this database ever been analysed? (The records table stands for all: ANALYZE does every table.) */
async function hasStatistics(db: Database): Promise<boolean> {
  const { rows } = await db.executeSql(`select exists (select 1 from pg_statistic where starelid = 'records'::regclass) as present`);
  return rows[0]?.present === true;
}

/**
 * ANALYZE on the embedded database (PostgreSQL: nothing to do). `unlessPresent`: only when it has
 * never been analysed, so a restart does not pay for it again.
 */
export async function refreshStatistics(db: Database, opts: { unlessPresent?: boolean } = {}): Promise<'analysed' | 'skipped'> {
  if (db.kind !== 'pglite') return 'skipped';
  if (opts.unlessPresent && (await hasStatistics(db))) return 'skipped';
  await db.executeSql('analyze');
  return 'analysed';
}

/** Nightly, as the data grows; and once at start for a database made before statistics were kept. */
export function statisticsJobs(db: Database): JobDefinition[] {
  if (db.kind !== 'pglite') return [];
  return [{ name: STATISTICS_JOB, cron: '23 3 * * *', tz: 'Asia/Shanghai', runAtStart: true, handler: (data) => refreshStatistics(db, { unlessPresent: data.startup === true }) }];
}
