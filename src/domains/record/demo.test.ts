import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { findOrganisation } from '../org/index.ts';
import { databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { demoDatabase } from '../../../test/support/demo.ts';
import { Agent } from '../../../test/support/http.ts';
import { recentRecords } from './readRecords.ts';

describe.each(databaseKinds)('demo records on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    deps = await demoDatabase(kind, { at: '2026-11-22T10:00:00+08:00' });
    app = await buildApp(deps, { logger: false });
  }, 300_000);
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('gives both demo communities a living portal: accounts, a masked 低保 list, members, a corrected record', async () => {
    for (const code of ['220202004001', '530102012001']) {
      const views = await recentRecords(deps, { org: (await findOrganisation(deps, code))! }, null, 20);
      const titles = views.map((v) => v.title).join('\n');
      expect(titles).toContain('财务收支情况');
      expect(titles).toContain('居务监督委员会组成人员');
      expect(views.find((v) => v.title.includes('季度财务收支情况'))!.corrections).toHaveLength(1);
      const list = views.find((v) => v.itemName === '最低生活保障' && v.tables.length > 0)!;
      expect(list.tables[0]!.columns.map((c) => c.type)).toContain('id_number');
      for (const row of list.tables[0]!.rows) expect(row[2]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    }
    const changkou = await recentRecords(deps, { org: (await findOrganisation(deps, '530102012001'))! }, null, 20);
    expect(changkou.find((v) => v.title.includes('第三批'))!.listWithdrawnNote).toContain('公示期满后不再公开名单内容');
    expect(changkou.find((v) => v.title.includes('第四批'))!.tables[0]!.rows.length).toBe(5);
    const home = await new Agent(app).get('/');
    expect(home.body).toContain('最新公开');
    expect(home.body).toContain('居务监督委员会');
    expect(home.body).not.toMatch(/[1-6]\d{5}(19|20)\d{2}[01]\d[0-3]\d{4}/);
  });

  // The embedded database runs no autovacuum (platform/statistics.ts): the first pages a new
  // user opens are planned on the demo's real row counts.
  it.runIf(kind.name === 'pglite')('leaves the embedded database analysed', async () => {
    const { rows } = await deps.db.executeSql(`select relname, reltuples from pg_class where relname in ('records', 'record_versions') order by relname`);
    expect(rows.map((r) => r.relname)).toEqual(['record_versions', 'records']);
    for (const r of rows) expect(Number(r.reltuples), String(r.relname)).toBeGreaterThan(0);
  });
});
