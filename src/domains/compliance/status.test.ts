import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { actor, org, seedSeedCatalogs } from '../../../test/support/compliance.ts';
import { tabText, utf8 } from '../catalog/import/fixtures.ts';
import { importCatalog, effectiveCatalogFor } from '../catalog/index.ts';
import { complianceNow } from './context.ts';
import { recordPublished } from './disclosures.ts';
import { registerEvent } from './registerEvent.ts';
import * as repo from './repository.ts';
import { statusOf } from './status.ts';
import { syncCommunity } from './syncObligations.ts';
import { waiveObligation } from './waiveObligation.ts';

const system = { id: null, name: 'test', ip: null, user: null };

describe.each(databaseKinds)('statuses as the clock moves on $name', (kind) => {
  let deps: TestDeps;
  let finance: number;
  const statusAt = async (id: number, at: string) => {
    deps.clock.set(at);
    const now = await complianceNow(deps, '220202');
    return statusOf((await repo.findObligation(deps.db.orm, id))!, now.day);
  };
  const publish = async (obligationId: number, at: string, recordId: string) => {
    const row = (await repo.findObligation(deps.db.orm, obligationId))!;
    return deps.db.transaction((tx) =>
      recordPublished(tx, deps, { orgId: row.orgId, districtCode: row.districtCode, itemId: row.itemId, itemKey: row.itemKey, recordId, publishedAt: new Date(at), obligationId }),
    );
  };

  beforeAll(async () => {
    deps = await createTestDeps(kind, { at: '2026-09-28T10:00:00+08:00' });
    await seedSeedCatalogs(deps);
    const yanan = await org(deps, '220202004001');
    const items = (await effectiveCatalogFor(deps, yanan))!.items;
    const item = items.find((i) => i.name === '财务收支情况')!;
    finance = (await registerEvent(deps, await actor(deps, 'yanan-editor'), yanan, { itemId: item.id, kind: 'formed', occurredOn: '2026-09-28' })).id;
  });
  afterAll(() => deps.dispose());

  it('goes upcoming → due soon (≤ 3 working days) → overdue → done late', async () => {
    expect((await repo.findObligation(deps.db.orm, finance))!.dueOn).toBe('2026-10-30');
    expect(await statusAt(finance, '2026-10-20T09:00:00+08:00')).toBe('upcoming');
    expect(await statusAt(finance, '2026-10-26T09:00:00+08:00')).toBe('upcoming');
    expect(await statusAt(finance, '2026-10-27T09:00:00+08:00')).toBe('due_soon');
    expect(await statusAt(finance, '2026-10-30T23:00:00+08:00')).toBe('due_soon');
    expect(await statusAt(finance, '2026-10-31T00:30:00+08:00')).toBe('overdue');
    await publish(finance, '2026-11-03T10:00:00+08:00', 'rec-late');
    expect(await statusAt(finance, '2026-11-03T11:00:00+08:00')).toBe('done_late');
  });

  it('counts 国庆 days as rest: an event on 9月30日 is due 11月3日, due soon from 10月29日', async () => {
    deps.clock.set('2026-10-09T09:00:00+08:00');
    const yanan = await org(deps, '220202004001');
    const item = (await effectiveCatalogFor(deps, yanan))!.items.find((i) => i.name === '临时救助')!;
    const ob = await registerEvent(deps, await actor(deps, 'yanan-editor'), yanan, { itemId: item.id, kind: 'formed', occurredOn: '2026-09-30' });
    expect(ob.dueOn).toBe('2026-11-03');
    expect(await statusAt(ob.id, '2026-10-28T09:00:00+08:00')).toBe('upcoming');
    expect(await statusAt(ob.id, '2026-10-29T09:00:00+08:00')).toBe('due_soon');
    await publish(ob.id, '2026-11-02T16:00:00+08:00', 'rec-on-time');
    expect(await statusAt(ob.id, '2026-12-01T09:00:00+08:00')).toBe('done_on_time');
  });

  it('lets a street admin, not the editor, waive an obligation with a reason', async () => {
    deps.clock.set('2026-11-10T09:00:00+08:00');
    const yanan = await org(deps, '220202004001');
    const item = (await effectiveCatalogFor(deps, yanan))!.items.find((i) => i.name === '养老服务管理')!;
    const ob = await registerEvent(deps, await actor(deps, 'yanan-editor'), yanan, { itemId: item.id, kind: 'changed', occurredOn: '2026-11-09' });
    await expect(waiveObligation(deps, await actor(deps, 'yanan-editor'), ob.id, { reason: '误登记，实际未发生变更' })).rejects.toThrow('免除公开义务须由上级街道或区县管理员批准');
    await expect(waiveObligation(deps, await actor(deps, 'wenhua-street'), ob.id, { reason: '误登记，实际未发生变更' })).rejects.toThrow('免除');
    await expect(waiveObligation(deps, await actor(deps, 'yanan-street'), ob.id, { reason: '短' })).rejects.toThrow('请写明免除的理由');
    await waiveObligation(deps, await actor(deps, 'yanan-street'), ob.id, { reason: '误登记，实际未发生变更' });
    const row = (await repo.findObligation(deps.db.orm, ob.id))!;
    expect(await statusAt(ob.id, '2027-01-01T09:00:00+08:00')).toBe('waived');
    expect(row.waiverReason).toBe('误登记，实际未发生变更');
    expect(row.waivedBy).toContain('延安街道');
  });

  it('makes quarterly obligations of a periodic item and shows 及时 without days as 时限待定', async () => {
    deps.clock.set('2026-11-02T09:00:00+08:00');
    const wenhua = await org(deps, '220202005001');
    await importCatalog(deps, system, { fileName: 'wenhua.txt', bytes: utf8(tabText()), orgCode: wenhua.code, activate: true });
    await syncCommunity(deps, wenhua, { adoptedOn: '2026-01-01' });
    const now = await complianceNow(deps, wenhua.districtCode);
    const rows = await repo.listObligations(deps.db.orm, wenhua.id, now.day, { from: '2026-01-01', to: '2026-12-31' });
    const quarterly = rows.filter((r) => r.row.kind === 'periodic');
    // 每季度的首月20日前: 1月20日, 4月20日, 7月20日, 10月20日 (all working days in 2026).
    expect(quarterly.map((r) => r.row.dueOn)).toEqual(['2026-01-20', '2026-04-20', '2026-07-20', '2026-10-20']);
    expect(quarterly.map((r) => r.status)).toEqual(['overdue', 'overdue', 'overdue', 'overdue']);
    expect(quarterly[3]!.row.explanation).toContain('2026年第4季度');
    const item = (await effectiveCatalogFor(deps, wenhua))!.items.find((i) => i.name === '财务收支情况')!;
    const prompt = await registerEvent(deps, await actor(deps, 'wenhua-editor'), wenhua, { itemId: item.id, kind: 'formed', occurredOn: '2026-10-30' });
    expect(prompt.dueOn).toBeNull();
    expect(prompt.explanation).toContain('时限待定');
    expect(await statusAt(prompt.id, '2026-12-30T09:00:00+08:00')).toBe('pending');
  });
});
