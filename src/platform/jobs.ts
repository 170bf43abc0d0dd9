import type PgBoss from 'pg-boss';
import type { Database } from './db.ts';

/**
 * Background jobs on pg-boss, in the application's own database (its tables live in the
 * `pgboss` schema), through the same connection pool or embedded database. Jobs, their
 * schedules and their locks live in the database, so several instances share one queue and a
 * scheduled run happens once. Each job's handler must be idempotent: pg-boss retries failures.
 */

export interface JobDefinition {
  name: string;
  /** Cron schedule, e.g. '0 8 * * *'. */
  cron?: string;
  /** Time zone of the cron schedule. */
  tz?: string;
  /** Also queue one run right after start (with `{ startup: true }`), e.g. to catch up a missed day. */
  runAtStart?: boolean;
  handler(data: { startup?: boolean }): Promise<unknown>;
}

export interface Jobs {
  /** Queues a run and waits until it has finished; the result or the failure comes back. */
  run(name: string, timeoutMs?: number): Promise<unknown>;
  stop(): Promise<void>;
}

const SCHEMA = 'pgboss';

async function waitFor(boss: PgBoss, name: string, id: string, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await boss.getJobById(name, id);
    if (job?.state === 'completed') return job.output;
    if (job?.state === 'failed' || job?.state === 'cancelled') {
      throw new Error(`任务 ${name} 执行失败：${JSON.stringify(job.output ?? null)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`任务 ${name} 在 ${Math.round(timeoutMs / 1000)} 秒内没有完成`);
}

/**
 * Schedules live in the database and outlast the code that made them: a job renamed, removed or
 * no longer scheduled (the statistics job on PostgreSQL) would still be queued every hour to a
 * queue nobody works, piling up. The schedules of this start's definitions are the whole set.
 */
async function dropOldSchedules(boss: PgBoss, definitions: JobDefinition[]): Promise<void> {
  const scheduled = new Set(definitions.filter((d) => d.cron).map((d) => d.name));
  for (const schedule of await boss.getSchedules()) {
    if (!scheduled.has(schedule.name)) await boss.unschedule(schedule.name);
  }
}

/** Starts pg-boss, registers each job (queue, worker, schedule) and queues the start-up runs. */
export async function startJobs(db: Database, definitions: JobDefinition[], onError: (err: Error) => void): Promise<Jobs> {
  // Loaded here, not at the top: every `gongkai` command imports this file through server.ts.
  const { default: Boss } = await import('pg-boss');
  const boss = new Boss({
    db: { executeSql: (text, values) => db.executeSql(text, values) },
    schema: SCHEMA,
    supervise: true,
    schedule: true,
    migrate: true,
    retryLimit: 2,
    retryDelay: 60,
  });
  boss.on('error', onError);
  await boss.start();
  for (const def of definitions) {
    await boss.createQueue(def.name);
    await boss.work<{ startup?: boolean }>(def.name, { pollingIntervalSeconds: 1 }, async ([job]) => def.handler(job?.data ?? {}));
    if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: def.tz });
    // Instances started together (a rolling deploy) queue one start-up run per ten-minute slot.
    if (def.runAtStart) await boss.send(def.name, { startup: true }, { singletonKey: 'startup', singletonMinutes: 10 });
  }
  await dropOldSchedules(boss, definitions);
  let stopping: Promise<void> | null = null;
  return {
    async run(name, timeoutMs = 120_000) {
      const id = await boss.send(name, {});
      if (!id) throw new Error(`无法创建任务 ${name}`);
      return waitFor(boss, name, id, timeoutMs);
    },
    stop: () => (stopping ??= boss.stop({ graceful: true, wait: true, timeout: 5_000, close: false })),
  };
}
