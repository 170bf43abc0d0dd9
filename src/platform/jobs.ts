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
  /**
   * `stopping` is aborted when the server stops: a long run checks it between steps and ends
   * there (signal.throwIfAborted()); pg-boss then retries the run after the next start.
   */
  handler(data: { startup?: boolean }, stopping: AbortSignal): Promise<unknown>;
}

export interface Jobs {
  /** Queues a run and waits until it has finished; the result or the failure comes back. */
  run(name: string, timeoutMs?: number): Promise<unknown>;
  stop(): Promise<void>;
}

const SCHEMA = 'pgboss';
// pg-boss waits this long for running jobs when the server stops, then the database is closed.
const STOP_TIMEOUT_MS = 5_000;
// A run that ignores `stopping` is given up this long after it (before STOP_TIMEOUT_MS), so that
// pg-boss records it as failed while the database is still open.
const GIVE_UP_MS = 3_500;

/**
 * What pg-boss waits for: the run, or a failure once the server has been stopping for GIVE_UP_MS.
 * pg-boss records a run's end without awaiting it; a run that ended after the database closed
 * made that write fail as an unhandled rejection, which ended the stopping server with a stack
 * trace (seen when a province's start-up sync was still running). A run given up may go on
 * alone: its own failure against the closed database is expected and dropped here.
 */
export function untilGivenUp(run: Promise<unknown>, stopping: AbortSignal): Promise<unknown> {
  run.catch(() => undefined);
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const giveUp = () => (timer = setTimeout(() => reject(new Error('服务器正在关闭，任务没有做完，下次启动后将重试。')), GIVE_UP_MS).unref());
    // Every run of a per-minute job listens on the one signal: the listener goes with the run.
    const ended = () => {
      stopping.removeEventListener('abort', giveUp);
      clearTimeout(timer);
    };
    run.then(
      (value) => (ended(), resolve(value)),
      (error: unknown) => (ended(), reject(error)),
    );
    if (stopping.aborted) giveUp();
    else stopping.addEventListener('abort', giveUp, { once: true });
  });
}

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
  // pg-boss records a run's end without awaiting it: its statements in flight are counted here,
  // and stop() waits for them, so a run's end is written before the database closes.
  const inFlight = new Set<Promise<unknown>>();
  const executeSql = (text: string, values?: unknown[]) => {
    const statement = db.executeSql(text, values);
    inFlight.add(statement);
    statement.then(
      () => inFlight.delete(statement),
      () => inFlight.delete(statement),
    );
    return statement;
  };
  const boss = new Boss({
    db: { executeSql },
    schema: SCHEMA,
    supervise: true,
    schedule: true,
    migrate: true,
    retryLimit: 2,
    retryDelay: 60,
  });
  boss.on('error', onError);
  const stopping = new AbortController();
  await boss.start();
  for (const def of definitions) {
    await boss.createQueue(def.name);
    await boss.work<{ startup?: boolean }>(def.name, { pollingIntervalSeconds: 1 }, async ([job]) => {
      // A fetch that was waiting when the stop began still hands its job over: it goes back to retry.
      stopping.signal.throwIfAborted();
      return untilGivenUp(def.handler(job?.data ?? {}, stopping.signal), stopping.signal);
    });
    if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: def.tz });
    // Instances started together (a rolling deploy) queue one start-up run per ten-minute slot.
    if (def.runAtStart) await boss.send(def.name, { startup: true }, { singletonKey: 'startup', singletonMinutes: 10 });
  }
  await dropOldSchedules(boss, definitions);
  let stopped: Promise<void> | null = null;
  return {
    async run(name, timeoutMs = 120_000) {
      const id = await boss.send(name, {});
      if (!id) throw new Error(`无法创建任务 ${name}`);
      return waitFor(boss, name, id, timeoutMs);
    },
    stop: () =>
      (stopped ??= (async () => {
        stopping.abort();
        await boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS, close: false });
        // A statement that ends (a fetch) may start another (the fail of the job it fetched).
        while (inFlight.size > 0) {
          await Promise.allSettled([...inFlight]);
          await new Promise((resolve) => setImmediate(resolve));
        }
      })()),
  };
}
