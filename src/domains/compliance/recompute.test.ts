import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { actor, org, seedSeedCatalogs } from '../../../test/support/compliance.ts';
import { importCalendarYear } from '../calendar/index.ts';
import { tabText, utf8 } from '../catalog/import/fixtures.ts';
import { importCatalog, activateCatalog, editDraftItem, listItems, effectiveCatalogFor } from '../catalog/index.ts';
import { ensureCalendarCurrent } from './recomputeDueDates.ts';
import { registerEvent } from './registerEvent.ts';
import * as repo from './repository.ts';
import { syncCommunity } from './syncObligations.ts';

const system = { id: null, name: 'test', ip: null, user: null };
const changyi = readFileSync('data/catalogs/changyi-220202.txt', 'utf8');

describe.each(databaseKinds)('due dates follow corrected calendars and rules on $name', (kind) => {
  let deps: TestDeps;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    deps = await createTestDeps(kind, { at: '2026-12-30T09:00:00+08:00' });
    await seedSeedCatalogs(deps);
    const yanan = await org(deps, '220202004001');
    const items = (await effectiveCatalogFor(deps, yanan))!.items;
    const editor = await actor(deps, 'yanan-editor');
    const register = async (name: string, occurredOn: string) => (await registerEvent(deps, editor, yanan, { itemId: items.find((i) => i.name === name)!.id, kind: 'formed', occurredOn })).id;
    ids.september = await register('财务收支情况', '2026-09-28');
    ids.december = await register('最低生活保障', '2026-12-20');
    ids.november = await register('临时救助', '2026-11-30');
    await ensureCalendarCurrent(deps);
  });
  afterAll(() => deps.dispose());

  const row = async (id: number) => (await repo.findObligation(deps.db.orm, id))!;

  it('moves a due date when the admin adds a holiday, and says why', async () => {
    expect((await row(ids.september!)).dueOn).toBe('2026-10-30');
    const correction = { year: 2026, holidays: [{ date: '2026-10-08', name: '国庆节' }], workdays: [] };
    await importCalendarYear(deps, { id: null, name: 'district-admin' }, { text: JSON.stringify(correction), source: '更正' });
    const result = await ensureCalendarCurrent(deps);
    expect(result.moved).toBeGreaterThanOrEqual(1);
    const moved = await row(ids.september!);
    expect(moved.dueOn).toBe('2026-11-02');
    expect(moved.explanation).toContain('跳过国庆节假期10月1日至10月8日');
    expect(moved.movedNote).toBe(
      '应公开日期由2026年10月30日改为2026年11月2日，原因：工作日历已更正（原计算涉及：国庆节假期2026年10月1日至2026年10月7日、2026年10月10日调休上班；更正后涉及：国庆节假期2026年10月1日至2026年10月8日、2026年10月10日调休上班）。',
    );
    const changes = await repo.listDueChanges(deps.db.orm, ids.september!);
    expect(changes.map((c) => [c.fromDue, c.toDue])).toEqual([['2026-10-30', '2026-11-02']]);
    // A date the correction does not touch stays as it was, with no note.
    expect((await row(ids.november!)).movedNote).toBeNull();
    expect(await ensureCalendarCurrent(deps)).toEqual({ checked: 0, moved: 0 });
  });

  it('dates an obligation that ran into an unknown year once that year is entered', async () => {
    const before = await row(ids.december!);
    expect(before.dueOn).toBeNull();
    expect(before.explanation).toContain('2027年节假日安排尚未公布或录入');
    const notice = readFileSync('data/calendar/sample-2027-notice.txt', 'utf8');
    await importCalendarYear(deps, { id: null, name: 'district-admin' }, { text: notice, source: 'sample-2027-notice.txt' });
    await ensureCalendarCurrent(deps);
    const after = await row(ids.december!);
    expect(after.dueOn).toBe('2027-01-18');
    expect(after.dueState).toBe('dated');
    expect(after.movedNote).toContain('应公开日期由“时限待定”改为2027年1月18日，原因：所需年份的节假日安排已录入');
  });

  it('moves open obligations when a new catalog version changes the time limit; done ones keep theirs', async () => {
    const stricter = changyi.replaceAll('20个工作日', '15个工作日');
    await importCatalog(deps, system, { fileName: 'changyi-v2.txt', bytes: utf8(stricter), orgCode: '220202', activate: true });
    const yanan = await org(deps, '220202004001');
    // The daily job and a dashboard view sync at the same moment: the move is made and noted once.
    const results = await Promise.all([syncCommunity(deps, yanan), syncCommunity(deps, yanan)]);
    expect(results.map((r) => r.moved).sort()).toEqual([0, 3]);
    expect(await repo.listDueChanges(deps.db.orm, ids.november!)).toHaveLength(1);
    const moved = await row(ids.november!);
    expect(moved.movedNote).toContain('公开时限规则已修改（原为“信息形成或变更之日起 20 个工作日内公开”，现为“信息形成或变更之日起 15 个工作日内公开”）');
    const [audit] = await queryRows<{ n: number }>(deps.db.orm, sql`select count(*)::int as n from audit_log where action in ('compliance.recompute', 'compliance.sync')`);
    expect(audit!.n).toBeGreaterThanOrEqual(3);
  });

  it('dates a 时限待定 obligation once the admin sets the days for 及时', async () => {
    const wenhua = await org(deps, '220202005001');
    const first = await importCatalog(deps, system, { fileName: 'wenhua.txt', bytes: utf8(tabText()), orgCode: wenhua.code, activate: true });
    const item = (await effectiveCatalogFor(deps, wenhua))!.items.find((i) => i.name === '财务收支情况')!;
    const pending = await registerEvent(deps, await actor(deps, 'wenhua-editor'), wenhua, { itemId: item.id, kind: 'formed', occurredOn: '2026-12-28' });
    expect(pending.dueOn).toBeNull();
    const draft = await importCatalog(deps, system, { fileName: 'wenhua-v2.txt', bytes: utf8(tabText()), orgCode: wenhua.code });
    const draftItem = (await listItems(deps.db.orm, draft.catalog.id)).find((i) => i.name === '财务收支情况')!;
    await editDraftItem(deps, system, draft.catalog.id, draftItem.id, { domain: draftItem.domain ?? '', category: draftItem.category ?? '', name: draftItem.name, timeLimitText: draftItem.timeLimitText, promptDays: '5' });
    await activateCatalog(deps, system, draft.catalog.id);
    expect(first.catalog.id).not.toBe(draft.catalog.id);
    await syncCommunity(deps, wenhua);
    const dated = await row(pending.id);
    expect(dated.dueOn).toBe('2027-01-05');
    expect(dated.movedNote).toContain('管理员已设定“及时公开”的天数（5 个工作日）');
    expect(dated.itemId).toBe(draftItem.id);
    expect((await verifyAudit(deps.db.orm)).ok).toBe(true);
  });
});
