import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { actor, org, seedSeedCatalogs } from '../../../test/support/compliance.ts';
import { effectiveCatalogFor } from '../catalog/index.ts';
import { registerEvent, findObligation } from '../compliance/index.ts';

describe.each(databaseKinds)('the calendar staff page on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let obligationId = 0;

  beforeAll(async () => {
    deps = await createTestDeps(kind, { at: '2026-10-09T09:00:00+08:00' });
    await seedSeedCatalogs(deps);
    app = await buildApp(deps, { logger: false });
    const yanan = await org(deps, '220202004001');
    const item = (await effectiveCatalogFor(deps, yanan))!.items.find((i) => i.name === '财务收支情况')!;
    obligationId = (await registerEvent(deps, await actor(deps, 'yanan-editor'), yanan, { itemId: item.id, kind: 'formed', occurredOn: '2026-09-28' })).id;
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('computes a deadline with its explanation for any staff member, and refuses an unknown year', async () => {
    const editor = new Agent(app);
    await editor.login('yanan-editor', PASSWORD);
    const page = await editor.get('/staff/calendar?date=2026-09-28&n=20');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('期限：<strong>2026年10月30日</strong>');
    expect(page.body).toContain('10月10日（星期六）调休上班计入');
    expect(page.body).not.toContain('更正某一天');
    const unknown = await editor.get('/staff/calendar?date=2026-12-20&n=20');
    expect(unknown.body).toContain('2027年节假日安排尚未公布或录入，无法计算准确期限');
    await editor.get('/staff/calendar');
    expect((await editor.post('/staff/calendar/correct', { date: '2026-10-08', kind: 'holiday', name: '国庆节' })).statusCode).toBe(403);
  });

  it('lets the district admin correct a day, which moves the due dates it touches and says so', async () => {
    const admin = new Agent(app);
    await admin.login('changyi-admin', PASSWORD);
    await admin.get('/staff/calendar');
    const bad = await admin.post('/staff/calendar/correct', { date: '2026-02-30', kind: 'holiday', name: '国庆节' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('日期不存在');
    const res = await admin.post('/staff/calendar/correct', { date: '2026-10-08', kind: 'holiday', name: '国庆节' });
    expect(res.statusCode).toBe(303);
    const page = await admin.get(String(res.headers.location));
    expect(page.body).toContain('1 项公开义务的应公开日期随之调整');
    expect(page.body).toContain('更正 2026-10-08');
    const moved = (await findObligation(deps.db.orm, obligationId))!;
    expect(moved.dueOn).toBe('2026-11-02');
    expect(moved.movedNote).toContain('应公开日期由2026年10月30日改为2026年11月2日');
  });

  it("keeps one district's correction out of another district's calendar and due dates", async () => {
    // Runs after the 昌邑区 correction above made 2026-10-08 a holiday there.
    const changkou = new Agent(app);
    await changkou.login('changkou-editor', PASSWORD);
    const page = await changkou.get('/staff/calendar?date=2026-09-28&n=20');
    expect(page.body).toContain('期限：<strong>2026年10月30日</strong>');
    expect(page.body).not.toContain('更正 2026-10-08');
    const yanan = new Agent(app);
    await yanan.login('yanan-editor', PASSWORD);
    expect((await yanan.get('/staff/calendar?date=2026-09-28&n=20')).body).toContain('期限：<strong>2026年11月2日</strong>');
  });
});
