import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from './db.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

interface JournalEntry {
  idx: number;
  tag: string;
}

export interface Migration {
  tag: string;
  statements: string[];
  checksum: string;
}

export class MigrationError extends Error {
  constructor(tag: string, cause: Error) {
    super(`数据库迁移 ${tag} 执行失败，已回滚该迁移，服务未启动。原因：${cause.message}`);
    this.name = 'MigrationError';
  }
}

/** Migrations as drizzle-kit writes them: meta/_journal.json lists the SQL files in order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map(({ tag }) => {
      const text = readFileSync(join(dir, `${tag}.sql`), 'utf8');
      return {
        tag,
        checksum: createHash('sha256').update(text).digest('hex'),
        statements: text
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    });
}

/**
 * Applies pending migrations, each in its own transaction. An advisory lock taken inside each
 * transaction makes instances that start together apply every migration exactly once.
 */
export async function migrate(db: Database, migrations = loadMigrations()): Promise<string[]> {
  const done = await appliedTags(db);
  // A restart normally finds every migration applied: one read instead of a transaction each.
  if (migrations.every((m) => done.has(m.tag))) return [];
  await db.orm.execute(sql`create table if not exists gongkai_migrations (
    tag text primary key, checksum text not null, applied_at timestamptz not null default now())`);
  const applied: string[] = [];
  for (const m of migrations.filter((m) => !done.has(m.tag))) {
    try {
      const ran = await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(7411000)`);
        // Checked again under the lock: another instance may have applied it since the read above.
        const already = await queryRows(tx, sql`select 1 from gongkai_migrations where tag = ${m.tag}`);
        if (already.length > 0) return false;
        for (const statement of m.statements) await tx.execute(sql.raw(statement));
        await tx.execute(sql`insert into gongkai_migrations (tag, checksum) values (${m.tag}, ${m.checksum})`);
        return true;
      });
      if (ran) applied.push(m.tag);
    } catch (err) {
      throw new MigrationError(m.tag, err as Error);
    }
  }
  return applied;
}

/** Tags already applied; none when the bookkeeping table does not exist yet (a new database). */
async function appliedTags(db: Database): Promise<Set<string>> {
  const [exists] = await queryRows<{ t: string | null }>(db.orm, sql`select to_regclass('gongkai_migrations')::text as t`);
  if (!exists?.t) return new Set();
  const rows = await queryRows<{ tag: string }>(db.orm, sql`select tag from gongkai_migrations`);
  return new Set(rows.map((r) => r.tag));
}
