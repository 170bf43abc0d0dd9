import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type Database } from '../../platform/db.ts';
import { buildApp } from '../../app/buildApp.ts';
import { Agent } from '../../../test/support/http.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { actor, org, seedSeedCatalogs, sessionUser } from '../../../test/support/compliance.ts';
import type { OrgRow, SessionUser } from '../org/index.ts';
import { effectiveCatalogFor } from '../catalog/index.ts';
import { districtRollup } from './districtRollup.ts';
import { eventKindsFor, registerEvent } from './registerEvent.ts';
import { streetMatrix, type MatrixView } from './streetMatrix.ts';
import { overdueCommunities } from './summary.ts';

/*
 * Dashboards are kept in memory under their district's version (dashboardCache.ts), which
 * triggers move with every change they count (migration 0022). Kept views must cost no counting
 * while nothing changed, and a change made anywhere (another instance, a raw statement) must
 * show on the next view.
 */

const versions = async (db: Database): Promise<Record<string, number>> =>
  Object.fromEntries((await queryRows<{ d: string; v: string }>(db.orm, sql`select district_code as d, version::text as v from compliance_versions`)).map((r) => [r.d, Number(r.v)]));

/** Statements a call sends, by the tables they read. */
async function statementsOf(db: Database, fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const stop = db.observe((text) => seen.push(text));
  try {
    await fn();
  } finally {
    stop();
  }
  return seen;
}

const overdueOf = (view: MatrixView, code: string) => view.rows.find((r) => r.org.code === code)!.counts.overdue ?? 0;
const waivedOf = (view: MatrixView, code: string) => view.rows.find((r) => r.org.code === code)!.counts.waived ?? 0;

/** The to-do figure of a community: how many overdue (absent from the list when none). */
const todoOf = async (deps: TestDeps, user: SessionUser, area: OrgRow) => (await overdueCommunities(deps, user, area)).find((c) => c.org.code === '220202004001')?.overdue ?? 0;

describe.each(databaseKinds)('dashboards kept between views on $name', (kind) => {
  let deps: TestDeps;
  let admin: SessionUser;
  let street: OrgRow;
  let district: OrgRow;

  beforeAll(async () => {
    deps = await createTestDeps(kind, { at: '2026-11-05T09:00:00+08:00' });
    await seedSeedCatalogs(deps);
    admin = await sessionUser(deps, 'changyi-admin');
    street = await org(deps, '220202004');
    district = await org(deps, '220202');
  });
  afterAll(() => deps.dispose());

  it('serves a matrix, a roll-up and the to-do figure from memory while nothing they count changed', async () => {
    const look = async () => {
      const matrix = await streetMatrix(deps, admin, street, '2026');
      await districtRollup(deps, admin, district, '2026');
      await overdueCommunities(deps, admin, district);
      return matrix;
    };
    await look(); // syncs the communities: a write, so the views are kept under the version after it
    const first = await look();
    const again = await statementsOf(deps.db, async () => {
      expect(await streetMatrix(deps, admin, street, '2026')).toBe(first);
      await districtRollup(deps, admin, district, '2026');
      await overdueCommunities(deps, admin, district);
    });
    expect(again.filter((s) => /compliance_(obligations|tallies|sync|orders|case_duties)|calendar_years/.test(s))).toEqual([]);
    expect(again.filter((s) => s.includes('compliance_versions'))).toHaveLength(3);
    // Another period is another view.
    expect((await streetMatrix(deps, admin, street, '2026-10')).period).toBe('2026-10');
  });

  it('answers a kept matrix page with one version read for its header and its body, and nothing counted', async () => {
    const app = await buildApp(deps, { logger: false });
    try {
      const agent = new Agent(app);
      expect((await agent.login('changyi-admin', PASSWORD)).statusCode).toBe(303);
      const first = await agent.get('/staff/compliance/s/220202004?year=2026');
      expect(first.statusCode).toBe(200);
      let body = '';
      const seen = await statementsOf(deps.db, async () => (body = (await agent.get('/staff/compliance/s/220202004?year=2026')).body));
      const withoutToken = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '');
      expect(withoutToken(body)).toBe(withoutToken(first.body));
      expect(seen.filter((s) => s.includes('compliance_versions'))).toHaveLength(1);
      expect(seen.filter((s) => /compliance_(obligations|tallies|sync|orders|case_duties)|calendar_years/.test(s))).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('moves the counter of the district a change touched, and the shared one for a calendar every district uses', async () => {
    const before = await versions(deps.db);
    const community = await org(deps, '220202004001');
    const item = (await effectiveCatalogFor(deps, community))!.items.find((i) => i.name === '财务收支情况')!;
    await registerEvent(deps, await actor(deps, 'yanan-editor'), community, { itemId: item.id, kind: eventKindsFor(item.rules)[0]!, occurredOn: '2026-09-28', note: '' }); // due 10-30: overdue
    const afterEvent = await versions(deps.db);
    expect(afterEvent['220202']).toBeGreaterThan(before['220202'] ?? 0);
    expect(afterEvent['530102']).toBe(before['530102']);
    // An update that changes no row moves nothing.
    await deps.db.executeSql("update compliance_orders set status = status where org_id = -1");
    expect(await versions(deps.db)).toEqual(afterEvent);
    await deps.db.executeSql(`update compliance_case_duties set title = title`);
    await deps.db.executeSql(`insert into calendar_years (year, data, source, entered_by, created_at, district_code) values (1999, '{}', 'test', 'test', now(), null)`);
    const afterCalendar = await versions(deps.db);
    expect(afterCalendar['']).toBeGreaterThan(afterEvent[''] ?? 0);
    expect(afterCalendar['530102']).toBe(before['530102']);
    await deps.db.executeSql('delete from calendar_years where year = 1999');
    expect((await versions(deps.db))['']).toBeGreaterThan(afterCalendar['']!);
  });

  it('shows a change made by another instance on the next view, and moves with the day', async () => {
    const before = await streetMatrix(deps, admin, street, '2026');
    const overdue = overdueOf(before, '220202004001');
    expect(overdue).toBeGreaterThan(0);
    expect(await todoOf(deps, admin, district)).toBe(overdue);
    // PostgreSQL: a second connection pool, as another instance has; PGlite has one writer, so a
    // raw statement that no application code wraps stands in for it.
    const other = deps.databaseUrl ? await openDatabase({ kind: 'postgres', url: deps.databaseUrl }) : deps.db;
    try {
      await other.executeSql(`update compliance_obligations set waived_at = now(), waived_by = 'test', waiver_reason = '另一个实例'
        where id = (select o.id from compliance_obligations o join organisations g on g.id = o.org_id
          where g.code = '220202004001' and o.fulfilled_on is null and o.waived_at is null and o.due_on < '2026-11-05' order by o.id limit 1)`);
    } finally {
      if (other !== deps.db) await other.close();
    }
    const after = await streetMatrix(deps, admin, street, '2026');
    expect(overdueOf(after, '220202004001')).toBe(overdue - 1);
    expect(waivedOf(after, '220202004001')).toBe(waivedOf(before, '220202004001') + 1);
    expect(await todoOf(deps, admin, district)).toBe(overdue - 1);
    deps.clock.set('2026-11-06T09:00:00+08:00');
    expect((await streetMatrix(deps, admin, street, '2026')).today).toBe('2026-11-06');
  });
});
