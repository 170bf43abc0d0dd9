import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { demoDatabase } from '../../../test/support/demo.ts';
import { Agent } from '../../../test/support/http.ts';
import { addUser, PASSWORD } from '../../../test/support/fixtures.ts';
import { actor, org, seedSeedCatalogs, sessionUser } from '../../../test/support/compliance.ts';
import { addOrganisation, listOrgsFlat, type OrgRow } from '../org/index.ts';
import { recordPublished } from './disclosures.ts';
import { runDailyReminders } from './reminders.ts';
import { matrixJson, streetMatrix } from './streetMatrix.ts';
import { complianceStatus, overdueCommunities, statusJson } from './summary.ts';
import { registerEvent, eventItems, eventKindsFor } from './registerEvent.ts';
import { effectiveCatalogFor } from '../catalog/index.ts';
import { listNotifications } from './supervisionRepository.ts';
import { beijingDate } from '../../platform/time.ts';
import * as repo from './repository.ts';
import { loadRecord } from '../record/index.ts';

/*
 * The promise to a street or district: one figure per community, whichever page shows it. For
 * every community the overdue count on its own page, in the status JSON, in its street's matrix
 * for the current month (carried-over obligations included), in the matrix export and in the
 * district roll-up must be the same, and obligations left open from last year must be among them.
 */

interface Surfaces {
  page: number;
  status: number;
  matrix: number;
  xlsx: number;
  rollup: number;
  /** The admin's to-do list (有逾期事项的社区); a community not listed has none. */
  todo: number;
}

const overdueOnPage = (html: string) => Number(/<li class="st-overdue">已逾期 <strong>(\d+)<\/strong>/.exec(html)?.[1] ?? 0);

async function xlsxOverdue(bytes: Buffer): Promise<Map<string, number>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  const header = sheet.getRow(3).values as unknown[];
  const col = header.indexOf('已逾期合计');
  const out = new Map<string, number>();
  for (let r = 4; r <= sheet.rowCount; r++) out.set(String(sheet.getCell(r, 1).value), Number(sheet.getCell(r, col).value));
  return out;
}

/** Every surface's overdue count for each community of a district, as its users see them. */
async function surfaces(deps: TestDeps, admin: Agent, username: string, district: OrgRow): Promise<Map<string, Surfaces>> {
  const user = await sessionUser(deps, username);
  const orgs = await listOrgsFlat(deps, district.path);
  const month = beijingDate(deps.clock.now()).slice(0, 7);
  const rollup = (await admin.get(`/staff/compliance/d/${district.code}`)).body;
  const todo = new Map((await overdueCommunities(deps, user, district)).map((c) => [c.org.code, c.overdue]));
  const out = new Map<string, Surfaces>();
  for (const street of orgs.filter((o) => o.kind === 'street')) {
    const view = await streetMatrix(deps, user, street, month);
    const json = matrixJson(view);
    const [y, m] = view.period.split('-');
    const xlsx = await xlsxOverdue((await admin.get(`/staff/compliance/s/${street.code}/matrix.xlsx?year=${y}&month=${m}`)).rawPayload);
    for (const row of json.rows) {
      const community = orgs.find((o) => o.code === row.org)!;
      const status = statusJson(await complianceStatus(deps, user, community));
      const inRollup = new RegExp(`<tr data-org="${row.org}">.*?<td class="num st-overdue-text overdue">(\\d+)</td>`).exec(rollup);
      out.set(row.org, {
        page: overdueOnPage((await admin.get(`/staff/compliance/c/${row.org}`)).body),
        status: status.counts.overdue,
        matrix: row.counts.overdue,
        xlsx: xlsx.get(community.name)!,
        rollup: Number(inRollup?.[1]),
        todo: todo.get(row.org) ?? 0,
      });
    }
  }
  return out;
}

function expectAgreement(all: Map<string, Surfaces>): void {
  expect(all.size).toBeGreaterThan(0);
  for (const [code, s] of all) expect({ code, ...s }).toEqual({ code, page: s.status, status: s.status, matrix: s.status, xlsx: s.status, rollup: s.status, todo: s.status });
}

describe.each(databaseKinds)('compliance figures agree everywhere on $name', (kind) => {
  describe('on the demo data', () => {
    let deps: TestDeps;
    let app: FastifyInstance;
    let passwords: Map<string, string>;

    beforeAll(async () => {
      const demo = await demoDatabase(kind, { at: '2026-11-27T09:00:00+08:00' });
      deps = demo;
      passwords = new Map(demo.accounts.map((a) => [a.username, a.password]));
      app = await buildApp(deps, { logger: false });
    }, 600_000);
    afterAll(async () => {
      await app?.close();
      await deps?.dispose();
    });

    const as = async (username: string) => {
      const agent = new Agent(app);
      expect((await agent.login(username, passwords.get(username)!)).statusCode).toBe(303);
      return agent;
    };

    it('gives 厂口社区 the same overdue count everywhere, 社区简介 (长期公开, never published) among them', async () => {
      const wuhua = await as('wuhua-admin');
      const all = await surfaces(deps, wuhua, 'wuhua-admin', await org(deps, '530102'));
      expectAgreement(all);
      const changkou = all.get('530102012001')!;
      expect(changkou.status).toBeGreaterThanOrEqual(1);
      const status = statusJson(await complianceStatus(deps, await sessionUser(deps, 'changkou-editor'), await org(deps, '530102012001')));
      const intro = status.open.find((o) => o.item === '社区简介');
      expect(intro).toMatchObject({ status: 'overdue', carriedOver: true });
      expect(intro!.due! < '2026-01-01').toBe(true);
      const page = (await wuhua.get('/staff/compliance/s/530102012?year=2026&month=11')).body;
      expect(page).toContain('往期未结');
      expect(page).toMatch(/class="cell st-overdue carried"/);
    });

    it('backs every “公开” of the demo history with a real, published record fulfilling that obligation', async () => {
      const fulfilled = [];
      for (const community of (await listOrgsFlat(deps)).filter((o) => o.kind === 'community')) {
        const rows = await repo.listObligations(deps.db.orm, community.id, { today: '2026-11-27', soonUntil: '2026-12-02' });
        fulfilled.push(...rows.filter((r) => r.row.fulfilledOn));
      }
      expect(fulfilled.length).toBeGreaterThan(50);
      for (const { row } of fulfilled) {
        expect(row.fulfilledRecordId).toMatch(/^\d+$/);
        const record = await loadRecord(deps, Number(row.fulfilledRecordId));
        expect(record.orgId).toBe(row.orgId);
        expect(beijingDate(record.firstPublishedAt!)).toBe(row.fulfilledOn);
      }
    });

    it('agrees for every community of 昌邑区, and the digest e-mail counts the same overdue obligations', async () => {
      const all = await surfaces(deps, await as('changyi-admin'), 'changyi-admin', await org(deps, '220202'));
      expectAgreement(all);
      await runDailyReminders(deps, null);
      const editor = await sessionUser(deps, 'yanan-editor');
      const digest = (await listNotifications(deps.db.orm, editor.id)).find((n) => n.kind === 'digest');
      const overdue = all.get('220202004001')!.status;
      if (overdue > 0) expect(digest?.title).toContain(`${overdue} 项已逾期`);
    });
  });

  describe('on a generated street with obligations left open from last year', () => {
    let deps: TestDeps;
    let app: FastifyInstance;

    beforeAll(async () => {
      deps = await createTestDeps(kind, { at: '2026-03-10T09:00:00+08:00' });
      await seedSeedCatalogs(deps);
      const system = { id: null, name: 'test', ip: null, user: null };
      await addOrganisation(deps, system, { code: '220202009', name: '生成街道', kind: 'street', parentCode: '220202' });
      for (let i = 1; i <= 6; i++) {
        const code = `220202009${String(i).padStart(3, '0')}`;
        await addOrganisation(deps, system, { code, name: `生成第${i}社区`, kind: 'community', parentCode: '220202009' });
        const community = await org(deps, code);
        await addUser(deps, `gen${i}-editor`, 'editor', code);
        const editor = await actor(deps, `gen${i}-editor`);
        const items = eventItems((await effectiveCatalogFor(deps, community))!.items);
        // Information formed over the last year; some published (a pattern differing per community), the rest left open.
        const days = ['2025-06-16', '2025-09-08', '2025-11-17', '2026-01-12', '2026-02-09', '2026-03-02', '2026-03-09'];
        for (const [k, occurredOn] of days.entries()) {
          const item = items[(k + i) % items.length]!;
          const row = await registerEvent(deps, editor, community, { itemId: String(item.id), kind: eventKindsFor(item.rules)[0], occurredOn });
          if ((k + i) % 3 !== 0) continue;
          const on = row.dueOn && row.dueOn < '2026-03-10' ? row.dueOn : '2026-03-09';
          await deps.db.transaction((tx) => recordPublished(tx, deps, { orgId: community.id, districtCode: community.districtCode, itemId: row.itemId, itemKey: row.itemKey, recordId: `gen-${row.id}`, publishedAt: new Date(`${on}T10:00:00+08:00`), obligationId: row.id }));
        }
      }
      app = await buildApp(deps, { logger: false });
    }, 600_000);
    afterAll(async () => {
      await app?.close();
      await deps?.dispose();
    });

    it('counts the same overdue obligations on every surface, last year’s still-open ones included', async () => {
      const admin = new Agent(app);
      expect((await admin.login('changyi-admin', PASSWORD)).statusCode).toBe(303);
      const all = await surfaces(deps, admin, 'changyi-admin', await org(deps, '220202'));
      expectAgreement(all);
      const street = statusJson(await complianceStatus(deps, await sessionUser(deps, 'changyi-admin'), await org(deps, '220202009')));
      const carried = street.open.filter((o) => o.carriedOver && o.status === 'overdue');
      expect(carried.length).toBeGreaterThan(0);
      expect(carried.every((o) => o.due! < '2026-01-01')).toBe(true);
      const generated = [...all].filter(([code]) => code.startsWith('220202009'));
      expect(generated).toHaveLength(6);
      expect(generated.reduce((n, [, s]) => n + s.status, 0)).toBe(street.counts.overdue);
      const matrix = matrixJson(await streetMatrix(deps, await sessionUser(deps, 'changyi-admin'), await org(deps, '220202009'), '2026-03'));
      expect(matrix.rows.reduce((n, r) => n + r.carriedOver, 0)).toBeGreaterThanOrEqual(carried.length);
    });
  });
});
