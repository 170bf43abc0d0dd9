/**
 * The residents' own door and page: /my/login and /my, separate from the staff sign-in. Same
 * CSRF, lockout, rate limit and session as staff; a resident never reaches a staff page; public
 * pages stay cacheable for anonymous visitors and a resident's pages are never cached publicly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { PASSWORD } from '../../../test/support/fixtures.ts';
import { publishRecord, seedRecordWorld } from '../../../test/support/records.ts';
import { findOrganisation } from '../../domains/org/index.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';
import { sessionUser } from '../../../test/support/records.ts';

const A = '220202001001';

async function residentLogin(agent: Agent, username: string, next?: string) {
  await agent.get(`/my/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  return agent.post('/my/login', { username, password: PASSWORD, ...(next ? { next } : {}) });
}

async function ask(agent: Agent, clock: TestDeps['clock'], subject: string) {
  const page = await agent.get(`/o/${A}/ask`);
  const token = /name="_ft" value="([^"]+)"/.exec(page.body)![1]!;
  clock.advanceMinutes(2); // a person takes a while to fill the form in
  const res = await agent.post(`/o/${A}/ask`, { _ft: token, subject, details: '请问今年的低保名单什么时候公示？', name: '王大爷', phone: '13812345678' });
  expect(res.statusCode).toBe(200);
  return /aria-label="查询码">([2-9A-Z]{10})</.exec(res.body)![1]!;
}

/** A confirmed e-mail subscription as the subscribe flow leaves it (the flow itself is tested in channel). */
async function subscription(deps: TestDeps, org: { id: number; districtCode: string }, s: { address: string; items: string[]; userId: number | null; token: string }) {
  await queryRows(
    deps.db.orm,
    sql`insert into channel_subscriptions (org_id, district_code, channel, address, item_keys, user_id, token, status, created_at)
        values (${org.id}, ${org.districtCode}, 'email', ${s.address}, ${JSON.stringify(s.items)}::jsonb, ${s.userId}, ${s.token}, 'active', now())`,
  );
}

describe.each(databaseKinds)('resident sign-in and 我的 on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    deps = await createTestDeps(kind, { env: { LOGIN_RATE_LIMIT: '10' } });
    await seedRecordWorld(deps);
    await publishRecord(deps, 'a', '临时救助名单', { title: '甲一社区临时救助名单', bodyMd: '临时救助 3 户。' });
    await publishRecord(deps, 'a', '财务收支情况', { title: '第三季度财务收支', bodyMd: '办公经费支出。' });
    app = await buildApp(deps, { logger: false });
 }, 240_000); // seeding is slow on a loaded machine
  afterAll(async () => {
    await app?.close();
    await deps?.dispose();
  });

  it('shows anonymous visitors a resident door and a staff door, and the page stays cacheable', async () => {
    const first = await app.inject({ method: 'GET', url: '/' });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('href="/my/login"');
    expect(first.body).toContain('居民登录');
    expect(first.body).toContain('href="/login"');
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.headers['cache-control']).toContain('public');
    const again = await app.inject({ method: 'GET', url: '/' });
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it('sends an anonymous visitor of 我的 to the resident sign-in, which reads as the residents’ page', async () => {
    const res = await app.inject({ method: 'GET', url: '/my' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/my/login?next=%2Fmy');
    const page = await app.inject({ method: 'GET', url: '/my/login' });
    expect(page.body).toContain('<h1>居民登录</h1>');
    expect(page.body).toContain('action="/my/login"');
    expect(page.body).toContain('用邀请码注册');
    expect(page.body).not.toContain('<h1>工作人员登录</h1>');
  });

  it('refuses a sign-in without the CSRF token and a wrong password in plain Chinese', async () => {
    const agent = new Agent(app);
    await agent.get('/my/login');
    expect((await agent.post('/my/login', { username: 'resident-a', password: PASSWORD }, { withCsrf: false })).statusCode).toBe(403);
    const bad = await agent.post('/my/login', { username: 'resident-a', password: 'wrong-password' });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toContain('用户名或密码不正确。');
    expect(agent.cookie('gk_session')).toBeUndefined();
  });

  it('is rate-limited per address like the staff sign-in', async () => {
    const page = await app.inject({ method: 'GET', url: '/my/login', remoteAddress: '10.9.9.9' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const payload = new URLSearchParams({ _csrf: csrf, username: `nobody${i}`, password: 'x' }).toString();
      const res = await app.inject({ method: 'POST', url: '/my/login', remoteAddress: '10.9.9.9', payload, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });

  it('signs a resident in to 我的: their questions with tracking codes, subscriptions and 特定群体 records, never cached', async () => {
    const anonymous = new Agent(app);
    const anonymousCode = await ask(anonymous, deps.clock, '匿名时提的问题');
    const agent = new Agent(app);
    const res = await residentLogin(agent, 'resident-a');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/my');
    expect(String(res.headers['set-cookie'])).toMatch(/gk_session=[^;]+;.*HttpOnly/);
    const code = await ask(agent, deps.clock, '低保名单什么时候公示');
    const org = (await findOrganisation(deps, A))!;
    await subscription(deps, org, { address: 'wang@example.cn', items: [], userId: null, token: 'tok'.padEnd(24, 'x') });
    const read: string[] = [];
    const stop = deps.db.observe((text) => read.push(text));
    const mine = await agent.get('/my');
    stop();
    // The 特定群体 list shows titles: the records' bodies and tables are not read for it.
    expect(read.join('\n')).not.toMatch(/"body_md"|"tables"/);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.body).toContain('<h1>我的</h1>');
    expect(mine.body).toContain(code);
    expect(mine.body).toContain(`href="/q/${code}"`);
    expect(mine.body).toContain('低保名单什么时候公示');
    expect(mine.body).not.toContain(anonymousCode);
    expect(mine.body).toContain('甲一社区临时救助名单');
    expect(mine.body).not.toContain('第三季度财务收支');
    expect(mine.body).toContain('action="/logout"');
    // A subscription made by someone else (not signed in) is not theirs.
    expect(mine.body).not.toContain('wang@example.cn');
  });

  it('lists a subscription the resident made while signed in, with its unsubscribe link', async () => {
    const org = (await findOrganisation(deps, A))!;
    const agent = new Agent(app);
    await residentLogin(agent, 'resident-a');
    const id = (await sessionUser(deps, 'resident-a')).id;
    await subscription(deps, org, { address: 'resident-a@example.cn', items: ['x', 'y'], userId: id, token: 'mine'.padEnd(24, 'z') });
    const mine = await agent.get('/my');
    expect(mine.body).toContain('resident-a@example.cn');
    expect(mine.body).toContain('2 个公开事项');
    expect(mine.body).toContain(`href="/unsubscribe/${'mine'.padEnd(24, 'z')}"`);
    // Another community's resident sees none of it.
    const other = new Agent(app);
    await residentLogin(other, 'resident-b');
    const theirs = await other.get('/my');
    expect(theirs.body).not.toContain('resident-a@example.cn');
    expect(theirs.body).not.toContain('甲一社区临时救助名单');
  });

  it('never lets a resident reach a staff page, whichever door or next they use', async () => {
    const agent = new Agent(app);
    const res = await residentLogin(agent, 'resident-a', '/staff/records');
    expect(res.headers.location).toBe('/my');
    expect((await agent.get('/staff')).headers.location).toBe('/my');
    for (const url of ['/staff/records', '/staff/requests', '/staff/users', '/staff/compliance', '/staff/channel']) {
      expect((await agent.get(url)).statusCode, url).toBe(403);
    }
    const staffDoor = new Agent(app);
    const viaStaff = await staffDoor.login('resident-b', PASSWORD);
    expect(viaStaff.headers.location).toBe('/my');
  });

  it('keeps a signed-in resident out of the public cache and the cache free of their pages', async () => {
    const agent = new Agent(app);
    await residentLogin(agent, 'resident-a');
    for (const url of ['/', `/o/${A}`]) {
      const page = await agent.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-store');
      expect(page.body).toContain('我的（');
      const anonymous = await app.inject({ method: 'GET', url });
      expect(anonymous.body, url).not.toContain('我的（');
      expect(anonymous.body, url).not.toContain('name="_csrf"');
      expect(anonymous.headers['set-cookie'], url).toBeUndefined();
    }
  });

  it('sends staff who open 我的 to their own home, and a resident who signs out back to the resident door', async () => {
    const staff = new Agent(app);
    await staff.login('editor-a', PASSWORD);
    expect((await staff.get('/my')).headers.location).toBe('/staff');
    const agent = new Agent(app);
    await residentLogin(agent, 'resident-a');
    await agent.get('/my');
    const out = await agent.post('/logout', {});
    expect(out.headers.location).toBe('/my/login?bye=1');
    expect((await agent.get('/my')).headers.location).toBe('/my/login?next=%2Fmy');
  });
});
