import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { queryRows } from '../../platform/db.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { addUser, PASSWORD, seedTwoStreets } from '../../../test/support/fixtures.ts';
import { findOrganisation } from '../org/index.ts';
import { effectiveCatalogFor } from './effectiveCatalog.ts';
import { importCatalog } from './importCatalog.ts';
import { activateCatalog } from './activateCatalog.ts';
import { CatalogImportError } from './import/types.ts';

const changyi = readFileSync('data/catalogs/changyi-220202.txt');
const system = { id: null, name: 'test', ip: null, user: null };

/** A multipart body as a browser sends it, with the CSRF field first. */
function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = '----gongkai' + Date.now();
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = Buffer.from(parts.join('') + `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`);
  return { body: Buffer.concat([head, file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

describe.each(databaseKinds)('catalog lifecycle on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedTwoStreets(deps);
    await addUser(deps, 'district', 'district_admin', '220202');
    await addUser(deps, 'street-b', 'street_admin', '220202002');
    await addUser(deps, 'editor-a', 'editor', '220202001001');
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  const count = async (table: string) => (await queryRows<{ n: number }>(deps.db.orm, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

  it('refuses files that are not catalogs and stores nothing', async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from([0, 1, 2, 255, 254, 0, 7]), Buffer.from('姓名,年龄\n张三,30\n')]) {
      await expect(importCatalog(deps, system, { fileName: 'x.txt', bytes, orgCode: '220202' })).rejects.toBeInstanceOf(CatalogImportError);
    }
    expect(await count('catalogs')).toBe(0);
    expect(await count('catalog_items')).toBe(0);
  });

  it('uploads a file as a draft, shows warnings, lets staff correct a field and confirm it', async () => {
    const agent = new Agent(app);
    await agent.login('district', PASSWORD);
    await agent.get('/staff/catalogs');
    const form = multipart({ _csrf: agent.csrf!, orgCode: '220202' }, { name: 'changyi.txt', bytes: changyi });
    const res = await app.inject({ method: 'POST', url: '/staff/catalogs/import', payload: form.body, headers: { 'content-type': form.type, cookie: `gk_session=${agent.cookie('gk_session')}; gk_csrf=${agent.cookie('gk_csrf')}` } });
    expect(res.statusCode).toBe(303);
    const preview = await agent.get(String(res.headers.location));
    expect(preview.body).toContain('草稿（待核对）');
    expect(preview.body).toContain('社区居务监督机构');
    const catalogId = Number(/\/staff\/catalogs\/(\d+)/.exec(String(res.headers.location))![1]);
    const itemId = Number(/\/staff\/catalogs\/\d+\/items\/(\d+)/.exec(preview.body)![1]);
    const edit = await agent.get(`/staff/catalogs/${catalogId}/items/${itemId}`);
    expect(edit.statusCode).toBe(200);
    const saved = await agent.post(`/staff/catalogs/${catalogId}/items/${itemId}`, { name: '社区简介（已核对）', timeLimitText: '信息形成或者变更之日起15个工作日内予以公开', content: '社区名称、概况。', channels: '☑政府网站\n☐微信群', audienceSociety: '1', methodProactive: '1' });
    expect(saved.statusCode).toBe(303);
    const org = (await findOrganisation(deps, '220202001001'))!;
    expect(await effectiveCatalogFor(deps, org)).toBeNull(); // a draft is not in force
    await agent.get(`/staff/catalogs/${catalogId}`);
    expect((await agent.post(`/staff/catalogs/${catalogId}/activate`, {})).statusCode).toBe(303);
    const effective = (await effectiveCatalogFor(deps, org))!;
    expect(effective.own).toBe(false);
    expect(effective.items).toHaveLength(9);
    expect(effective.items[0]).toMatchObject({ name: '社区简介（已核对）', rules: [expect.objectContaining({ kind: 'within', amount: 15, unit: 'workday' })] });
    expect(effective.items[0]!.channels).toEqual([{ name: '政府网站', selected: true }, { name: '微信群', selected: false }]);
    expect((await verifyAudit(deps.db.orm)).ok).toBe(true);
    const xlsx = await agent.get(`/staff/catalogs/${catalogId}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await agent.get(`/staff/catalogs/${catalogId}/export.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(String(pdf.headers['content-disposition'])).toContain("filename*=UTF-8''");
  });

  it('refuses a street admin importing for another street', async () => {
    const agent = new Agent(app);
    await agent.login('street-b', PASSWORD);
    await agent.get('/staff/catalogs');
    const form = multipart({ _csrf: agent.csrf!, orgCode: '220202001001' }, { name: 'c.txt', bytes: changyi });
    const res = await app.inject({ method: 'POST', url: '/staff/catalogs/import', payload: form.body, headers: { 'content-type': form.type, cookie: `gk_session=${agent.cookie('gk_session')}; gk_csrf=${agent.cookie('gk_csrf')}` } });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('您只能管理本辖区内的组织和用户');
  });

  it('rejects an upload without the CSRF token', async () => {
    const agent = new Agent(app);
    await agent.login('district', PASSWORD);
    const form = multipart({ orgCode: '220202' }, { name: 'c.txt', bytes: changyi });
    const res = await app.inject({ method: 'POST', url: '/staff/catalogs/import', payload: form.body, headers: { 'content-type': form.type, cookie: `gk_session=${agent.cookie('gk_session')}; gk_csrf=${agent.cookie('gk_csrf')}` } });
    expect(res.statusCode).toBe(403);
  });

  it('lets a community choose its channels and shows it what changed in a new template version', async () => {
    const editor = new Agent(app);
    await editor.login('editor-a', PASSWORD);
    const page = await editor.get('/staff/channels');
    expect(page.body).toContain('吉林市昌邑区发布的');
    const item = (await effectiveCatalogFor(deps, (await findOrganisation(deps, '220202001001'))!))!.items[1]!;
    expect((await editor.post('/staff/channels', { [`ch_${item.id}`]: '微信群' })).statusCode).toBe(303);
    const org = (await findOrganisation(deps, '220202001001'))!;
    const chosen = (await effectiveCatalogFor(deps, org))!.items[1]!;
    expect(chosen.effectiveChannels.filter((c) => c.selected).map((c) => c.name)).toEqual(['微信群']);
    expect(chosen.channelsChosenLocally).toBe(true);

    const changed = Buffer.from(changyi.toString('utf8').replace('社区居务监督委员会组成人员及监督电话。', '社区居务监督委员会组成人员、职责及监督电话。'));
    const { catalog } = await importCatalog(deps, system, { fileName: 'v2.txt', bytes: changed, orgCode: '220202' });
    await activateCatalog(deps, system, catalog.id);
    const after = await editor.get('/staff/channels');
    expect(after.body).toContain('目录清单有新版本');
    expect(after.body).toContain('修改：社区居务监督机构');
    // The choice survives the new version because items keep their key.
    expect((await effectiveCatalogFor(deps, org))!.items[1]!.effectiveChannels.filter((c) => c.selected).map((c) => c.name)).toEqual(['微信群']);
    await editor.post('/staff/channels/acknowledge', {});
    expect((await editor.get('/staff/channels')).body).not.toContain('目录清单有新版本');
  });

  // Two admins confirming drafts at once both passed the draft check and both drafts went active.
  it('keeps one active catalog when drafts are confirmed at once', async () => {
    const changyiOrg = (await findOrganisation(deps, '220202'))!;
    const active = async () => (await queryRows<{ id: number }>(deps.db.orm, sql`select id from catalogs where owner_org_id = ${changyiOrg.id} and status = 'active'`)).map((r) => Number(r.id));
    for (const n of [3, 4]) {
      const bytes = Buffer.from(changyi.toString('utf8').replace('社区居务监督委员会组成人员', `社区居务监督委员会（第${n}版）组成人员`));
      const [a, b] = await Promise.all(['a', 'b'].map((v) => importCatalog(deps, system, { fileName: `v${n}${v}.txt`, bytes, orgCode: '220202' })));
      const two = await Promise.allSettled([activateCatalog(deps, system, a!.catalog.id), activateCatalog(deps, system, b!.catalog.id)]);
      expect(two.every((r) => r.status === 'fulfilled')).toBe(true); // one after the other: the later one stays
      expect(await active()).toHaveLength(1);
      // The same draft twice (a double click): one activation, one refusal.
      const again = await importCatalog(deps, system, { fileName: `v${n}c.txt`, bytes, orgCode: '220202' });
      const twice = await Promise.allSettled([activateCatalog(deps, system, again.catalog.id), activateCatalog(deps, system, again.catalog.id)]);
      expect(twice.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await active()).toEqual([again.catalog.id]);
    }
  });

  // The channel test above shows a kept catalog giving way to a choice and to a new version.
  it('keeps effective catalogs under their context version: a repeat read costs one statement at most', async () => {
    const org = (await findOrganisation(deps, '220202001001'))!;
    const first = await effectiveCatalogFor(deps, org);
    let statements = 0;
    const stop = deps.db.observe(() => statements++);
    const again = await effectiveCatalogFor(deps, org);
    stop();
    expect(again?.items.map((i) => i.itemKey)).toEqual(first?.items.map((i) => i.itemKey));
    // PostgreSQL may have other writers: the version is read each time; the embedded one has none.
    expect(statements).toBe(kind.name === 'postgres' ? 1 : 0);
  });

  it('writes nothing when a community only views its channel page', async () => {
    await addUser(deps, 'editor-b', 'editor', '220202002001');
    const editor = new Agent(app);
    await editor.login('editor-b', PASSWORD);
    const before = await count('catalog_acknowledgements');
    expect((await editor.get('/staff/channels')).statusCode).toBe(200);
    expect(await count('catalog_acknowledgements')).toBe(before);
  });

  it('shows the public catalog tree and each item with an honest empty state', async () => {
    const agent = new Agent(app);
    const page = await agent.get('/o/220202001001');
    expect(page.body).toContain('公开事项目录');
    expect(page.body).toContain('财务收支情况');
    const href = /href="(\/o\/220202001001\/items\/\d+)"/.exec(page.body)![1]!;
    const item = await agent.get(href);
    expect(item.statusCode).toBe(200);
    expect(item.body).toContain('公开依据');
    expect(item.body).toContain('还没有发布这一事项的公开记录');
    expect((await agent.get('/o/220202002001/items/999999')).statusCode).toBe(404);
  });
});
