import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../platform/config.ts';
import { OffsetClock, systemClock, type Clock } from '../platform/clock.ts';
import { databaseTarget, openDatabase, type Database } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';
import { startJobs, type Jobs } from '../platform/jobs.ts';
import { auditJobs } from '../platform/audit/checkpoint.ts';
import { statisticsJobs } from '../platform/statistics.ts';
import { closeWorkers } from '../platform/workers.ts';
import { channelJobs } from '../domains/channel/jobs.ts';
import { complianceJobs } from '../domains/compliance/jobs.ts';
import { requestJobs } from '../domains/request/jobs.ts';
import { orgJobs } from '../domains/org/jobs.ts';
import { buildApp } from './buildApp.ts';
import { formatAccounts, isEmpty, loadDemoData } from './demo.ts';

export interface Running {
  app: FastifyInstance;
  db: Database;
  jobs: Jobs;
  url: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Lets tests run a real server on an injected clock (e.g. past a 公示期). */
  clock?: Clock;
  /**
   * Creates a new embedded database (and loads the demo data into it) by running `gongkai demo`
   * or `gongkai migrate` in a child process first; the settings must then come from this process's
   * environment, as under `gongkai serve`. PGlite's initdb peaks at ~800 MB and leaves ~140 MB
   * behind that a V8 heap never gives back; in a child all of it goes when the child exits.
   */
  createInChild?: boolean;
}

/** Boot order: settings → database (locked) → migrations → demo data if empty → HTTP → jobs. */
export async function startServer(config: Config = loadConfig(), opts: StartOptions = {}): Promise<Running> {
  const took = stopwatch();
  if (opts.createInChild) await createInChild(config);
  const db = await openDatabase(databaseTarget(config));
  took('database');
  try {
    await migrate(db); // one read when nothing is pending, so a restart pays almost nothing here
    took('migrations');
    // AS_OF runs the whole application “as of” another day (demos); the clock then runs on.
    const deps = { db, config, clock: opts.clock ?? (config.asOf ? new OffsetClock(config.asOf) : systemClock) };
    if (config.demoData === 'auto' && (await isEmpty(db))) {
      const accounts = await loadDemoData(deps, { id: null, name: 'system:demo', ip: null });
      console.log(`\n${formatAccounts(accounts)}\n`);
    }
    took('demo'); // the emptiness check, and on a first start the demo data
    const app = await buildApp(deps);
    await app.listen({ port: config.port, host: config.host });
    // One line per start, so a slow start-up can be told apart from a slow machine afterwards.
    app.log.info({ startupMs: took('app') }, 'start-up steps');
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    const jobs = await startJobs(db, [...complianceJobs(deps), ...channelJobs(deps), ...requestJobs(deps), ...orgJobs(deps), ...auditJobs(deps), ...statisticsJobs(db)], (err) => app.log.error({ err }, 'background job error'));
    let stopping: Promise<void> | null = null;
    const stop = () =>
      (stopping ??= (async () => {
        await app.close(); // stops accepting, lets in-flight requests finish
        await jobs.stop(); // lets a running job finish (up to 5 s)
        await closeWorkers(); // ends file parsing still running in the pool
        await db.close();
      })());
    return { app, db, jobs, url, stop };
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** A new embedded database, made by `gongkai demo` (demo data on) or `gongkai migrate`. */
async function createInChild(config: Config): Promise<void> {
  const target = databaseTarget(config);
  if (target.kind !== 'pglite' || !target.dir || existsSync(join(target.dir, 'PG_VERSION'))) return;
  const bin = fileURLToPath(new URL('../../bin/gongkai.mjs', import.meta.url));
  const command = config.demoData === 'auto' ? 'demo' : 'migrate';
  if (command === 'demo') console.log('');
  await new Promise<void>((resolve, reject) => {
    // Its output (the demo accounts and their passwords, printed once) is the operator's.
    const child = spawn(process.execPath, [bin, command], { stdio: ['ignore', command === 'demo' ? 'inherit' : 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`数据库创建失败（gongkai ${command} 退出：${signal ?? code}）`))));
  });
  if (command === 'demo') console.log('');
}

/** Milliseconds of each start-up step, accumulated by name. */
function stopwatch(): (step: string) => Record<string, number> {
  let last = performance.now();
  const steps: Record<string, number> = {};
  return (step) => {
    const now = performance.now();
    steps[step] = Math.round(now - last);
    last = now;
    return steps;
  };
}

/**
 * SIGINT/SIGTERM close the HTTP server first, then the database, so nothing is cut mid-write.
 * Installed before start-up begins: a stop requested while starting waits for the start to finish
 * (a half-initialised embedded database is never killed mid-write).
 */
export function stopOnSignals(starting: Promise<Running>, log: (msg: string) => void = console.log): void {
  const onSignal = (signal: string) => {
    log(`收到 ${signal}，正在安全关闭……`);
    const timer = setTimeout(() => process.exit(1), 15_000).unref();
    starting
      .then((running) => running.stop())
      .then(() => {
        clearTimeout(timer);
        log('已关闭。');
        process.exit(0);
      })
      .catch((err: Error) => {
        console.error(err.message);
        process.exit(1);
      });
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));
}
