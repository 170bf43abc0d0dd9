/**
 * A refusal must not show what it refused: the item edit form used to re-render, with the item
 * in it, for any error below 500, so an admin of 五华区 could read 昌邑区's draft catalog by
 * posting a broken form to its edit route.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/buildApp.ts';
import { importCatalog } from '../../src/domains/catalog/index.ts';
import { tabText, utf8, ROWS } from '../../src/domains/catalog/import/fixtures.ts';
import { queryRows } from '../../src/platform/db.ts';
import { databaseKinds, type TestDeps } from '../support/db.ts';
import { demoDatabase } from '../support/demo.ts';
import { Agent } from '../support/http.ts';

const SECRET = '草稿中尚未公布的事项';

describe.each(databaseKinds)('catalog refusals, on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let accounts: { username: string; password: string }[];
  let itemUrl: string;

  beforeAll(async () => {
    const demo = await demoDatabase(kind, { at: '2026-11-20T10:00:00+08:00' }); // the clock of the other files on this demo copy: one load serves them all
    deps = demo;
    accounts = demo.accounts;
    app = await buildApp(deps, { logger: false });
    const rows = ROWS.map((r, i) => (i === 0 ? [r[0]!, r[1]!, r[2]!, SECRET, ...r.slice(4)] : r));
    const draft = await importCatalog(deps, { id: null, name: 'test', ip: null, user: null }, { fileName: '草稿.txt', bytes: utf8(tabText(undefined, rows)), orgCode: '220202', activate: false });
    const [item] = await queryRows<{ id: number }>(deps.db.orm, sql`select id from catalog_items where catalog_id = ${draft.catalog.id} and name = ${SECRET}`);
    itemUrl = `/staff/catalogs/${draft.catalog.id}/items/${item!.id}`;
  }, 300_000); // the first file to ask for this demo copy loads it (a year of history through review)
  afterAll(async () => {
    await app?.close();
    await deps.dispose();
  });

  async function as(username: string): Promise<Agent> {
    const agent = new Agent(app);
    await agent.login(username, accounts.find((a) => a.username === username)!.password);
    return agent;
  }

  it("never shows another district's draft item, whatever is posted to its edit route", async () => {
    const intruder = await as('wuhua-admin');
    const forms: Record<string, string>[] = [{}, { name: '' }, { name: '改名', timeLimitText: 'x'.repeat(5000) }];
    for (const form of forms) {
      const res = await intruder.post(itemUrl, form);
      expect([403, 404]).toContain(res.statusCode);
      expect(res.body).not.toContain(SECRET);
    }
    expect((await intruder.get(itemUrl)).body).not.toContain(SECRET);
  });

  it('shows the owner the form again with the problem when what was typed is wrong', async () => {
    const owner = await as('changyi-admin');
    const res = await owner.post(itemUrl, { name: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(SECRET);
  });
});
