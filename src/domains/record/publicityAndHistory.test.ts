import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { actor, itemIdOf, PEOPLE, publishRecord, seedRecordWorld } from '../../../test/support/records.ts';
import { startCorrection } from './correctRecord.ts';
import { approveRecord } from './reviewRecord.ts';
import { saveDraft } from './saveDraft.ts';
import { submitRecord } from './submitRecord.ts';
import * as repo from './repository.ts';

const LIST = `姓名\t身份证号\t保障人数\n${PEOPLE.map((p, i) => `${p.name}\t${p.id}\t${i + 1}`).join('\n')}`;

describe.each(databaseKinds)('publicity periods and corrections on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    deps = await createTestDeps(kind, { at: '2026-11-02T09:00:00+08:00' });
    await seedRecordWorld(deps);
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  const publicIdOf = async (id: number) => (await repo.findRecord(deps.db.orm, id))!.publicId;

  it('ends a personal list’s 公示期 after 7 working days: gone from every public page, still there for staff', async () => {
    deps.clock.set('2026-11-02T09:00:00+08:00');
    const id = await publishRecord(deps, 'a', '低保对象名单', { title: '低保初审对象名单公示', bodyMd: '经民主评议，现将初审对象名单公示。', tnew_text: LIST });
    const [version] = await repo.listVersions(deps.db.orm, id);
    expect(version).toMatchObject({ publicityEndsOn: '2026-11-11', publicityDays: 7, personalList: true });
    expect(version!.publicityExplanation).toContain('7');
    const url = `/r/${await publicIdOf(id)}`;
    const itemUrl = `/o/220202001001/items/${await itemIdOf(deps, '220202001001', '低保对象名单')}`;

    deps.clock.set('2026-11-11T23:59:00+08:00'); // the last day still belongs to the period
    const during = await new Agent(app).get(url);
    expect(during.body).toContain('张秀华');
    expect(during.body).toContain('110105********002X');
    expect(during.body).toContain('至 2026年11月11日 止');
    expect((await new Agent(app).get('/search?q=%E5%BC%A0%E7%A7%80%E5%8D%8E&org=220202001001')).body).toContain('低保初审对象名单公示');

    deps.clock.set('2026-11-12T00:01:00+08:00');
    const after = await new Agent(app).get(url);
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('低保初审对象名单公示');
    expect(after.body).toContain('本名单于 2026年11月2日 公示，公示期至 2026年11月11日 结束（7 个工作日）');
    for (const page of [after.body, (await new Agent(app).get(itemUrl)).body, (await new Agent(app).get('/o/220202001001')).body]) {
      expect(page).not.toContain('张秀华');
      expect(page).not.toContain('110105********002X');
      expect(page).not.toContain('经民主评议');
    }
    const search = await new Agent(app).get('/search?q=%E5%BC%A0%E7%A7%80%E5%8D%8E&org=220202001001');
    expect(search.body).not.toContain('低保初审对象名单公示');
    expect((await new Agent(app).get('/search?q=%E5%88%9D%E5%AE%A1&org=220202001001')).body).toContain('低保<mark>初审</mark>对象名单公示');

    const staff = new Agent(app);
    await staff.login('editor-a', PASSWORD);
    expect((await staff.get(`/staff/records/${id}`)).body).toContain('张秀华');
    deps.clock.set('2026-11-02T09:00:00+08:00');
  });

  it('refuses a personal list without a 公示期, at submission and at publication, in words staff act on', async () => {
    deps.clock.set('2026-11-02T09:00:00+08:00');
    const editor = new Agent(app);
    await editor.login('editor-a', PASSWORD);
    const itemId = await itemIdOf(deps, '220202001001', '临时救助名单'); // a 名单 whose catalog names no 公示期
    await editor.get(`/staff/records/new?item=${itemId}`);
    const made = await editor.post('/staff/records/new', { itemId: String(itemId), title: '临时救助对象名单' });
    const url = made.headers.location as string;
    const form = await editor.get(url);
    expect(form.body).toContain('公示期（必填）');
    expect(form.body).toMatch(/name="publicityDays"[^>]*value required/);
    const refused = await editor.post(url, { intent: 'submit', title: '临时救助对象名单', bodyMd: '', tnew_text: LIST, publicity: '1', publicityDays: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('这是含个人信息的名单，必须设置公示期才能提交或发布');
    const id = Number(url.split('/').pop());
    expect((await repo.listVersions(deps.db.orm, id))[0]!.status).toBe('draft');

    // Even a draft saved as "not a 公示" (an old form, a script) is not published.
    await saveDraft(deps, await actor(deps, 'editor-a'), id, { title: '临时救助对象名单', tnew_text: LIST, publicity: '0' });
    await expect(submitRecord(deps, await actor(deps, 'editor-a'), id)).rejects.toThrow('必须设置公示期');

    await editor.get(url);
    expect((await editor.post(url, { intent: 'submit', title: '临时救助对象名单', bodyMd: '', tnew_text: LIST, publicity: '1', publicityDays: '3' })).statusCode).toBe(303);
    await approveRecord(deps, await actor(deps, 'supervisor-a'), id, {});
    const [published] = await repo.listVersions(deps.db.orm, id);
    expect(published).toMatchObject({ status: 'published', personalList: true, publicityDays: 3, publicityEndsOn: '2026-11-05' });
    const resident = new Agent(app);
    await resident.login('resident-a', PASSWORD);
    expect((await resident.get(`/r/${await publicIdOf(id)}`)).body).toContain('张秀华');
    deps.clock.set('2026-11-06T09:00:00+08:00');
    await resident.login('resident-a', PASSWORD); // four days on, the 30-minute session has ended
    const after = (await resident.get(`/r/${await publicIdOf(id)}`)).body;
    expect(after).not.toContain('张秀华');
    expect(after).toContain('公示期至 2026年11月5日 结束');
    deps.clock.set('2026-11-02T09:00:00+08:00');
  });

  it('lets the admin set an item’s 公示期, which the record form offers and publication uses', async () => {
    deps.clock.set('2026-11-02T09:00:00+08:00');
    const admin = new Agent(app);
    await admin.login('district', PASSWORD);
    const page = await admin.get('/staff/record-items?org=220202001001');
    const itemId = await itemIdOf(deps, '220202001001', '临时救助名单');
    expect(page.body).toContain(`name="pd_${itemId}"`);
    const flags = Object.fromEntries([...page.body.matchAll(/name="(pl_\d+)" value="1" checked/g)].map((m) => [m[1]!, '1']));
    const bad = await admin.post('/staff/record-items?org=220202001001', { ...flags, [`pd_${itemId}`]: '0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('“临时救助名单”的公示期应填 1 到 90 之间的整数天数');
    await admin.get('/staff/record-items?org=220202001001');
    expect((await admin.post('/staff/record-items?org=220202001001', { ...flags, [`pd_${itemId}`]: '5' })).statusCode).toBe(303);
    expect((await admin.get('/staff/record-items?org=220202001001')).body).toMatch(new RegExp(`name="pd_${itemId}"[^>]*value="5"`));

    const editor = new Agent(app);
    await editor.login('editor-a', PASSWORD);
    await editor.get(`/staff/records/new?item=${itemId}`);
    const url = (await editor.post('/staff/records/new', { itemId: String(itemId), title: '第二批临时救助名单' })).headers.location as string;
    expect((await editor.get(url)).body).toMatch(/name="publicityDays"[^>]*value="5"/);
    expect((await editor.post(url, { intent: 'submit', title: '第二批临时救助名单', bodyMd: '', tnew_text: LIST, publicity: '1', publicityDays: '5' })).statusCode).toBe(303);
    const id = Number(url.split('/').pop());
    await approveRecord(deps, await actor(deps, 'supervisor-a'), id, {});
    expect((await repo.listVersions(deps.db.orm, id))[0]).toMatchObject({ publicityDays: 5, publicityEndsOn: '2026-11-09' });
  });

  it('corrects a published record as a new version; the old one stays readable in the 更正 history', async () => {
    const id = await publishRecord(deps, 'a', '财务收支情况', { title: '2026年第三季度财务收支', bodyMd: '支出合计 3,000 元。' });
    const before = (await repo.listVersions(deps.db.orm, id))[0]!;
    deps.clock.set('2026-11-04T10:00:00+08:00');
    await startCorrection(deps, await actor(deps, 'editor-a'), id, { correctionNote: '支出合计录入有误，应为 3,200 元' });
    // While the correction is in review, the public still sees version 1.
    expect((await new Agent(app).get(`/r/${await publicIdOf(id)}`)).body).toContain('支出合计 3,000 元。');
    await saveDraft(deps, await actor(deps, 'editor-a'), id, { title: '2026年第三季度财务收支', bodyMd: '支出合计 3,200 元。', publicity: '1' });
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    await approveRecord(deps, await actor(deps, 'supervisor-a'), id, {});
    const versions = await repo.listVersions(deps.db.orm, id);
    expect(versions.map((v) => `${v.version}:${v.status}`)).toEqual(['1:superseded', '2:published']);
    expect(versions[0]).toEqual({ ...before, status: 'superseded' }); // nothing else about v1 changed
    const url = `/r/${await publicIdOf(id)}`;
    const page = await new Agent(app).get(url);
    expect(page.body).toContain('支出合计 3,200 元。');
    expect(page.body).toContain('更正说明：支出合计录入有误，应为 3,200 元');
    expect(page.body).toContain('更正记录');
    expect(page.body).toContain(`href="${url}/v/1"`);
    expect(page.body).toContain('2026年11月2日 发布；更正原因：支出合计录入有误');
    const old = await new Agent(app).get(`${url}/v/1`);
    expect(old.body).toContain('您正在查看第 1 版，它已被更正');
    expect(old.body).toContain('支出合计 3,000 元。');
    expect((await new Agent(app).get(`${url}/v/3`)).statusCode).toBe(404);
    // A page reads the content of the versions it shows only: its 更正 history adds no bodies or tables.
    const forPage = await repo.listVersionsForPage(deps.db.orm, id, [2]);
    expect(forPage.history.map((v) => [v.version, v.bodyMd, v.tables, v.correctionNote])).toEqual([
      [1, '', [], null],
      [2, '支出合计 3,200 元。', [], '支出合计录入有误，应为 3,200 元'],
    ]);
    expect(forPage.full.map((v) => v.version)).toEqual([2]);
    const item = await new Agent(app).get(`/o/220202001001/items/${await itemIdOf(deps, '220202001001', '财务收支情况')}`);
    expect(item.body).toContain('已更正');
    deps.clock.set('2026-11-02T09:00:00+08:00');
  });

  it('keeps the original 公示期 when a list is corrected', async () => {
    const id = await publishRecord(deps, 'a', '低保对象名单', { title: '更正后的名单', bodyMd: '名单。', tnew_text: LIST });
    deps.clock.set('2026-11-05T09:00:00+08:00');
    await startCorrection(deps, await actor(deps, 'editor-a'), id, { correctionNote: '更正一人的保障人数' });
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    await approveRecord(deps, await actor(deps, 'supervisor-a'), id, {});
    expect((await repo.listVersions(deps.db.orm, id)).map((v) => v.publicityEndsOn)).toEqual(['2026-11-11', '2026-11-11']);
    // The first version's list read for its page comes back whole, as JSON; the other version's stays unread.
    const { history } = await repo.listVersionsForPage(deps.db.orm, id, [1]);
    expect(history[0]!.tables).toEqual((await repo.listVersions(deps.db.orm, id)).find((v) => v.version === 1)!.tables);
    expect(history[0]!.tables[0]!.rows.length).toBeGreaterThan(0);
    expect(history[1]!.tables).toEqual([]);
    deps.clock.set('2026-11-02T09:00:00+08:00');
  });
});
