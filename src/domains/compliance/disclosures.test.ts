import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { actor, org, seedSeedCatalogs } from '../../../test/support/compliance.ts';
import { effectiveCatalogFor } from '../catalog/index.ts';
import type { OrgRow } from '../org/index.ts';
import { findOpenObligation, listOpenObligations, recordPublished, recordWithdrawn } from './index.ts';
import { registerEvent } from './registerEvent.ts';
import * as repo from './repository.ts';
import { syncCommunity } from './syncObligations.ts';

describe.each(databaseKinds)('the API the record domain calls on $name', (kind) => {
  let deps: TestDeps;
  let changkou: OrgRow;
  const item = async (name: string) => (await effectiveCatalogFor(deps, changkou))!.items.find((i) => i.name.startsWith(name))!;
  const publish = (it: { id: number; itemKey: string }, recordId: string, at: string, extra: { obligationId?: number | null; publicityEndsOn?: string | null } = {}) =>
    deps.db.transaction((tx) => recordPublished(tx, deps, { orgId: changkou.id, districtCode: changkou.districtCode, itemId: it.id, itemKey: it.itemKey, recordId, publishedAt: new Date(at), ...extra }));

  beforeAll(async () => {
    deps = await createTestDeps(kind, { at: '2026-10-12T09:00:00+08:00' });
    await seedSeedCatalogs(deps);
    changkou = await org(deps, '530102012001');
    await syncCommunity(deps, changkou, { adoptedOn: '2026-09-01' });
  });
  afterAll(() => deps.dispose());

  it('lists open obligations with Chinese labels, overdue first', async () => {
    const editor = await actor(deps, 'changkou-editor');
    const policy = await item('政策文件');
    await registerEvent(deps, editor, changkou, { itemId: policy.id, kind: 'acquired', occurredOn: '2026-10-09' });
    const open = await listOpenObligations(deps, changkou.id);
    expect(open.map((o) => o.status)).toEqual(['overdue', 'overdue', 'upcoming']);
    expect(open[0]!.label).toBe('社区简介 · 长期公开 · 应于2026年9月29日前公开（已逾期）');
    expect(open[2]!.label).toBe('政策文件 · 获取信息（2026年10月9日） · 应于2026年10月22日前公开（未到期）');
    expect((await findOpenObligation(deps, open[2]!.id))!.itemKey).toBe(policy.itemKey);
  });

  it('fulfils the chosen obligation and the item’s standing one; a correction only counts a version', async () => {
    const intro = await item('社区简介');
    const result = await publish(intro, 'r-intro', '2026-10-12T10:00:00+08:00');
    expect(result.fulfilled).toHaveLength(1);
    const standing = (await repo.findObligation(deps.db.orm, result.fulfilled[0]!))!;
    expect(standing.kind).toBe('standing');
    expect(standing.fulfilledOn).toBe('2026-10-12');
    const again = await publish(intro, 'r-intro', '2026-10-13T10:00:00+08:00');
    expect(again.fulfilled).toEqual([]);
    expect((await repo.findDisclosure(deps.db.orm, 'r-intro'))!.versions).toBe(2);
    expect((await repo.findObligation(deps.db.orm, standing.id))!.fulfilledOn).toBe('2026-10-12');
  });

  it('refuses an obligation of another item or community', async () => {
    const intro = await item('社区简介');
    const [policyOb] = (await listOpenObligations(deps, changkou.id)).filter((o) => o.itemName === '政策文件');
    await expect(publish(intro, 'r-wrong', '2026-10-12T10:00:00+08:00', { obligationId: policyOb!.id })).rejects.toThrow('所选的公开义务不属于该社区的这个公开事项');
    expect(await repo.findDisclosure(deps.db.orm, 'r-wrong')).toBeNull();
  });

  it('computes the 公示 end and reopens a 公示 taken down early', async () => {
    const editor = await actor(deps, 'changkou-editor');
    const minimum = await item('最低生活保障');
    const ob = await registerEvent(deps, editor, changkou, { itemId: minimum.id, kind: 'acquired', occurredOn: '2026-10-09' });
    const result = await publish(minimum, 'r-dibao', '2026-10-12T15:00:00+08:00', { obligationId: ob.id });
    // 公示 7 个工作日 from 10月12日 (not counted): 10月21日.
    expect(result.publicityEndsOn).toBe('2026-10-21');
    const reopened = await deps.db.transaction((tx) => recordWithdrawn(tx, deps, { recordId: 'r-dibao', at: new Date('2026-10-15T09:00:00+08:00') }));
    expect(reopened.reopened).toEqual([ob.id]);
    const row = (await repo.findObligation(deps.db.orm, ob.id))!;
    expect(row.fulfilledOn).toBeNull();
    expect(row.reopenedNote).toBe('公示期应至2026年10月21日，但2026年10月15日即已撤下，请重新公示。');
  });

  it('keeps a standing item fulfilled by another current record, and reopens it when none is left', async () => {
    const intro = await item('社区简介');
    await publish(intro, 'r-intro-2', '2026-10-14T10:00:00+08:00');
    const first = await deps.db.transaction((tx) => recordWithdrawn(tx, deps, { recordId: 'r-intro', at: new Date('2026-10-15T09:00:00+08:00') }));
    expect(first.reopened).toEqual([]);
    const second = await deps.db.transaction((tx) => recordWithdrawn(tx, deps, { recordId: 'r-intro-2', at: new Date('2026-10-16T09:00:00+08:00') }));
    expect(second.reopened).toHaveLength(1);
    const standing = (await repo.findObligation(deps.db.orm, second.reopened[0]!))!;
    expect(standing.reopenedNote).toContain('长期公开事项须始终保持有效内容');
    const [audit] = await queryRows<{ n: number }>(deps.db.orm, sql`select count(*)::int as n from audit_log where action = 'compliance.reopen'`);
    expect(audit!.n).toBe(2);
  });

  it('rolls back with the record’s transaction', async () => {
    const intro = await item('社区简介');
    await expect(
      deps.db.transaction(async (tx) => {
        await recordPublished(tx, deps, { orgId: changkou.id, districtCode: changkou.districtCode, itemId: intro.id, itemKey: intro.itemKey, recordId: 'r-doomed', publishedAt: new Date() });
        throw new Error('record insert failed');
      }),
    ).rejects.toThrow('record insert failed');
    expect(await repo.findDisclosure(deps.db.orm, 'r-doomed')).toBeNull();
  });
});
