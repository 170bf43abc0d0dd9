import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { org, seedSeedCatalogs } from '../../../test/support/compliance.ts';
import { effectiveCatalogFor } from '../catalog/index.ts';
import * as repo from './repository.ts';
import { listOrdersOfObligation } from './supervisionRepository.ts';

describe.each(databaseKinds)('compliance pages on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  const as = async (username: string) => {
    const agent = new Agent(app);
    expect((await agent.login(username, PASSWORD)).statusCode).toBe(303);
    return agent;
  };
  let financeId = 0;

  beforeAll(async () => {
    deps = await createTestDeps(kind, { at: '2026-10-09T09:00:00+08:00' });
    await seedSeedCatalogs(deps);
    app = await buildApp(deps, { logger: false });
    const items = (await effectiveCatalogFor(deps, await org(deps, '220202004001')))!.items;
    financeId = items.find((i) => i.name === '财务收支情况')!.id;
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('lets an editor register 信息形成 and shows the due date with its explanation and a publish link', async () => {
    const editor = await as('yanan-editor');
    const home = await editor.get('/staff/compliance');
    expect(home.headers.location).toBe('/staff/compliance/c/220202004001');
    const page = await editor.get('/staff/compliance/c/220202004001');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('登记信息形成或变更');
    const res = await editor.post('/staff/compliance/c/220202004001/events', { itemId: String(financeId), kind: 'formed', occurredOn: '2026-09-28', note: '第三季度收支明细已形成' });
    expect(res.statusCode).toBe(303);
    const detail = await editor.get(String(res.headers.location));
    expect(detail.body).toContain('应公开日期：<strong>2026年10月30日</strong>');
    expect(detail.body).toContain('跳过国庆节假期10月1日至10月7日');
    expect(detail.body).toContain('10月10日（星期六）调休上班计入');
    expect(detail.body).toMatch(/href="\/staff\/records\/new\?obligation=\d+"/);
  });

  it('refuses a date in the future and another community’s editor', async () => {
    const editor = await as('yanan-editor');
    await editor.get('/staff/compliance/c/220202004001');
    const future = await editor.post('/staff/compliance/c/220202004001/events', { itemId: String(financeId), kind: 'formed', occurredOn: '2026-12-01' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('发生日期不能晚于今天');
    const other = await as('xinhua-editor');
    expect((await other.get('/staff/compliance/c/220202004001')).statusCode).toBe(403);
  });

  it('shows the street matrix with drill-down links and exports it as .xlsx', async () => {
    deps.clock.set('2026-11-05T09:00:00+08:00');
    const street = await as('yanan-street');
    const page = await street.get('/staff/compliance/s/220202004?year=2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('延安社区');
    expect(page.body).toContain('新华社区');
    expect(page.body).not.toContain('文化社区');
    expect(page.body).toContain('class="cell st-overdue"');
    expect(page.body).toContain('逾期 1');
    expect(page.body).toContain(`href="/staff/compliance/c/220202004001?year=2026&amp;item=`);
    const xlsx = await street.get('/staff/compliance/s/220202004/matrix.xlsx?year=2026');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('公开情况矩阵')!;
    expect(sheet.getCell(4, 1).value).toBe('延安社区');
    const row = sheet.getRow(4).values as unknown[];
    expect(row).toContain('逾期 1');
    expect((await (await as('wenhua-street')).get('/staff/compliance/s/220202004')).statusCode).toBe(403);
  });

  it('shows the district roll-up per street with the on-time rate per month', async () => {
    const district = await as('changyi-admin');
    const page = await district.get('/staff/compliance/d/220202?year=2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('延安街道');
    expect(page.body).toContain('文化街道');
    expect(page.body).toContain('全年按时率');
    expect(page.body).toContain('0%'); // October's one obligation is overdue
    expect((await (await as('yanan-street')).get('/staff/compliance/d/220202')).statusCode).toBe(403);
  });

  it('runs a 督办 order: issue, answer, close — and keeps another street out of it', async () => {
    const [overdue] = await repo.listOpen(deps.db.orm, (await org(deps, '220202004001')).id);
    const street = await as('yanan-street');
    const other = await as('wenhua-street');
    expect((await other.get(`/staff/compliance/o/${overdue!.id}`)).statusCode).toBe(403);
    await other.get('/staff/compliance/orders');
    expect((await other.post(`/staff/compliance/o/${overdue!.id}/orders`, { reasonKind: 'overdue', instructions: '越权督办', workdays: '5' })).statusCode).toBe(403);
    const editor = await as('yanan-editor');
    // The header's 督办 sections are kept between pages (dashboardCache.ts): seen before the order…
    expect((await editor.get('/staff')).body).toContain('没有需要答复的督办单。');
    const streetHome = await street.get('/staff');
    expect(streetHome.body).toContain('等待处理的督办单');
    await street.get(`/staff/compliance/o/${overdue!.id}`);
    const issued = await street.post(`/staff/compliance/o/${overdue!.id}/orders`, { reasonKind: 'overdue', instructions: '请补充公开第三季度财务收支。', workdays: '5' });
    expect(issued.statusCode).toBe(303);
    const [order] = await listOrdersOfObligation(deps.db.orm, overdue!.id);
    expect(order!.dueOn).toBe('2026-11-12');
    expect((await other.get(`/staff/compliance/orders/${order!.id}`)).statusCode).toBe(403);
    expect((await other.get('/staff/compliance/orders')).body).not.toContain('请补充公开第三季度');
    expect((await street.get('/staff/compliance/s/220202004?year=2026')).body).toContain(`/staff/compliance/orders?org=220202004001`);

    // …and current on the next page after it.
    expect((await editor.get('/staff')).body).toContain(`督办单第 ${order!.id} 号`);
    expect((await editor.get('/staff/notifications')).body).toContain('督办：财务收支情况（逾期未公开）');
    expect((await editor.get('/staff/compliance/c/220202004001')).body).toContain(`第 ${order!.id} 号督办单`);
    const stranger = await as('xinhua-editor');
    await stranger.get('/staff/compliance');
    expect((await stranger.post(`/staff/compliance/orders/${order!.id}/answer`, { text: '不是我们社区的' })).statusCode).toBe(403);
    await editor.get(`/staff/compliance/orders/${order!.id}`);
    expect((await editor.post(`/staff/compliance/orders/${order!.id}/answer`, { text: '已在公示栏和政府网站补充公开。' })).statusCode).toBe(303);
    expect((await street.get('/staff/notifications')).body).toContain(`督办单第 ${order!.id} 号已答复`);
    expect((await street.get('/staff')).body).toContain('已答复，等待您审核办结');
    expect((await editor.get('/staff')).body).toContain('没有需要答复的督办单。');
    await street.get(`/staff/compliance/orders/${order!.id}`);
    expect((await street.post(`/staff/compliance/orders/${order!.id}/close`, { text: '核实无误。' })).statusCode).toBe(303);
    const done = await street.get(`/staff/compliance/orders/${order!.id}`);
    expect(done.body).toContain('已办结');
    expect((await street.get('/staff')).body).not.toContain('已答复，等待您审核办结');
    const district = await as('changyi-admin');
    expect((await district.get('/staff/compliance/orders')).body).toContain(`第 ${order!.id} 号`);
  });

  // Both of two orders issued at once once passed the "no unfinished order" check: two rounds of
  // notices, two orders to answer and close.
  it('issues one 督办 order for a double-clicked form', async () => {
    const [overdue] = await repo.listOpen(deps.db.orm, (await org(deps, '220202004001')).id);
    const street = await as('yanan-street');
    await street.get(`/staff/compliance/o/${overdue!.id}`);
    const form = { reasonKind: 'overdue', instructions: '请尽快补充公开。', workdays: '5' };
    const answers = await Promise.all([1, 2].map(() => street.post(`/staff/compliance/o/${overdue!.id}/orders`, form)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    expect((await listOrdersOfObligation(deps.db.orm, overdue!.id)).filter((o) => o.status !== 'closed')).toHaveLength(1);
  });

  it('shows a waiver form error beside the form', async () => {
    const [open] = await repo.listOpen(deps.db.orm, (await org(deps, '220202004001')).id);
    const street = await as('yanan-street');
    await street.get(`/staff/compliance/o/${open!.id}`);
    const res = await street.post(`/staff/compliance/o/${open!.id}/waive`, { reason: '短' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('请写明免除的理由');
  });
});
