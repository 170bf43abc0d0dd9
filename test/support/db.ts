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

export interface TestDatabase {
  db: Database;
  /** PostgreSQL: where it is, so a test can open a second connection pool (a second instance). */
  url?: string;
  /** Drops what was created for this test (the PostgreSQL database, temp dirs). */
  dispose(): Promise<void>;
}

export interface DatabaseKind {
  name: 'pglite' | 'postgres';
  create(): Promise<TestDatabase>;
}

const pglite: DatabaseKind = {
  name: 'pglite',
  async create() {
    const db = await openDatabase({ kind: 'pglite', dir: null });
    return { db, dispose: () => db.close() };
  },
};

/** A new empty PostgreSQL database beside `url`'s, and how to drop it (forcing open connections). */
export async function freshPostgresDatabase(url: string, prefix = 'gk_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
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
  return {
    name: 'postgres',
    async create() {
      const fresh = await freshPostgresDatabase(url);
      const db = await openDatabase({ kind: 'postgres', url: fresh.url });
      return {
        db,
        url: fresh.url,
        async dispose() {
          await db.close();
          await fresh.drop();
        },
      };
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

/** A migrated database with a fixed clock at 2026-11-02 09:00 Beijing time unless told otherwise. */
export async function createTestDeps(kind: DatabaseKind, opts: { at?: string; env?: Record<string, string> } = {}): Promise<TestDeps> {
  const { db, dispose, url } = await kind.create();
  await migrate(db);
  return { db, dispose, ...(url ? { databaseUrl: url } : {}), clock: new FixedClock(opts.at ?? '2026-11-02T09:00:00+08:00'), config: testConfig(opts.env) };
}
