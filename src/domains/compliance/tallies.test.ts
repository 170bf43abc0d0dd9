import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { actor, org, seedSeedCatalogs } from '../../../test/support/compliance.ts';
import { effectiveCatalogFor } from '../catalog/index.ts';
import { eventItems, eventKindsFor, registerEvent } from './registerEvent.ts';
import { syncCommunity } from './syncObligations.ts';
import { statusSlices, tallyDrift } from './dashboardRepository.ts';
import { monthsOf, rangeOf } from './dates.ts';
import * as repo from './repository.ts';
import { obligations, tallies } from './schema.ts';

/*
 * compliance_tallies (migration 0018) holds the closed obligations the dashboards count; the
 * trigger must keep it equal to a recount from compliance_obligations whatever is done to them,
 * one row or many per statement, and the migration's backfill must count rows already there.
 */

const DAY = { today: '2026-11-27', soonUntil: '2026-12-02' };

describe.each(databaseKinds)('closed-obligation tallies on $name', (kind) => {
  let deps: TestDeps;
  let ids: number[];

  const drift = () => tallyDrift(deps.db.orm);
  const yearTally = async (orgId: number, period: string) => {
    const [row] = await deps.db.orm.select().from(tallies).where(sql`${tallies.orgId} = ${orgId} and ${tallies.period} = ${period} and ${tallies.itemKey} = ''`);
    return row ? { onTime: row.onTime, late: row.late, waived: row.waived } : null;
  };

  /** statusSlices (tallies + live open count) against the per-obligation list, every grouping; returns the statuses seen. */
  const expectSameSlices = async () => {
    const orgIds = (await deps.db.orm.selectDistinct({ id: obligations.orgId }).from(obligations)).map((r) => r.id);
    expect(orgIds.length).toBeGreaterThanOrEqual(2);
    const seen = new Set<string>();
    for (const period of ['2026', '2026-10']) {
      const range = rangeOf(period);
      for (const by of [{}, { item: true }, { month: true }]) {
        const periods = 'month' in by ? monthsOf(period) : [period];
        const slices = await statusSlices(deps.db.orm, { orgIds, ...range, periods, day: DAY }, by);
        const recount = new Map<string, number>();
        for (const orgId of orgIds) {
          for (const { row, status } of await repo.listObligations(deps.db.orm, orgId, DAY, { ...range, withOpenBefore: true })) {
            const key = [orgId, 'item' in by ? row.itemKey : null, 'month' in by ? row.refOn.slice(0, 7) : null, row.refOn < range.from, status].join('|');
            recount.set(key, (recount.get(key) ?? 0) + 1);
          }
        }
        const got = new Map(slices.map((s) => [[s.orgId, s.itemKey, s.month, s.carried, s.status].join('|'), s.n]));
        expect({ period, by, slices: Object.fromEntries(got) }).toEqual({ period, by, slices: Object.fromEntries(recount) });
        for (const sl of slices) seen.add(sl.status);
      }
    }
    return seen;
  };

  beforeAll(async () => {
    deps = await createTestDeps(kind, { at: '2026-11-27T09:00:00+08:00' });
    await seedSeedCatalogs(deps);
    for (const [code, editor] of [['220202004001', 'yanan-editor'], ['530102012001', 'changkou-editor']] as const) {
      const community = await org(deps, code);
      await syncCommunity(deps, community, { adoptedOn: '2026-01-01' });
      const who = await actor(deps, editor);
      for (const item of eventItems((await effectiveCatalogFor(deps, community))!.items).slice(0, 3)) {
        for (const date of ['2026-03-28', '2026-07-28', '2026-10-28']) await registerEvent(deps, who, community, { itemId: item.id, kind: eventKindsFor(item.rules)[0], occurredOn: date, note: '' });
      }
    }
    const rows = await deps.db.orm.select({ id: obligations.id }).from(obligations).orderBy(obligations.id);
    ids = rows.map((r) => r.id);
  });
  afterAll(() => deps?.dispose());

  it('counts nothing while every obligation is open, and the open ones exist', async () => {
    expect(ids.length).toBeGreaterThan(10);
    expect(await drift()).toEqual([]);
    expect(await yearTally((await org(deps, '220202004001')).id, '2026')).toBeNull();
  });

  it('follows fulfilment on time and late, waiving and un-waiving, one row at a time', async () => {
    const [a, b, c, d] = ids as [number, number, number, number];
    const rowA = (await repo.findObligation(deps.db.orm, a))!;
    await repo.updateObligation(deps.db.orm, a, { fulfilledOn: rowA.dueOn ?? rowA.refOn, fulfilledAt: new Date(), fulfilledRecordId: 'r-a' });
    await repo.updateObligation(deps.db.orm, b, { fulfilledOn: '2027-06-30', fulfilledAt: new Date(), fulfilledRecordId: 'r-b' });
    await repo.updateObligation(deps.db.orm, c, { waivedAt: new Date(), waivedBy: 'test', waiverReason: '不适用' });
    await repo.updateObligation(deps.db.orm, d, { waivedAt: new Date(), waivedBy: 'test', waiverReason: '不适用' });
    expect(await drift()).toEqual([]);
    const year = (rowA.refOn ?? '').slice(0, 4);
    const counted = await yearTally(rowA.orgId, year);
    expect(counted!.onTime + counted!.late + counted!.waived).toBeGreaterThanOrEqual(2);
    await repo.updateObligation(deps.db.orm, d, { waivedAt: null, waivedBy: null, waiverReason: null });
    // Reopened (the record withdrawn): no longer counted as closed.
    await repo.updateObligation(deps.db.orm, a, { fulfilledOn: null, fulfilledAt: null, fulfilledRecordId: null });
    expect(await drift()).toEqual([]);
  });

  it('moves a count when a recomputed due date turns on time into late, or the date moves to another month or year', async () => {
    const [, b, c] = ids as [number, number, number];
    await repo.updateObligation(deps.db.orm, b, { dueOn: '2027-12-31' }); // late → on time
    await repo.updateObligation(deps.db.orm, c, { refOn: '2025-12-15', dueOn: '2025-12-15' }); // waived, now last year
    expect(await drift()).toEqual([]);
    const rowC = (await repo.findObligation(deps.db.orm, c))!;
    expect((await yearTally(rowC.orgId, '2025'))!.waived).toBeGreaterThanOrEqual(1);
  });

  it('gives the dashboards the same slices as counting the listed obligations one by one', async () => {
    await expectSameSlices();
  });

  it('counts statements touching many rows at once: a bulk fulfil, a bulk due-date shift and deletes', async () => {
    const half = ids.slice(4, 4 + Math.floor(ids.length / 2));
    await deps.db.orm.update(obligations).set({ fulfilledOn: sql`coalesce(${obligations.dueOn}, ${obligations.refOn})`, fulfilledAt: new Date() }).where(inArray(obligations.id, half));
    expect(await drift()).toEqual([]);
    await deps.db.orm.update(obligations).set({ dueOn: sql`${obligations.dueOn} - 3` }).where(inArray(obligations.id, half.slice(0, 5)));
    await deps.db.orm.update(obligations).set({ waivedAt: new Date(), waiverReason: '不适用' }).where(inArray(obligations.id, half.slice(-3)));
    expect(await drift()).toEqual([]);
    // Every status is among what the two ways counted alike.
    expect([...(await expectSameSlices())].sort()).toEqual(expect.arrayContaining(['done_late', 'done_on_time', 'overdue', 'waived']));
    await deps.db.orm.delete(obligations).where(inArray(obligations.id, [ids[1]!, ids[2]!, ...half.slice(0, 3)]));
    expect(await drift()).toEqual([]);
    const yanan = await org(deps, '220202004001');
    // Due changes point at obligations; drop them first, as a purge of a community would.
    await deps.db.executeSql(`delete from compliance_due_changes where obligation_id in (select id from compliance_obligations where org_id = ${yanan.id})`);
    await deps.db.orm.delete(obligations).where(eq(obligations.orgId, yanan.id));
    expect(await drift()).toEqual([]);
      });

  it("is rebuilt by the migration's backfill from the obligations already there", async () => {
    const { rows } = await deps.db.executeSql('select count(*)::int as n from compliance_tallies where done_on_time + done_late + waived > 0');
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
    await deps.db.executeSql('delete from compliance_tallies');
    expect((await drift()).length).toBeGreaterThan(0);
    const migration = readFileSync('migrations/0018_dashboard_tallies.sql', 'utf8');
    const start = migration.indexOf('DO $$ BEGIN');
    const backfill = migration.slice(start, migration.indexOf('END $$;', start) + 'END $$;'.length);
    expect(backfill).toContain('compliance_tallies_sql');
    await deps.db.executeSql(backfill);
    expect(await drift()).toEqual([]);
    expect(await queryRows(deps.db.orm, sql`select 1 from ${tallies} where ${tallies.onTime} < 0 or ${tallies.late} < 0 or ${tallies.waived} < 0`)).toEqual([]);
  });
});
