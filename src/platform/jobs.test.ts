/*
 * Two instances on one database (issue 14): each starts the same jobs, as two processes behind
 * nginx would. A queued run happens on one of them only, and the start-up runs of instances
 * started together are one run. On PostgreSQL the second instance has its own connection pool.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Database } from './db.ts';
import { migrate } from './migrate.ts';
import { startJobs, untilGivenUp, type JobDefinition, type Jobs } from './jobs.ts';
import { getEventListeners } from 'node:events';
import { databaseKinds, type TestDatabase } from '../../test/support/db.ts';

describe.each(databaseKinds)('jobs shared by two instances on $name', (kind) => {
  let test: TestDatabase;
  let second: Database;
  const runs: { instance: string; name: string; startup: boolean }[] = [];
  const instances: Jobs[] = [];

  const definitions = (instance: string): JobDefinition[] => [
    { name: 'count-once', handler: async (data) => void runs.push({ instance, name: 'count-once', startup: Boolean(data.startup) }) },
    { name: 'at-start', runAtStart: true, handler: async (data) => void runs.push({ instance, name: 'at-start', startup: Boolean(data.startup) }) },
  ];

  beforeAll(async () => {
    test = await kind.create();
    await migrate(test.db);
    second = test.url ? await openDatabase({ kind: 'postgres', url: test.url }) : test.db;
    const fail = (err: Error) => {
      throw err;
    };
    instances.push(await startJobs(test.db, definitions('A'), fail));
    instances.push(await startJobs(second, definitions('B'), fail));
  }, 60_000);

  afterAll(async () => {
    for (const jobs of instances) await jobs.stop();
    if (second !== test.db) await second.close();
    await test.dispose();
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 2_500)); // both poll every second

  it('runs a job queued on one instance exactly once across both', async () => {
    await instances[0]!.run('count-once', 20_000);
    await instances[1]!.run('count-once', 20_000);
    await settle();
    expect(runs.filter((r) => r.name === 'count-once')).toHaveLength(2);
  }, 60_000);

  it('runs the start-up job once although both instances started', async () => {
    await settle();
    const startups = runs.filter((r) => r.name === 'at-start' && r.startup);
    expect(startups).toHaveLength(1);
  }, 30_000);
});

describe.each(databaseKinds)('job schedules on $name', (kind) => {
  it('drops the schedule of a job the new version no longer has, and keeps the others', async () => {
    const test = await kind.create();
    try {
      await migrate(test.db);
      const fail = (err: Error) => {
        throw err;
      };
      const job = (name: string, cron?: string): JobDefinition => ({ name, cron, handler: async () => undefined });
      const old = await startJobs(test.db, [job('kept', '0 8 * * *'), job('retired', '15 * * * *')], fail);
      await old.stop();
      const next = await startJobs(test.db, [job('kept', '0 8 * * *'), job('retired')], fail);
      await next.stop();
      const rows = await test.db.executeSql('select name, cron from pgboss.schedule order by name');
      expect(rows.rows).toEqual([{ name: 'kept', cron: '0 8 * * *' }]);
    } finally {
      await test.dispose();
    }
  }, 60_000);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fresh database with the schema, and the unhandled rejections seen while `body` runs: a body
 * stops jobs, closes the database itself and waits a moment for anything still reaching for it.
 */
async function watchingRejections(kind: (typeof databaseKinds)[number], body: (test: TestDatabase, rejections: unknown[]) => Promise<void>): Promise<void> {
  const test = await kind.create();
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => void rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  try {
    await migrate(test.db);
    await body(test, rejections);
  } finally {
    process.off('unhandledRejection', onRejection);
  }
}

describe.each(databaseKinds)('stopping while jobs run on $name', (kind) => {
  // A province's start-up sync was still running when the server was stopped: pg-boss recorded
  // its end after the database had closed, and the unhandled rejection ended the process.
  it('ends a run that heeds the stop, gives up one that does not, and nothing fails once the database is closed', () =>
    watchingRejections(kind, async (test, rejections) => {
      const started = new Set<string>();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const jobs = await startJobs(
        test.db,
        [
          {
            name: 'heeds-stop',
            handler: async (_data, stopping) => {
              started.add('heeds-stop');
              for (;;) {
                stopping.throwIfAborted();
                await test.db.executeSql('select 1');
                await sleep(50);
              }
            },
          },
          {
            name: 'ignores-stop',
            handler: async () => {
              started.add('ignores-stop');
              await released;
              await test.db.executeSql('select 1');
            },
          },
        ],
        () => undefined,
      );
      for (const name of ['heeds-stop', 'ignores-stop']) void jobs.run(name, 60_000).catch(() => undefined);
      await vi.waitFor(() => expect(started.size).toBe(2), { timeout: 20_000, interval: 100 });
      const stopAt = Date.now();
      await jobs.stop();
      const took = Date.now() - stopAt;
      const { rows } = await test.db.executeSql(`select name, state from pgboss.job where name like '%-stop' order by name`);
      await test.dispose();
      release(); // the run given up now reaches for the closed database
      await sleep(1_500);
      // Both are recorded as not done, so pg-boss runs them again after the next start.
      expect(rows).toEqual([
        { name: 'heeds-stop', state: 'retry' },
        { name: 'ignores-stop', state: 'retry' },
      ]);
      expect(took).toBeLessThan(6_000);
      expect(rejections).toEqual([]);
    }), 60_000);
});

describe.each(databaseKinds)('a job fetched as the stop begins on $name', (kind) => {
  // pg-boss hands over what a fetch already under way returns, even after its stop began; the
  // handler then ran against the closed database and ended the server (found in review).
  it('is not run, goes back to retry, and nothing fails once the database is closed', () =>
    watchingRejections(kind, async (test, rejections) => {
      let slow = false;
      let fetching!: () => void;
      const fetchStarted = new Promise<void>((resolve) => (fetching = resolve));
      // The same database, with the job fetch held back 300 ms once `slow` is set.
      const db = Object.assign(Object.create(test.db) as Database, {
        executeSql: async (text: string, values?: unknown[]) => {
          if (slow && /skip locked/i.test(text)) {
            fetching();
            await sleep(300);
          }
          return test.db.executeSql(text, values);
        },
      });
      const ran: string[] = [];
      const jobs = await startJobs(db, [{ name: 'late-fetch', handler: async () => void ran.push('late-fetch') }], () => undefined);
      slow = true;
      void jobs.run('late-fetch', 60_000).catch(() => undefined);
      await fetchStarted;
      await jobs.stop();
      const { rows } = await test.db.executeSql(`select state from pgboss.job where name = 'late-fetch'`);
      await test.dispose();
      await sleep(1_000);
      expect(ran).toEqual([]);
      expect(rows).toEqual([{ state: 'retry' }]);
      expect(rejections).toEqual([]);
    }), 60_000);
});

describe('a run and the stop signal', () => {
  it('lets go of the signal when the run ends, so a per-minute job does not pile up listeners', async () => {
    const stopping = new AbortController();
    for (let i = 0; i < 20; i++) await untilGivenUp(Promise.resolve(i), stopping.signal);
    await untilGivenUp(Promise.reject(new Error('失败')), stopping.signal).catch(() => undefined);
    expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(0);
  });

  it('gives up a run that outlives the stop, and passes on one that ends in time', async () => {
    const stopping = new AbortController();
    const quick = untilGivenUp(new Promise((resolve) => setTimeout(() => resolve('做完了'), 50)), stopping.signal);
    const stuck = untilGivenUp(new Promise(() => undefined), stopping.signal);
    stopping.abort();
    await expect(quick).resolves.toBe('做完了');
    await expect(stuck).rejects.toThrow('服务器正在关闭');
  }, 10_000);
});
