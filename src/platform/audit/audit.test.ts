import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { addUser, seedTwoStreets } from '../../../test/support/fixtures.ts';
import { login } from '../../domains/org/index.ts';
import { queryRows } from '../db.ts';
import { appendAudit, canonicalJson, verifyAudit } from './index.ts';

describe.each(databaseKinds)('hash-chained audit log on $name', (kind) => {
  let deps: TestDeps;

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedTwoStreets(deps);
    await addUser(deps, 'editor', 'editor', '220202001001');
    await login(deps, { username: 'editor', password: 'bad-password', ip: '10.0.0.8' });
  });
  afterAll(() => deps.dispose());

  it('records organisation and user changes and login failures with actor, IP and data', async () => {
    const rows = await queryRows<{ action: string; actor_name: string; ip: string | null; data: Record<string, unknown> }>(
      deps.db.orm,
      sql`select action, actor_name, ip, data from audit_log order by id`,
    );
    expect(rows.filter((r) => r.action === 'org.create')).toHaveLength(5);
    expect(rows.some((r) => r.action === 'user.create' && r.data.username === 'editor')).toBe(true);
    const failure = rows.find((r) => r.action === 'login.failure');
    expect(failure).toMatchObject({ actor_name: 'editor', ip: '10.0.0.8', data: { reason: 'bad_password', attempts: 1 } });
  });

  it('verifies an intact chain', async () => {
    expect(await verifyAudit(deps.db.orm)).toEqual({ ok: true, entries: 7 });
  });

  it('names the first entry changed behind the application’s back', async () => {
    const [third] = await queryRows<{ id: number }>(deps.db.orm, sql`select id::int as id from audit_log order by id offset 2 limit 1`);
    await deps.db.orm.execute(sql`update audit_log set data = '{"name":"改过的"}'::jsonb where id = ${third!.id}`);
    const verdict = await verifyAudit(deps.db.orm);
    expect(verdict).toMatchObject({ ok: false, badId: third!.id, entries: 2 });
  });

  it('detects a deleted entry', async () => {
    const fresh = await createTestDeps(kind);
    const actor = { id: null, name: 't' };
    for (let i = 0; i < 3; i++) await fresh.db.transaction((tx) => appendAudit(tx, actor, { action: `a${i}`, subjectType: 'x' }, new Date()));
    await fresh.db.orm.execute(sql`delete from audit_log where action = 'a1'`);
    expect(await verifyAudit(fresh.db.orm)).toMatchObject({ ok: false, reason: expect.stringContaining('链接不符') });
    await fresh.dispose();
  });

  it('does not write an entry when the change it records rolls back', async () => {
    const before = await verifyAudit(deps.db.orm);
    await expect(
      deps.db.transaction(async (tx) => {
        await appendAudit(tx, { id: null, name: 't' }, { action: 'doomed', subjectType: 'x' }, new Date());
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const [row] = await queryRows<{ n: number }>(deps.db.orm, sql`select count(*)::int as n from audit_log where action = 'doomed'`);
    expect(row!.n).toBe(0);
    expect(before.entries).toBeGreaterThan(0);
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth so equal content hashes equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });
});
