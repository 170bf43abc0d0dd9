import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../db.ts';
import { auditLog } from './schema.ts';

export interface AuditActor {
  id: string | null;
  name: string;
  ip?: string | null;
}

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  districtCode?: string | null;
  data?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** JSON with keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type Row = typeof auditLog.$inferSelect;

function hashOf(prevHash: string, row: Omit<Row, 'hash' | 'prevHash'>): string {
  const content = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/**
 * Appends one entry inside the caller's transaction. The advisory lock serialises writers so the
 * chain stays linear across processes; it is released when the caller's transaction ends.
 */
export async function appendAudit(tx: Executor, actor: AuditActor, entry: AuditEntry, at: Date): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7411001)`);
  const [last] = await tx.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const [next] = await queryRows<{ id: string | number }>(tx, sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`);
  const id = Number(next!.id);
  const row = {
    id,
    at: new Date(Math.floor(at.getTime())),
    actorId: actor.id,
    actorName: actor.name,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId == null ? null : String(entry.subjectId),
    districtCode: entry.districtCode ?? null,
    ip: actor.ip ?? null,
    data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown>,
  };
  const prevHash = last?.hash ?? GENESIS;
  await tx.insert(auditLog).values({ ...row, prevHash, hash: hashOf(prevHash, row) });
}

export type AuditVerdict = { ok: true; entries: number } | { ok: false; entries: number; badId: number; reason: string };

/** Walks the chain in id order; names the first entry whose link or content does not match. */
export async function verifyAudit(ex: Executor, batchSize = 1000): Promise<AuditVerdict> {
  let prevHash = GENESIS;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = await ex.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batchSize);
    if (rows.length === 0) return { ok: true, entries: count };
    for (const row of rows) {
      const { hash, prevHash: storedPrev, ...content } = row;
      if (storedPrev !== prevHash) {
        return { ok: false, entries: count, badId: row.id, reason: '与前一条记录的链接不符（前一条被删除、插入或改动）' };
      }
      if (hashOf(prevHash, content) !== hash) {
        return { ok: false, entries: count, badId: row.id, reason: '内容与其哈希值不符（该条记录被改动）' };
      }
      prevHash = hash;
      lastId = row.id;
      count++;
    }
  }
}
