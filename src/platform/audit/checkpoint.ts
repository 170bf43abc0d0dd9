/*
 * Checkpoints of the audit chain's head, kept outside the database. The hash chain alone shows an
 * edited or deleted entry, but not a truncated tail, nor rows rewritten with every later hash
 * recomputed: whoever can write the database can do both. A checkpoint (how many entries, the
 * last id and its hash, when) signed with a key that never enters the database, appended to a
 * file on the application's side, lets `audit verify --checkpoint` catch both.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { count, desc, eq, lte } from 'drizzle-orm';
import type { Deps } from '../context.ts';
import type { Executor } from '../db.ts';
import type { JobDefinition } from '../jobs.ts';
import { canonicalJson } from './index.ts';
import { auditLog } from './schema.ts';

export interface Checkpoint {
  at: string;
  entries: number;
  lastId: number;
  headHash: string;
  mac: string;
}

export interface CheckpointPaths {
  keyFile: string;
  file: string;
}

/** Where the key and the checkpoints live unless configured: DATA_DIR/audit/ (not the database). */
export function checkpointPaths(dataDir: string): CheckpointPaths {
  return { keyFile: join(dataDir, 'audit', 'checkpoint.key'), file: join(dataDir, 'audit', 'checkpoints.jsonl') };
}

/** The signing key, made on first use (readable by the service account only). */
export async function checkpointKey(keyFile: string): Promise<Buffer> {
  const existing = await readFile(keyFile).catch(() => null);
  if (existing && existing.length >= 32) return existing;
  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const handle = await open(keyFile, 'wx', 0o600).catch(async () => null);
  if (!handle) return readFile(keyFile); // another process made it first
  try {
    await handle.writeFile(key);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return key;
}

function macOf(key: Buffer, cp: Omit<Checkpoint, 'mac'>): string {
  return createHmac('sha256', key).update(canonicalJson(cp)).digest('hex');
}

/** The chain's head now, signed. */
export async function takeCheckpoint(ex: Executor, key: Buffer, at: Date): Promise<Checkpoint> {
  const [last] = await ex.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const [total] = await ex.select({ n: count() }).from(auditLog);
  const body = { at: at.toISOString(), entries: Number(total?.n ?? 0), lastId: last?.id ?? 0, headHash: last?.hash ?? '' };
  return { ...body, mac: macOf(key, body) };
}

/** Appends a checkpoint as one JSON line and flushes it to disk. */
export async function appendCheckpoint(file: string, cp: Checkpoint): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.appendFile(`${JSON.stringify(cp)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function readCheckpoints(file: string): Promise<Checkpoint[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Checkpoint);
}

export type CheckpointVerdict = { ok: true; checked: number } | { ok: false; checked: number; at: string; reason: string };

/** Does the database still hold every checkpointed head, entry for entry? */
export async function verifyCheckpoints(ex: Executor, key: Buffer, checkpoints: Checkpoint[]): Promise<CheckpointVerdict> {
  let checked = 0;
  for (const cp of checkpoints) {
    const { mac, ...body } = cp;
    const expected = Buffer.from(macOf(key, body), 'hex');
    const given = Buffer.from(String(mac), 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, checked, at: cp.at, reason: '检查点的签名不符（检查点文件被改动，或用了另一把密钥）' };
    if (cp.entries > 0) {
      const [row] = await ex.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.id, cp.lastId));
      if (!row) return { ok: false, checked, at: cp.at, reason: `审计日志被截断：检查点记录的第 ${cp.lastId} 号记录已不存在` };
      if (row.hash !== cp.headHash) return { ok: false, checked, at: cp.at, reason: `第 ${cp.lastId} 号记录的哈希值与检查点不符（该记录或其之前的记录被改写）` };
      const [upTo] = await ex.select({ n: count() }).from(auditLog).where(lte(auditLog.id, cp.lastId));
      if (Number(upTo?.n ?? 0) !== cp.entries) return { ok: false, checked, at: cp.at, reason: `截至第 ${cp.lastId} 号记录应有 ${cp.entries} 条，现有 ${Number(upTo?.n ?? 0)} 条` };
    }
    checked++;
  }
  return { ok: true, checked };
}

/** A checkpoint every night at 00:30 Beijing time, so a tail cut off later shows. */
export function auditJobs(deps: Deps): JobDefinition[] {
  const paths = checkpointPaths(deps.config.dataDir);
  return [
    {
      name: 'audit-checkpoint',
      cron: '30 0 * * *',
      tz: 'Asia/Shanghai',
      handler: async () => appendCheckpoint(paths.file, await takeCheckpoint(deps.db.orm, await checkpointKey(paths.keyFile), deps.clock.now())),
    },
  ];
}
