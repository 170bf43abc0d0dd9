import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { seedTwoStreets } from '../../../test/support/fixtures.ts';
import { queryRows } from '../db.ts';
import { appendCheckpoint, checkpointKey, checkpointPaths, readCheckpoints, takeCheckpoint, verifyCheckpoints } from './checkpoint.ts';
import { canonicalJson, verifyAudit } from './index.ts';

type Row = { id: number; at: Date; actor_id: string | null; actor_name: string; action: string; subject_type: string; subject_id: string | null; district_code: string | null; ip: string | null; data: unknown; prev_hash: string; hash: string };

/** What someone with write access to the database can do: rewrite rows and every hash after them. */
async function rewriteChainFrom(deps: TestDeps, fromId: number): Promise<void> {
  const rows = await queryRows<Row>(deps.db.orm, sql`select * from audit_log order by id`);
  const at = rows.findIndex((r) => Number(r.id) === fromId);
  let prev = at > 0 ? rows[at - 1]!.hash : '0'.repeat(64);
  for (const r of rows.filter((r) => Number(r.id) >= fromId)) {
    const data = Number(r.id) === fromId ? { name: '改过的' } : r.data;
    const content = { id: Number(r.id), at: new Date(r.at).toISOString(), actorId: r.actor_id, actorName: r.actor_name, action: r.action, subjectType: r.subject_type, subjectId: r.subject_id, districtCode: r.district_code, ip: r.ip, data };
    const hash = createHash('sha256').update(prev).update('\n').update(canonicalJson(content)).digest('hex');
    await deps.db.orm.execute(sql`update audit_log set data = ${JSON.stringify(data)}::jsonb, prev_hash = ${prev}, hash = ${hash} where id = ${r.id}`);
    prev = hash;
  }
}

describe.each(databaseKinds)('audit checkpoints on $name', (kind) => {
  let deps: TestDeps;
  let key: Buffer;
  let file: string;
  let dataDir: string;

  beforeEach(async () => {
    deps = await createTestDeps(kind);
    await seedTwoStreets(deps); // five audited org.create entries
    dataDir = mkdtempSync(join(tmpdir(), 'gk-audit-'));
    const paths = checkpointPaths(dataDir);
    key = await checkpointKey(paths.keyFile);
    file = paths.file;
    await appendCheckpoint(file, await takeCheckpoint(deps.db.orm, key, deps.clock.now()));
  });
  afterEach(() => deps.dispose());

  it('holds for an intact chain, and keeps its key across calls', async () => {
    const checkpoints = await readCheckpoints(file);
    expect(checkpoints).toEqual([expect.objectContaining({ entries: 5 })]);
    expect(await verifyCheckpoints(deps.db.orm, await checkpointKey(checkpointPaths(dataDir).keyFile), checkpoints)).toEqual({ ok: true, checked: 1 });
  });

  it('catches a truncated tail that the chain alone does not show', async () => {
    await deps.db.orm.execute(sql`delete from audit_log where id in (select id from audit_log order by id desc limit 2)`);
    expect((await verifyAudit(deps.db.orm)).ok).toBe(true);
    const verdict = await verifyCheckpoints(deps.db.orm, key, await readCheckpoints(file));
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining('审计日志被截断') });
  });

  it('catches rows rewritten with every later hash recomputed', async () => {
    const [second] = await queryRows<{ id: number }>(deps.db.orm, sql`select id::int as id from audit_log order by id offset 1 limit 1`);
    await rewriteChainFrom(deps, second!.id);
    expect((await verifyAudit(deps.db.orm)).ok).toBe(true);
    const verdict = await verifyCheckpoints(deps.db.orm, key, await readCheckpoints(file));
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining('哈希值与检查点不符') });
  });

  it('refuses a checkpoint file edited to match', async () => {
    const [cp] = await readCheckpoints(file);
    writeFileSync(file, `${JSON.stringify({ ...cp, entries: 3 })}\n`);
    const verdict = await verifyCheckpoints(deps.db.orm, key, await readCheckpoints(file));
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringContaining('签名不符') });
    expect(readFileSync(file, 'utf8')).toContain('"entries":3');
  });
});
