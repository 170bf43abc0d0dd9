import pg from 'pg';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db.ts';

/*
 * Databases filled once per test run and copied for every test that needs the same content
 * (a migrated schema, the whole demo). Filling the demo publishes a year of records through
 * review; copying it takes a second. A run's templates live only as long as the run
 * (test/support/globalSetup.ts makes and removes them), so a change to the code that fills
 * them is always seen by the next run.
 *
 * PGlite: the filled database's files are dumped to one tarball in the run's directory and
 * every copy starts from it. PostgreSQL: a template database, copied with `create database …
 * template …`. Test files run in parallel processes, so the first one to ask builds under a
 * lock (a lock directory, a PostgreSQL advisory lock) while the others wait for it.
 */

export interface RunScope {
  /** Where PGlite tarballs and what the fill returned are kept for this run. */
  dir: string;
  /** Names this run's PostgreSQL templates, so its teardown drops exactly those. */
  id: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    gongkaiTemplates: RunScope;
  }
}

/** The run's scope, or null when the file runs without the global setup (then nothing is cached). */
export function runScope(): RunScope | null {
  try {
    return inject('gongkaiTemplates') ?? null;
  } catch {
    return null;
  }
}

const keyHash = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 16);

/** A cross-process lock: mkdir is atomic. A holder that died (pid gone) does not block the others. */
async function withDirLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (holderDied(path)) rmSync(path, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(path, { recursive: true, force: true });
  }
}

function holderDied(path: string): boolean {
  try {
    const pid = Number(readFileSync(join(path, 'pid'), 'utf8'));
    if (!pid) return Date.now() - statSync(path).mtimeMs > 10_000; // the pid is written right after mkdir
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface Template<T> {
  /** What the fill returned (e.g. the demo's accounts and passwords), read back from JSON. */
  made: T;
}

/**
 * PGlite: the tarball of a database `fill` was run on, built once per run and key. The caller
 * that built it gets the built database itself as `built` (one open fewer); the others open a copy.
 */
export async function pgliteTemplate<T>(scope: RunScope, key: string, fill: (db: Database) => Promise<T>): Promise<Template<T> & { files: Blob | null; built: Database | null }> {
  const base = join(scope.dir, `pglite-${keyHash(key)}`);
  let built: Database | null = null;
  if (!existsSync(`${base}.json`)) {
    await withDirLock(`${base}.lock`, async () => {
      if (existsSync(`${base}.json`)) return;
      const db = await openDatabase({ kind: 'pglite', dir: null });
      try {
        const made = await fill(db);
        writeFileSync(`${base}.tar.part`, Buffer.from(await (await db.snapshot!()).arrayBuffer()));
        renameSync(`${base}.tar.part`, `${base}.tar`);
        writeFileSync(`${base}.json`, JSON.stringify({ key, made })); // written last: it says the tarball is complete
        built = db;
      } finally {
        if (!built) await db.close();
      }
    });
  }
  const { made } = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { made: T };
  return { made, built, files: built ? null : new Blob([readFileSync(`${base}.tar`)]) };
}

function databaseUrl(url: string, name: string): string {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** PostgreSQL: the name of a template database `fill` was run on, built once per run and key. */
export async function postgresTemplate<T>(scope: RunScope, url: string, key: string, fill: (db: Database) => Promise<T>): Promise<Template<T> & { name: string }> {
  const name = `gk_tpl_${scope.id}_${keyHash(key)}`;
  const madeFile = join(scope.dir, `${name}.json`);
  if (!existsSync(madeFile)) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
      if (!existsSync(madeFile)) {
        // Built under another name and renamed when complete: a builder killed halfway leaves no template.
        const building = `${name}_b`;
        await admin.query(`drop database if exists ${building} with (force)`);
        await admin.query(`create database ${building}`);
        const db = await openDatabase({ kind: 'postgres', url: databaseUrl(url, building) });
        let made: T;
        try {
          made = await fill(db);
        } finally {
          await db.close();
        }
        await admin.query(`alter database ${building} rename to ${name}`);
        writeFileSync(madeFile, JSON.stringify({ key, made }));
      }
    } finally {
      await admin.end(); // ends the session, and with it the advisory lock
    }
  }
  const { made } = JSON.parse(readFileSync(madeFile, 'utf8')) as { made: T };
  return { made, name };
}

/** Drops this run's PostgreSQL templates (the global setup's teardown). */
export async function dropPostgresTemplates(scope: RunScope, url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`gk_tpl_${scope.id}_%`]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
  } finally {
    await admin.end();
  }
}
