/*
 * The embedded database runs no autovacuum: without these runs its planner never had statistics
 * (every page planned as if the tables were empty). PostgreSQL gathers its own; nothing runs there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, databaseKinds, type TestDeps } from '../../test/support/db.ts';
import { publishRecord, seedRecordWorld } from '../../test/support/records.ts';
import { startJobs } from './jobs.ts';
import { refreshStatistics, STATISTICS_JOB, statisticsJobs } from './statistics.ts';

describe.each(databaseKinds)('planner statistics on $name', (kind) => {
  let deps: TestDeps;
  const recordsAnalysed = async () =>
    (await deps.db.executeSql(`select count(*)::int as n from pg_statistic where starelid = 'records'::regclass`)).rows[0]!.n as number;
  const forget = () => deps.db.executeSql(`delete from pg_statistic where starelid = 'records'::regclass`);

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedRecordWorld(deps);
    await publishRecord(deps, 'a', '财务收支情况', { title: '一月财务收支', bodyMd: '收支' });
  }, 120_000);
  afterAll(() => deps.dispose());

  it.runIf(kind.name === 'pglite')('analyses the embedded database, at start only when it never was, with a small sample', async () => {
    await forget();
    expect(await recordsAnalysed()).toBe(0);
    expect(await refreshStatistics(deps.db, { unlessPresent: true })).toBe('analysed');
    expect(await recordsAnalysed()).toBeGreaterThan(0);
    expect(await refreshStatistics(deps.db, { unlessPresent: true })).toBe('skipped'); // a restart
    // The sample ANALYZE keeps in PGlite's heap, which never shrinks, is 300 × this target.
    expect((await deps.db.executeSql('show default_statistics_target')).rows[0]!.default_statistics_target).toBe('10');
  });

  it.runIf(kind.name === 'pglite')('runs as a job (nightly and at start)', async () => {
    await forget();
    const jobs = await startJobs(deps.db, statisticsJobs(deps.db), (err) => {
      throw err;
    });
    try {
      expect(await jobs.run(STATISTICS_JOB)).toEqual({ value: 'analysed' }); // pg-boss keeps a plain result as { value }
      expect(await recordsAnalysed()).toBeGreaterThan(0);
    } finally {
      await jobs.stop();
    }
  }, 60_000);

  it.runIf(kind.name === 'postgres')('leaves PostgreSQL to its autovacuum', async () => {
    expect(statisticsJobs(deps.db)).toEqual([]);
    await forget();
    expect(await refreshStatistics(deps.db)).toBe('skipped');
    expect(await recordsAnalysed()).toBe(0);
  });
});
