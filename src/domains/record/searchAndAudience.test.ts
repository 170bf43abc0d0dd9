import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { findOrganisation } from '../org/index.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { actor, publishRecord, seedRecordWorld, sessionUser } from '../../../test/support/records.ts';
import { invitationFor } from './invitations.ts';
import { searchRecords } from './search.ts';
import { expandQuery } from './synonyms.ts';
import * as repo from './repository.ts';

describe('the synonym list', () => {
  it('expands a word both ways and inside longer words', () => {
    expect(expandQuery('低保')).toEqual(expect.arrayContaining(['低保', '最低生活保障']));
    expect(expandQuery('最低生活保障')).toContain('低保');
    expect(expandQuery('五保户')).toEqual(expect.arrayContaining(['特困', '特困人员救助供养']));
    expect(expandQuery('低保名单')).toContain('最低生活保障名单');
    expect(expandQuery('  ')).toEqual([]);
  });
});

describe.each(databaseKinds)('search and 特定群体 audience on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let publicIds: Record<string, string>;

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedRecordWorld(deps);
    app = await buildApp(deps, { logger: false });
    const ids = {
      dibaoA: await publishRecord(deps, 'a', '低保对象名单', { title: '2026年11月最低生活保障对象公示', bodyMd: '经评议，以下家庭纳入城乡最低生活保障。' }),
      moneyA: await publishRecord(deps, 'a', '财务收支情况', { title: '10月低保金发放情况', bodyMd: '本月发放 12 户。' }),
      dibaoB: await publishRecord(deps, 'b', '低保对象名单', { title: '乙一社区低保公示', bodyMd: '乙一社区名单。' }),
      otherA: await publishRecord(deps, 'a', '财务收支情况', { title: '第三季度财务收支', bodyMd: '办公经费支出。' }),
      helpA: await publishRecord(deps, 'a', '临时救助名单', { title: '甲一社区临时救助名单', bodyMd: '临时救助 3 户（仅本社区居民可见）。' }),
      helpB: await publishRecord(deps, 'b', '临时救助名单', { title: '乙一社区临时救助名单', bodyMd: '乙一临时救助。' }),
    };
    publicIds = {};
    for (const [k, id] of Object.entries(ids)) publicIds[k] = (await repo.findRecord(deps.db.orm, id))!.publicId;
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  const titles = (r: { records: { title: string }[] }) => r.records.map((v) => v.title).sort();

  it('finds 最低生活保障 when asked for 低保, and 低保 when asked for 最低生活保障', async () => {
    const community = (await findOrganisation(deps, '220202001001'))!;
    expect(titles(await searchRecords(deps, community, '低保', null))).toEqual(['10月低保金发放情况', '2026年11月最低生活保障对象公示']);
    expect(titles(await searchRecords(deps, community, '最低生活保障', null))).toEqual(['10月低保金发放情况', '2026年11月最低生活保障对象公示']);
    expect(titles(await searchRecords(deps, community, '经费', null))).toEqual(['第三季度财务收支']);
    expect(titles(await searchRecords(deps, community, '不存在的词语', null))).toEqual([]);
  });

  it('searches a whole district, and highlights the matches', async () => {
    const district = (await findOrganisation(deps, '220202'))!;
    expect(titles(await searchRecords(deps, district, '低保', null))).toEqual(['10月低保金发放情况', '2026年11月最低生活保障对象公示', '乙一社区低保公示']);
    const page = await new Agent(app).get(`/search?org=220202&q=${encodeURIComponent('低保')}`);
    expect(page.body).toContain('找到 3 条');
    expect(page.body).toContain('<mark>最低生活保障</mark>');
    expect(page.body).toContain('10月<mark>低保金</mark>发放情况');
  });

  it('shows 特定群体 records only to the community’s own signed-in residents', async () => {
    const district = (await findOrganisation(deps, '220202'))!;
    expect(titles(await searchRecords(deps, district, '临时救助', null))).toEqual([]);
    expect(titles(await searchRecords(deps, district, '临时救助', await sessionUser(deps, 'resident-a')))).toEqual(['甲一社区临时救助名单']);

    const anonymous = await new Agent(app).get(`/r/${publicIds.helpA}`);
    expect(anonymous.statusCode).toBe(403);
    expect(anonymous.body).toContain('只向 甲一社区 的登记居民公开');
    expect(anonymous.body).not.toContain('临时救助 3 户');

    const residentA = new Agent(app);
    await residentA.login('resident-a', PASSWORD);
    expect((await residentA.get(`/r/${publicIds.helpA}`)).body).toContain('临时救助 3 户');
    const crossing = await residentA.get(`/r/${publicIds.helpB}`);
    expect(crossing.statusCode).toBe(403);
    expect(crossing.body).not.toContain('乙一临时救助');
    expect((await residentA.get('/o/220202002001')).body).not.toContain('乙一社区临时救助名单');
    expect((await residentA.get('/o/220202001001')).body).toContain('甲一社区临时救助名单');
    expect((await new Agent(app).get('/o/220202001001')).body).not.toContain('甲一社区临时救助名单');
    expect((await new Agent(app).get('/')).body).not.toContain('临时救助名单');

    const residentB = new Agent(app);
    await residentB.login('resident-b', PASSWORD);
    expect((await residentB.get(`/r/${publicIds.helpA}`)).statusCode).toBe(403);
    expect((await residentB.get(`/r/${publicIds.dibaoA}`)).statusCode).toBe(200); // 全社会 items are for everyone
  });

  it('registers a resident with the community’s invitation code, who then sees its 特定群体 records', async () => {
    const community = (await findOrganisation(deps, '220202001001'))!;
    // Two staff open the page before any code exists: both are shown the one that works.
    const [code, again] = await Promise.all([invitationFor(deps, await actor(deps, 'editor-a'), community), invitationFor(deps, await actor(deps, 'supervisor-a'), community)]);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(again).toBe(code);
    const visitor = new Agent(app);
    await visitor.get('/register');
    const wrong = await visitor.post('/register', { code: 'AAAA-BBBB', username: 'newcomer', password: 'Resident-Pass-9', confirm: 'Resident-Pass-9' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('邀请码不正确');
    const ok = await visitor.post('/register', { code: code.toLowerCase().replace('-', ' '), username: 'newcomer', displayName: '新居民', password: 'Resident-Pass-9', confirm: 'Resident-Pass-9' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/my?welcome=1');
    expect((await visitor.get(`/r/${publicIds.helpA}`)).body).toContain('临时救助 3 户');
    expect((await visitor.get('/staff')).headers.location).toBe('/my');
    expect((await visitor.get('/staff/records')).statusCode).toBe(403);
    const staff = new Agent(app);
    await staff.login('supervisor-b', PASSWORD);
    const page = await staff.get('/staff/residents');
    expect(page.body).not.toContain(code);
  });
});
