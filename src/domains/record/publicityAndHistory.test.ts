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

  it('keeps a list that is not a 公示 (publicity unticked) on the page', async () => {
    const id = await publishRecord(deps, 'a', '低保对象名单', { title: '低保对象长期名单', bodyMd: '在册低保对象。', tnew_text: LIST, publicity: '0' });
    expect((await repo.listVersions(deps.db.orm, id))[0]!.publicityEndsOn).toBeNull();
    deps.clock.set('2026-12-31T09:00:00+08:00');
    expect((await new Agent(app).get(`/r/${await publicIdOf(id)}`)).body).toContain('张秀华');
    deps.clock.set('2026-11-02T09:00:00+08:00');
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
    deps.clock.set('2026-11-02T09:00:00+08:00');
  });
});
