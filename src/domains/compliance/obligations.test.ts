import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { actor, org, seedSeedCatalogs } from '../../../test/support/compliance.ts';
import { createWorkCalendar } from '../calendar/index.ts';
import { effectiveCatalogFor } from '../catalog/index.ts';
import { eventItems, eventKindsFor, registerEvent } from './registerEvent.ts';
import * as repo from './repository.ts';
import { syncCommunity, syncUnder } from './syncObligations.ts';
import { complianceNow } from './context.ts';
import { statusOf } from './status.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-28`);
const calendar = createWorkCalendar();

describe.each(databaseKinds)('obligations of both seed catalogs over 2026 on $name', (kind) => {
  let deps: TestDeps;
  const registered: { code: string; itemName: string; date: string; id: number }[] = [];

  beforeAll(async () => {
    deps = await createTestDeps(kind, { at: '2026-12-31T10:00:00+08:00' });
    await seedSeedCatalogs(deps);
    for (const [code, editor] of [['220202004001', 'yanan-editor'], ['530102012001', 'changkou-editor']] as const) {
      const community = await org(deps, code);
      await syncCommunity(deps, community, { adoptedOn: '2026-01-01' });
      const items = eventItems((await effectiveCatalogFor(deps, community))!.items);
      const who = await actor(deps, editor);
      for (const item of items) {
        for (const date of MONTHS) {
          const ob = await registerEvent(deps, who, community, { itemId: item.id, kind: eventKindsFor(item.rules)[0], occurredOn: date, note: '' });
          registered.push({ code, itemName: item.name, date, id: ob.id });
        }
      }
    }
  }, 180_000);
  afterAll(() => deps.dispose());

  it('makes one event obligation per registered event, and standing ones for 长期公开 items', async () => {
    expect(registered.filter((r) => r.code === '220202004001')).toHaveLength(9 * 12);
    expect(registered.filter((r) => r.code === '530102012001')).toHaveLength(15 * 12);
    const changkou = await org(deps, '530102012001');
    const standing = (await repo.listOpen(deps.db.orm, changkou.id)).filter((r) => r.kind === 'standing');
    expect(standing.map((r) => r.itemName).sort()).toEqual(['社区居务监督机构', '社区简介']);
    // Adopted 2026-01-01 (元旦): 20 working days on, counting the make-up Sunday 1月4日.
    expect(standing.every((r) => r.dueOn === '2026-01-29')).toBe(true);
    expect(standing[0]!.explanation).toContain('长期公开');
    expect(standing[0]!.explanation).toContain('1月4日（星期日）调休上班计入');
  });

  it('dates every event obligation by the item’s rule on the real calendar', async () => {
    const checked = { dated: 0, unknown: 0 };
    for (const r of registered) {
      const row = (await repo.findObligation(deps.db.orm, r.id))!;
      const rule = row.basis.rules.find((x) => x.kind === 'within')!;
      expect(rule.kind).toBe('within');
      if (rule.kind !== 'within') continue;
      let expected: string | null = null;
      try {
        expected = rule.unit === 'workday' ? calendar.addWorkdays(r.date, rule.amount).due : calendar.addDays(r.date, rule.amount).due;
      } catch {
        expected = null; // runs into 2027, which the calendar does not know yet
      }
      expect(row.dueOn).toBe(expected);
      if (expected) checked.dated++;
      else {
        checked.unknown++;
        expect(row.dueState).toBe('unknown_year');
        expect(row.explanation).toContain('2027年节假日安排尚未公布或录入，无法计算准确期限');
      }
    }
    // Every December event with a 10 or 20 working-day limit runs into 2027; 厂口's 当天 item does not.
    expect(checked.unknown).toBe(9 + 14);
    expect(checked.dated).toBe(registered.length - checked.unknown);
  });

  it('explains the 国庆 and 春节 holidays and the make-up days it crossed', async () => {
    const yanan = registered.filter((r) => r.code === '220202004001' && r.itemName === '财务收支情况');
    const september = (await repo.findObligation(deps.db.orm, yanan.find((r) => r.date === '2026-09-28')!.id))!;
    expect(september.dueOn).toBe('2026-10-30');
    expect(september.explanation).toContain('国庆节');
    expect(september.explanation).toContain('10月10日（星期六）调休上班计入');
    const january = (await repo.findObligation(deps.db.orm, yanan.find((r) => r.date === '2026-01-28')!.id))!;
    expect(january.explanation).toContain('春节假期');
    expect(january.explanation).toContain('2月14日（星期六）');
    const sameDay = registered.find((r) => r.code === '530102012001' && r.itemName.startsWith('申请残疾人') && r.date === '2026-02-28')!;
    const row = (await repo.findObligation(deps.db.orm, sameDay.id))!;
    // 信息形成的当天: 2月28日 is a make-up working Saturday, so the same day.
    expect(row.dueOn).toBe('2026-02-28');
  });

  it('shows every past obligation as overdue at the end of the year, nothing as done', async () => {
    const yanan = await org(deps, '220202004001');
    const now = await complianceNow(deps, yanan.districtCode);
    const rows = await repo.listObligations(deps.db.orm, yanan.id, now.day, { from: '2026-01-01', to: '2027-12-31' });
    const statuses = new Map<string, number>();
    for (const r of rows) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    expect(rows.every((r) => r.status === statusOf(r.row, now.day))).toBe(true);
    expect(statuses.get('overdue')).toBe(9 * 11);
    expect(statuses.get('pending')).toBe(9);
  });

  // The daily job's sync of a province takes minutes; a stopping server ends it between two
  // communities (platform/jobs.ts), and those not reached stay stale for the next run.
  it('stops a sync before the next community once the server is stopping', async () => {
    const synced = async () => Number((await queryRows<{ n: unknown }>(deps.db.orm, sql`select count(*) as n from compliance_sync`))[0]!.n);
    const before = await synced();
    await expect(syncUnder(deps, '/', { onlyStale: true, signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
    expect(await synced()).toBe(before);
    await syncUnder(deps, '/', { onlyStale: true });
    expect(await synced()).toBeGreaterThan(before);
  });

  it('keeps every change in the hash-chained audit log', async () => {
    const [row] = await queryRows<{ n: number }>(deps.db.orm, sql`select count(*)::int as n from audit_log where action = 'compliance.event_register'`);
    expect(row!.n).toBe(registered.length);
    expect((await verifyAudit(deps.db.orm)).ok).toBe(true);
  });
});
