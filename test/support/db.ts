import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { FixedClock } from '../../src/platform/clock.ts';
import type { Deps } from '../../src/platform/context.ts';
import { pgliteTemplate, postgresTemplate, runScope } from './templates.ts';

export interface TestDatabase {
  db: Database;
  /** PostgreSQL: where it is, so a test can open a second connection pool (a second instance). */
  url?: string;
  /** Drops what was created for this test (the PostgreSQL database, temp dirs). */
  dispose(): Promise<void>;
}

export interface DatabaseKind {
  name: 'pglite' | 'postgres';
  /** An empty database. */
  create(): Promise<TestDatabase>;
  /**
   * A copy of a database that `fill` was run on once in this test run for `key` (see
   * templates.ts), and what `fill` returned (it must survive JSON). Without the run's global
   * setup, `fill` runs on a new database each time.
   */
  copyOf<T>(key: string, fill: (db: Database) => Promise<T>): Promise<TestDatabase & { made: T }>;
}

/** Fills a new database of this kind, for a caller without a run scope. */
async function filledFresh<T>(kind: DatabaseKind, fill: (db: Database) => Promise<T>): Promise<TestDatabase & { made: T }> {
  const created = await kind.create();
  try {
    return { ...created, made: await fill(created.db) };
  } catch (err) {
    await created.dispose();
    throw err;
  }
}

const pglite: DatabaseKind = {
  name: 'pglite',
  async create() {
    const db = await openDatabase({ kind: 'pglite', dir: null });
    return { db, dispose: () => db.close() };
  },
  async copyOf(key, fill) {
    const scope = runScope();
    if (!scope) return filledFresh(this, fill);
    const { made, files, built } = await pgliteTemplate(scope, key, fill);
    const db = built ?? (await openDatabase({ kind: 'pglite', dir: null, from: files! }));
    return { db, made, dispose: () => db.close() };
  },
};

/**
 * A new PostgreSQL database beside `url`'s, empty or a copy of `template`, and how to drop it
 * (forcing open connections).
 */
export async function freshPostgresDatabase(url: string, prefix = 'gk_test', template?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Each test gets its own PostgreSQL database, so files can run in parallel without interfering. */
function postgres(url: string): DatabaseKind {
  async function open(template?: string): Promise<TestDatabase> {
    const fresh = await freshPostgresDatabase(url, 'gk_test', template);
    const db = await openDatabase({ kind: 'postgres', url: fresh.url });
    return {
      db,
      url: fresh.url,
      async dispose() {
        await db.close();
        await fresh.drop();
      },
    };
  }
  return {
    name: 'postgres',
    create: () => open(),
    async copyOf(key, fill) {
      const scope = runScope();
      if (!scope) return filledFresh(this, fill);
      const { made, name } = await postgresTemplate(scope, url, key, fill);
      return { ...(await open(name)), made };
    },
  };
}

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const databaseKinds: DatabaseKind[] = [pglite, ...(process.env.TEST_DATABASE_URL ? [postgres(process.env.TEST_DATABASE_URL)] : [])];

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(join(tmpdir(), 'gk-test-'));
  process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  return loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: 'test-secret-'.padEnd(40, 'x'), LOG_LEVEL: 'silent', ...overrides });
}

export interface TestDeps extends Deps {
  clock: FixedClock;
  /** Set on PostgreSQL only (see TestDatabase.url). */
  databaseUrl?: string;
  dispose(): Promise<void>;
}

export interface TestDepsOptions {
  /** The fixed clock, 2026-11-02 09:00 Beijing time unless told otherwise. */
  at?: string;
  env?: Record<string, string>;
}

export const DEFAULT_TEST_TIME = '2026-11-02T09:00:00+08:00';

/** The deps of a test around a database (a copy of this run's migrated template, or another copy). */
export function depsAround(created: TestDatabase, opts: TestDepsOptions = {}): TestDeps {
  const { db, dispose, url } = created;
  return { db, dispose, ...(url ? { databaseUrl: url } : {}), clock: new FixedClock(opts.at ?? DEFAULT_TEST_TIME), config: testConfig(opts.env) };
}

/** A migrated database (a copy of one migrated once per run) with a fixed clock. */
export async function createTestDeps(kind: DatabaseKind, opts: TestDepsOptions = {}): Promise<TestDeps> {
  return depsAround(await kind.copyOf('migrated', async (db) => void (await migrate(db))), opts);
}

/**
 * `deps` whose next transaction first lets `meanwhile` run to its end: another person's request
 * landing exactly between an action's checks and its transaction, every time (two calls raced
 * with Promise.all only sometimes hit that gap).
 */
export function withMeanwhile<D extends Deps>(deps: D, meanwhile: () => Promise<unknown>): D {
  let next: (() => Promise<unknown>) | null = meanwhile;
  const db: Database = Object.create(deps.db);
  db.transaction = async (fn) => {
    const step = next;
    next = null;
    if (step) await step();
    return deps.db.transaction(fn);
  };
  return { ...deps, db };
}
