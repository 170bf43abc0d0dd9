import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { acquireDirLock, type DirLock } from './dirLock.ts';
import { preparedStatements } from './pgliteStatements.ts';

/** What repositories receive: the database or a transaction, both speak the same Drizzle API. */
export type Executor = PgDatabase<PgQueryResultHKT, Record<string, unknown>>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: Executor;
  /** Runs fn in one transaction; the audit entry and the change it records commit together. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  /**
   * How many transactions of this process have committed. An embedded database has no other
   * writer, so a value read from it stays true until this number moves (see org/publicVersions.ts).
   */
  readonly commits: number;
  /** Calls `listener` with every statement the ORM sends and its parameters (tests count and EXPLAIN them); returns the way to stop. */
  observe(listener: (sql: string, params: unknown[]) => void): () => void;
  /** Plain SQL with $1 parameters, for libraries that bring their own SQL (pg-boss's `db` option). */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** Embedded only: all its files as one tarball, which `from` opens as a copy (tests clone a loaded database). */
  snapshot?(): Promise<Blob>;
  close(): Promise<void>;
}

/** `from`: start the embedded database as a copy of a `snapshot()` instead of an empty one. */
export type DatabaseTarget = { kind: 'pglite'; dir: string | null; from?: Blob } | { kind: 'postgres'; url: string };

/** Rows of a raw statement, whichever driver ran it. */
/**
 * Ids as one bigint[] parameter, for `col = any(…)`: drizzle's inArray binds one parameter per
 * id, and a district's 2,000 communities cost more to bind than to look up.
 */
export const idArray = (ids: number[]): SQL => sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::bigint[]`;

export async function queryRows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const result = (await ex.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Drizzle's logger hook, turned into listeners; costs nothing while nobody listens. */
class StatementLog {
  readonly listeners = new Set<(sql: string, params: unknown[]) => void>();
  logQuery(query: string, params: unknown[]): void {
    for (const listener of this.listeners) listener(query, params);
  }
}

function wrap(kind: Database['kind'], orm: Executor, log: StatementLog, executeSql: Database['executeSql'], close: () => Promise<void>): Database {
  let commits = 0;
  return {
    kind,
    orm,
    async transaction(fn) {
      try {
        return await orm.transaction((tx) => fn(tx as unknown as Executor));
      } finally {
        commits++; // also after a failure: counting one too many only costs a re-read
      }
    },
    get commits() {
      return commits;
    },
    observe(listener) {
      log.listeners.add(listener);
      return () => log.listeners.delete(listener);
    },
    executeSql,
    close,
  };
}

/*
 * PGlite's WebAssembly heap never shrinks, and whatever PostgreSQL touches stays resident. With
 * the default shared_buffers (128MB) a reopened demo database held ~200 MB; the demo's whole data
 * set is a few MB, so 16MB of buffers keep it cached at ~100 MB less RSS (bench/public.bench.ts).
 * ANALYZE holds its sample of rows there too (platform/statistics.ts): 300 × the statistics
 * target. The default target (100) grew the heap by 48 MB on 20,000 records; 10 by 11 MB, and a
 * community's plans need row counts, not fine histograms.
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'temp_buffers=2MB', '-c', 'maintenance_work_mem=16MB', '-c', 'default_statistics_target=10'];

async function openPglite(dir: string | null, from?: Blob): Promise<Database> {
  let lock: DirLock | null = null;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    // PGlite is single-process: a second writer would corrupt the files, so refuse it up front.
    lock = acquireDirLock(join(dir, '..', `${dir.split('/').pop() ?? 'db'}.lock`), dir);
  }
  try {
    const client = await PGlite.create(dir ?? undefined, {
      extensions: { pg_trgm },
      startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
      ...(from ? { loadDataDir: from } : {}),
    });
    const log = new StatementLog();
    const orm = drizzlePglite({ client: preparedStatements(client) as unknown as PGlite, logger: log }) as unknown as Executor;
    // PGlite's query() takes one statement with parameters; exec() runs a multi-statement script.
    const executeSql: Database['executeSql'] = async (text, values) =>
      values && values.length > 0 ? client.query(text, values) : { rows: (await client.exec(text)).at(-1)?.rows ?? [] };
    const db = wrap('pglite', orm, log, executeSql as Database['executeSql'], async () => {
      await client.close();
      lock?.release();
    });
    // Assigned, not spread: a spread would freeze the `commits` getter.
    return Object.assign(db, { snapshot: () => client.dumpDataDir('none') });
  } catch (err) {
    lock?.release();
    throw err;
  }
}

async function openPostgres(url: string): Promise<Database> {
  // JIT off: the planner costs a search walk (an inner LIMIT of 20,000 rows) high enough to JIT-
  // compile it, ~230 ms of LLVM for a 5 ms query on a 10M-record province. Short queries never gain
  // from it. (Behind PgBouncer, which refuses this startup option, set jit = off on the database.)
  const pool = new pg.Pool({ connectionString: url, max: 10, options: '-c jit=off' });
  // An idle connection dropped by the server (restart, failover, admin) must not crash the
  // process; the pool replaces it on the next query.
  pool.on('error', (err) => console.error(`postgres idle connection error: ${err.message}`));
  // Fail fast with a clear message instead of on the first request.
  const client = await pool.connect().catch(async (err: Error) => {
    await pool.end();
    throw new Error(`无法连接 PostgreSQL 数据库（${redactUrl(url)}）：${err.message}`);
  });
  client.release();
  const log = new StatementLog();
  const orm = drizzlePg(pool, { logger: log }) as unknown as Executor;
  const executeSql: Database['executeSql'] = async (text, values) => pool.query(text, values as unknown[]);
  return wrap('postgres', orm, log, executeSql, () => pool.end());
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'pglite' ? openPglite(target.dir, target.from) : openPostgres(target.url);
}

export function databaseTarget(config: { databaseUrl: string | null; dataDir: string }): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dir: join(config.dataDir, 'db') };
}

/** Did a statement fail on a unique index (SQLSTATE 23505)? Both drivers, wrapped or not. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/** The write's result; a unique-index failure (a race lost to another writer) becomes `refusal()`. */
export async function uniqueOr<T>(refusal: () => Error, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    throw isUniqueViolation(err) ? refusal() : err;
  }
}
