/** The column-mapping step through HTTP, warnings that go once an item is fixed, and no orphan drafts. */
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/buildApp.ts';
import { queryRows } from '../../platform/db.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { addUser, PASSWORD, seedTwoStreets } from '../../../test/support/fixtures.ts';
import { Agent } from '../../../test/support/http.ts';
import * as repo from './repository.ts';

/** A multipart body as a browser sends it, with the CSRF field first. */
function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = `----gongkai${Date.now()}`;
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = Buffer.from(`${parts.join('')}--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`);
  return { body: Buffer.concat([head, file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

// 事项 and 公开内容 swapped by a careless header: the mapping step puts them right.
const SWAPPED = Buffer.from('某社区居务公开目录\n序号\t公开内容\t事项名称\t公开时限\n1\t社区简介\t社区概况\t长期公开\n2\t居民公约\t公约全文\t制定后10个工作日内\n');
const DAMAGED = readFileSync(new URL('./import/corpus/damaged.tsv', import.meta.url));

describe.each(databaseKinds)('column mapping on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let agent: Agent;

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedTwoStreets(deps);
    await addUser(deps, 'district', 'district_admin', '220202');
    app = await buildApp(deps, { logger: false });
    agent = new Agent(app);
    await agent.login('district', PASSWORD);
    await agent.get('/staff/catalogs');
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  const upload = (url: string, fields: Record<string, string>, name: string, bytes: Buffer) => {
    const form = multipart({ _csrf: agent.csrf!, ...fields }, { name, bytes });
    return app.inject({ method: 'POST', url, payload: form.body, headers: { 'content-type': form.type, cookie: `gk_session=${agent.cookie('gk_session')}; gk_csrf=${agent.cookie('gk_csrf')}` } });
  };
  const drafts = async () => (await queryRows<{ n: number }>(deps.db.orm, sql`select count(*)::int as n from catalogs where status = 'draft'`))[0]!.n;

  it('shows each column with its guess and score, and re-reads the file with the columns reassigned', async () => {
    const res = await upload('/staff/catalogs/import', { orgCode: '220202' }, 'damaged.tsv', DAMAGED);
    expect(res.statusCode).toBe(303);
    const first = String(res.headers.location);
    const preview = await agent.get(first);
    expect(preview.body).toContain('列对应');
    expect(preview.body).toMatch(/开事项<\/td><td>社区简介<\/td><td>60%<\/td>/);
    expect(preview.body).toMatch(/公开内\(nèi\)容<\/td><td>社区概况、辖区范围<\/td><td>90%<\/td>/);

    const swapped = await upload('/staff/catalogs/import', { orgCode: '220202' }, 'swapped.tsv', SWAPPED);
    const draftUrl = String(swapped.headers.location);
    const draftId = Number(/(\d+)$/.exec(draftUrl)![1]);
    expect((await repo.listItems(deps.db.orm, draftId)).map((i) => i.name)).toEqual(['社区概况', '公约全文']);
    await agent.get(draftUrl);
    const remap = await upload(`/staff/catalogs/${draftId}/remap`, { col_0: 'seq', col_1: 'name', col_2: 'content', col_3: 'timeLimit', headerLine: '' }, 'swapped.tsv', SWAPPED);
    expect(remap.statusCode).toBe(303);
    const newId = Number(/(\d+)$/.exec(String(remap.headers.location))![1]);
    expect((await repo.listItems(deps.db.orm, newId)).map((i) => [i.name, i.content])).toEqual([['社区简介', '社区概况'], ['居民公约', '公约全文']]);
    expect(await repo.findCatalog(deps.db.orm, draftId)).toBeNull();
    expect((await repo.findCatalog(deps.db.orm, newId))?.columnMapping).toEqual({ columns: ['seq', 'name', 'content', 'timeLimit'], headerLine: null });
  });

  it('refuses a mapping with an unknown field and keeps the draft', async () => {
    const res = await upload('/staff/catalogs/import', { orgCode: '220202001' }, 'swapped.tsv', SWAPPED);
    const id = Number(/(\d+)$/.exec(String(res.headers.location))![1]);
    const bad = await upload(`/staff/catalogs/${id}/remap`, { col_0: 'seq', col_1: 'title' }, 'swapped.tsv', SWAPPED);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('不认识的列名“title”');
    expect(await repo.findCatalog(deps.db.orm, id)).not.toBeNull();
  });

  it('drops an item’s warnings once staff fix it, and says again only what is still wrong', async () => {
    const text = Buffer.from('序号\t事项名称\t公开内容\t公开时限\n1\t社区简介\t社区概况\t看情况\n2\t居民公约\t公约全文\t随缘\n');
    const res = await upload('/staff/catalogs/import', { orgCode: '220202002' }, 'vague.tsv', text);
    const id = Number(/(\d+)$/.exec(String(res.headers.location))![1]);
    const items = await repo.listItems(deps.db.orm, id);
    const before = (await repo.findCatalog(deps.db.orm, id))!.warnings;
    expect(before.filter((w) => w.item === 1)).toHaveLength(1);
    await agent.get(`/staff/catalogs/${id}/items/${items[0]!.id}`);
    const saved = await agent.post(`/staff/catalogs/${id}/items/${items[0]!.id}`, { name: '社区简介', content: '社区概况', timeLimitText: '信息形成之日起10个工作日内' });
    expect(saved.statusCode).toBe(303);
    const after = (await repo.findCatalog(deps.db.orm, id))!.warnings;
    expect(after.filter((w) => w.item === 1)).toEqual([]);
    expect(after.filter((w) => w.item === 2)).toHaveLength(1);
    await agent.get(`/staff/catalogs/${id}/items/${items[1]!.id}`);
    await agent.post(`/staff/catalogs/${id}/items/${items[1]!.id}`, { name: '居民公约', content: '公约全文', timeLimitText: '还是随缘' });
    const still = (await repo.findCatalog(deps.db.orm, id))!.warnings.filter((w) => w.item === 2);
    expect(still.map((w) => w.message)).toEqual(['第2项（第3行）：公开时限“还是随缘”未能识别为规则，请人工设置']);
  });

  it('leaves no draft behind when a file cannot be read', async () => {
    const before = await drafts();
    const res = await upload('/staff/catalogs/import', { orgCode: '220202' }, 'notes.txt', Buffer.from('这只是一段说明文字，没有表格。\n'));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('文件中没有找到表格');
    expect(await drafts()).toBe(before);
  });
});
