import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { databaseKinds } from '../../test/support/db.ts';
import { queryRows } from './db.ts';
import { loadMigrations, migrate, MigrationError } from './migrate.ts';

async function tableExists(ex: Parameters<typeof queryRows>[0], name: string): Promise<boolean> {
  const rows = await queryRows<{ t: string | null }>(ex, sql`select to_regclass(${name})::text as t`);
  return rows[0]?.t != null;
}

describe.each(databaseKinds)('migrations on $name', (kind) => {
  it('applies every migration once, and a second run applies none', async () => {
    const { db, dispose } = await kind.create();
    const all = loadMigrations();
    expect(await migrate(db)).toEqual(all.map((m) => m.tag));
    expect(await migrate(db)).toEqual([]);
    for (const table of ['organisations', 'users', 'sessions', 'audit_log']) expect(await tableExists(db.orm, table)).toBe(true);
    await dispose();
  });

  it('rolls back a failing migration whole and stops with a clear message', async () => {
    const { db, dispose } = await kind.create();
    const broken = [
      { tag: '0000_ok', checksum: 'a', statements: ['create table good_one (id int)'] },
      { tag: '0001_broken', checksum: 'b', statements: ['create table half_done (id int)', 'alter table no_such_table add column x int'] },
    ];
    const error = await migrate(db, broken).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain('数据库迁移 0001_broken 执行失败');
    expect((error as Error).message).toContain('no_such_table');
    expect(await tableExists(db.orm, 'good_one')).toBe(true);
    expect(await tableExists(db.orm, 'half_done')).toBe(false);
    const applied = await queryRows<{ tag: string }>(db.orm, sql`select tag from gongkai_migrations order by tag`);
    expect(applied.map((r) => r.tag)).toEqual(['0000_ok']);
    await dispose();
  });
});
