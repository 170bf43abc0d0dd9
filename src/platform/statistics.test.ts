/*
 * The embedded database runs no autovacuum: without these runs its planner never had statistics
 * (every page planned as if the tables were empty). PostgreSQL gathers its own; nothing runs there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, databaseKinds, type TestDeps } from '../../test/support/db.ts';
import { startJobs } from './jobs.ts';
import { refreshStatistics, STATISTICS_JOB, statisticsJobs } from './statistics.ts';

describe.each(databaseKinds)('planner statistics on $name', (kind) => {
  let deps: TestDeps;
  const analysed = async (table: string) =>
    (await deps.db.executeSql(`select count(*)::int as n from pg_statistic where starelid = '${table}'::regclass`)).rows[0]!.n as number;
  const grow = (table: string, rows: number) => deps.db.executeSql(`insert into ${table} select g, repeat('居务公开', 10) from generate_series(1, ${rows}) g`);

  beforeAll(async () => {
    deps = await createTestDeps(kind);
  }, 120_000);
  afterAll(() => deps.dispose());

  it.runIf(kind.name === 'pglite')('analyses the embedded database when a table outgrows its statistics, not before', async () => {
    await deps.db.executeSql('create table stats_probe (id int, note text)');
    await refreshStatistics(deps.db, { always: true }); // what the demo load leaves
    expect(await refreshStatistics(deps.db)).toBe('skipped'); // a restart: nothing grew
    await grow('stats_probe', 2_000); // ~200 KB: a table the planner has only seen empty
    expect(await refreshStatistics(deps.db)).toBe('analysed');
    expect(await analysed('stats_probe')).toBeGreaterThan(0);
    expect(await refreshStatistics(deps.db)).toBe('skipped');
    await grow('stats_probe', 500); // +25 %: its statistics still hold
    expect(await refreshStatistics(deps.db)).toBe('skipped');
    await grow('stats_probe', 3_000); // twice the size it was analysed at
    expect(await refreshStatistics(deps.db)).toBe('analysed');
    // The sample ANALYZE keeps in PGlite's heap, which never shrinks, is 300 × this target.
    expect((await deps.db.executeSql('show default_statistics_target')).rows[0]!.default_statistics_target).toBe('10');
  });

  it.runIf(kind.name === 'pglite')('runs as an hourly job', async () => {
    await grow('stats_probe', 20_000);
    const definitions = statisticsJobs(deps.db).map((d) => ({ ...d, runAtStart: false })); // only the run asked for below
    const jobs = await startJobs(deps.db, definitions, (err) => {
      throw err;
    });
    try {
      expect(await jobs.run(STATISTICS_JOB)).toEqual({ value: 'analysed' }); // pg-boss keeps a plain result as { value }
      expect(await jobs.run(STATISTICS_JOB)).toEqual({ value: 'skipped' });
      const { rows } = await deps.db.executeSql(`select cron from pgboss.schedule where name = $1`, [STATISTICS_JOB]);
      expect(rows).toEqual([{ cron: '23 * * * *' }]);
    } finally {
      await jobs.stop();
    }
  }, 60_000);

  it.runIf(kind.name === 'postgres')('leaves PostgreSQL to its autovacuum', async () => {
    expect(statisticsJobs(deps.db)).toEqual([]);
    expect(await refreshStatistics(deps.db, { always: true })).toBe('skipped');
  });
});
