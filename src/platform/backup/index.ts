/*
 * `gongkai backup` / `restore` / `backup verify`: one .tar.gz with the database snapshot and every
 * uploaded file, restored only into an empty target and then checked (row counts, file hashes,
 * the audit chain). Uploaded files are never deleted, so copying them after the database
 * snapshot gives every row its file.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { drizzle } from 'drizzle-orm/pglite';
import { databaseTarget, openDatabase, type DatabaseTarget, type Executor } from '../db.ts';
import { verifyAudit, type AuditVerdict } from '../audit/index.ts';
import { fsyncPath } from '../fsync.ts';
import { storageFor } from '../storage.ts';
import { FORMAT, VERSION, listStoredFiles, readArchive, sha256OfFile, writeArchive, type Manifest } from './archive.ts';
import * as dbDump from './database.ts';
import { BackupError } from './errors.ts';

export { BackupError };
export type { Manifest };

interface Place {
  dataDir: string;
  databaseUrl: string | null;
}

/** A scratch directory inside `parent` (chosen per use so a large dump does not fill /tmp). */
async function withScratch<T>(parent: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(parent, '.gongkai-backup-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function dumpDatabase(target: DatabaseTarget, file: string): Promise<dbDump.TableCounts> {
  return target.kind === 'postgres' ? dbDump.dumpPostgres(target.url, file) : dbDump.dumpPglite(target.dir!, file);
}

/** Writes the backup to `out` (via a temporary name, so a failed run never leaves a half file). */
export async function createBackup(place: Place, out: string, now = new Date()): Promise<Manifest> {
  if (existsSync(out)) throw new BackupError(`文件 ${out} 已存在。为免覆盖旧备份，请换一个文件名（例如带上日期）。`);
  if (!existsSync(dirname(resolve(out)))) throw new BackupError(`备份文件所在的目录 ${dirname(resolve(out))} 不存在，请先创建它。`);
  const target = databaseTarget(place);
  return withScratch(dirname(resolve(out)), async (scratch) => {
    const entry = target.kind === 'postgres' ? 'database.pgdump' : 'database.pglite.tar.gz';
    const dumpFile = join(scratch, entry);
    const tables = await dumpDatabase(target, dumpFile);
    const stored = await listStoredFiles(join(place.dataDir, 'files'));
    const manifest: Manifest = {
      format: FORMAT,
      version: VERSION,
      createdAt: now.toISOString(),
      database: { kind: target.kind, entry, sha256: await sha256OfFile(dumpFile), bytes: (await stat(dumpFile)).size },
      tables,
      files: stored.map(({ sha256, bytes }) => ({ sha256, bytes })),
    };
    const partial = join(scratch, 'backup.tar.gz');
    await writeArchive(partial, manifest, dumpFile, stored);
    await fsyncPath(partial);
    await rename(partial, out).catch(async (err: NodeJS.ErrnoException) => {
      throw new BackupError(`无法写入 ${out}：${err.message}`);
    });
    return manifest;
  });
}

export interface VerifyReport {
  manifest: Manifest;
  /** What differs from the manifest: a table's row count, a missing or altered file. */
  problems: string[];
  audit: AuditVerdict | null;
  files: number;
}

export const reportOk = (r: VerifyReport) => r.problems.length === 0 && (r.audit?.ok ?? true);

function compareCounts(expected: dbDump.TableCounts, found: dbDump.TableCounts): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
  return names.filter((t) => expected[t] !== found[t]).map((t) => `${t}：应为 ${expected[t] ?? '无此表'}，实际 ${found[t] ?? '无此表'}`);
}

function assertTargetEmpty(place: Place, target: DatabaseTarget): Promise<void> | void {
  const files = join(place.dataDir, 'files');
  if (existsSync(files) && readdirSync(files).length > 0) {
    throw new BackupError(`目标文件目录 ${files} 不是空的。恢复只能写入空的数据目录：请把 DATA_DIR 指向一个新目录再恢复。`);
  }
  return target.kind === 'postgres' ? dbDump.assertPostgresEmpty(target.url) : dbDump.assertPgliteEmpty(target.dir!);
}

const KIND = { pglite: '嵌入式数据库（PGlite）', postgres: 'PostgreSQL' } as const;

/** Restores into an empty data directory or database, then verifies what was restored. */
export async function restoreBackup(place: Place, file: string): Promise<VerifyReport> {
  if (!existsSync(file)) throw new BackupError(`找不到备份文件 ${file}。`);
  const target = databaseTarget(place);
  // Held from the emptiness check to the end of the restore: a server started on the same
  // DATA_DIR meanwhile is refused, and the clean-up after a failure never touches its files.
  const lock = target.kind === 'pglite' ? dbDump.lockEmbedded(target.dir!, '恢复') : null;
  let manifest: Manifest;
  try {
    await assertTargetEmpty(place, target);
    // In DATA_DIR, which must be writable anyway; the backup itself may sit on read-only media.
    manifest = await withScratch(place.dataDir, (scratch) =>
      undoOnFailure(place, target, () => restoreInto(place, target, file, join(scratch, 'database'))),
    );
  } finally {
    lock?.release();
  }
  return verifyRestored(place, manifest);
}

/**
 * A restore that fails half-way removes what it wrote (the target was checked empty before), so
 * the operator can fix the cause and run the same command again. pg_restore runs in one
 * transaction, so the PostgreSQL side is already empty again.
 */
async function undoOnFailure<T>(place: Place, target: DatabaseTarget, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    await rm(join(place.dataDir, 'files'), { recursive: true, force: true });
    if (target.kind === 'pglite') await rm(target.dir!, { recursive: true, force: true });
    throw err;
  }
}

async function restoreInto(place: Place, target: DatabaseTarget, file: string, dumpFile: string): Promise<Manifest> {
  const storage = storageFor(place);
  const manifest = await readArchive(file, dumpFile, {
    manifest(m) {
      if (m.database.kind !== target.kind) {
        throw new BackupError(`这份备份来自${KIND[m.database.kind]}，当前配置的目标是${KIND[target.kind]}，不能直接恢复。请按备份来源设置（或取消）DATABASE_URL 后再试。`);
      }
    },
    file: async (_sha, bytes) => {
      await storage.put(bytes); // fsynced, under its hash, exactly as an upload is stored
    },
  });
  if (target.kind === 'postgres') await dbDump.restorePostgres(target.url, dumpFile);
  else await dbDump.restorePglite(target.dir!, dumpFile);
  return manifest;
}

/** Checks a restored target against the manifest: row counts, file hashes, the audit chain. */
export async function verifyRestored(place: Place, manifest: Manifest): Promise<VerifyReport> {
  const db = await openDatabase(databaseTarget(place));
  try {
    const found = await dbDump.countRows(async (text) => (await db.executeSql(text)).rows);
    const problems = compareCounts(manifest.tables, found);
    const storage = storageFor(place);
    for (const f of manifest.files) {
      const bytes = await storage.get(f.sha256);
      if (!bytes || createHash('sha256').update(bytes).digest('hex') !== f.sha256) {
        problems.push(`上传文件 ${f.sha256}：缺失或内容不符`);
      }
    }
    return { manifest, problems, audit: await verifyAudit(db.orm), files: manifest.files.length };
  } finally {
    await db.close();
  }
}

/** Checks a backup file without restoring it; an embedded dump is opened in memory and checked too. */
export async function verifyBackupFile(file: string): Promise<VerifyReport> {
  if (!existsSync(file)) throw new BackupError(`找不到备份文件 ${file}。`);
  return withScratch(tmpdir(), async (scratch) => {
    const dumpFile = join(scratch, 'database');
    const manifest = await readArchive(file, dumpFile, { manifest: () => undefined });
    if (manifest.database.kind === 'postgres') {
      await dbDump.listPostgresDump(dumpFile);
      return { manifest, problems: [], audit: null, files: manifest.files.length };
    }
    return dbDump.withPgliteDump(dumpFile, async (client) => {
      const found = await dbDump.countRows(dbDump.pgliteQuery(client));
      const audit = await verifyAudit(drizzle(client) as unknown as Executor);
      return { manifest, problems: compareCounts(manifest.tables, found), audit, files: manifest.files.length };
    });
  });
}
