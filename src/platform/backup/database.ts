/*
 * The database half of a backup: PostgreSQL through pg_dump/pg_restore (online, on one exported
 * snapshot so the row counts in the manifest describe exactly what was dumped), the embedded
 * database through PGlite's own data-directory dump taken while this process holds the dir lock.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { acquireDirLock, DirLockedError, type DirLock } from '../dirLock.ts';
import { redactUrl } from '../db.ts';
import { BackupError } from './errors.ts';

export type TableCounts = Record<string, number>;
type Query = (text: string) => Promise<Record<string, unknown>[]>;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Rows per table in every user schema (the application's and pg-boss's). */
export async function countRows(query: Query): Promise<TableCounts> {
  const tables = await query(`select n.nspname as s, c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%' order by 1, 2`);
  const counts: TableCounts = {};
  for (const { s, t } of tables as { s: string; t: string }[]) {
    const [row] = await query(`select count(*)::int as n from ${quote(s)}.${quote(t)}`);
    counts[`${s}.${t}`] = Number(row?.n ?? 0);
  }
  return counts;
}

/** Runs a PostgreSQL client program; its failure becomes a Chinese message with its own words. */
function run(program: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(new BackupError(e.code === 'ENOENT' ? `找不到 ${program} 命令。请安装与数据库服务器同一大版本的 PostgreSQL 客户端（例如 postgresql-client-15）。` : `无法运行 ${program}：${e.message}`)),
    );
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new BackupError(`${program} 执行失败（退出码 ${code}）：${err.trim()}`))));
  });
}

/** The URL without its password (handed over in PGPASSWORD, so it never shows in `ps`). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

async function checkClientVersion(client: pg.Client, program: string): Promise<void> {
  const [row] = (await client.query<{ v: string }>('show server_version_num')).rows;
  const server = Math.floor(Number(row?.v) / 10000);
  const client_ = Number(/(\d+)(\.\d+)?/.exec(await run(program, ['--version']))?.[1]);
  if (client_ < server) throw new BackupError(`${program} 的版本（${client_}）低于数据库服务器（${server}），请安装 PostgreSQL ${server} 或更新的客户端。`);
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((err: Error) => {
    throw new BackupError(`无法连接 PostgreSQL 数据库（${redactUrl(url)}）：${err.message}`);
  });
  return client;
}

/** pg_dump in custom format, on the same snapshot as the row counts; writers are not paused. */
export async function dumpPostgres(url: string, file: string): Promise<TableCounts> {
  const client = await connect(url);
  try {
    await checkClientVersion(client, 'pg_dump');
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const counts = await countRows(async (text) => (await client.query(text)).rows);
    const { dbname, env } = connection(url);
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${file}`, `--dbname=${dbname}`], env);
    await client.query('commit');
    return counts;
  } finally {
    await client.end();
  }
}

/** Refuses a database that already has tables: a restore never mixes with existing data. */
export async function assertPostgresEmpty(url: string): Promise<void> {
  const client = await connect(url);
  try {
    const counts = await countRows(async (text) => (await client.query(text)).rows);
    const tables = Object.keys(counts);
    if (tables.length > 0) {
      throw new BackupError(`目标数据库 ${redactUrl(url)} 不是空的（已有 ${tables.length} 张表，例如 ${tables[0]}）。恢复只能写入新建的空数据库，例如先执行 createdb 新库名，再把 DATABASE_URL 指向它。`);
    }
    await checkClientVersion(client, 'pg_restore');
  } finally {
    await client.end();
  }
}

/** pg_restore in one transaction: a failed restore leaves the target empty again. */
export async function restorePostgres(url: string, file: string): Promise<void> {
  const { dbname, env } = connection(url);
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file], env);
}

/** Is the file a custom-format dump pg_restore can read? (Checks without a database.) */
export async function listPostgresDump(file: string): Promise<void> {
  await run('pg_restore', ['--list', file]);
}

export function lockEmbedded(dir: string, doing: string): DirLock {
  try {
    return acquireDirLock(join(dir, '..', `${basename(dir)}.lock`), dir);
  } catch (err) {
    if (!(err instanceof DirLockedError)) throw err;
    throw new BackupError(`${err.message}\n嵌入式数据库同一时间只能由一个进程打开，因此不能在服务运行时${doing}：请先停止 gongkai serve，${doing}完成后再启动（通常只需几秒）；需要不停机备份时请改用 PostgreSQL。`);
  }
}

const openEmbedded = (dir?: string, loadDataDir?: Blob) => PGlite.create(dir, { extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
const pgliteQuery = (client: PGlite): Query => async (text) => (await client.query<Record<string, unknown>>(text)).rows;

/** The embedded data directory as PGlite's gzipped tarball, after a checkpoint. */
export async function dumpPglite(dir: string, file: string): Promise<TableCounts> {
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new BackupError(`数据目录 ${dir} 中没有数据库，无可备份。`);
  const lock = lockEmbedded(dir, '备份');
  try {
    const client = await openEmbedded(dir);
    try {
      const counts = await countRows(pgliteQuery(client));
      await client.exec('checkpoint'); // the restored copy then starts without replaying WAL
      const tarball = await client.dumpDataDir('gzip');
      await writeFile(file, Buffer.from(await tarball.arrayBuffer()), { mode: 0o600 });
      return counts;
    } finally {
      await client.close();
    }
  } finally {
    lock.release();
  }
}

export function assertPgliteEmpty(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new BackupError(`目标数据目录 ${dir} 不是空的。恢复只能写入空的数据目录：请把 DATA_DIR 指向一个新目录（或先把旧目录移走）再恢复。`);
  }
}

/** Unpacks the tarball into an empty embedded data directory; the caller holds its lock. */
export async function restorePglite(dir: string, file: string): Promise<void> {
  assertPgliteEmpty(dir);
  const client = await openEmbedded(dir, new Blob([await readFile(file)]));
  await client.close();
}

/** Opens the dump in memory (nothing written to disk) and runs fn on it. */
export async function withPgliteDump<T>(file: string, fn: (client: PGlite) => Promise<T>): Promise<T> {
  const client = await openEmbedded(undefined, new Blob([await readFile(file)]));
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

export { pgliteQuery };
