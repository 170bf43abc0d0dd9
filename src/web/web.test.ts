import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../test/support/db.ts';
import { Agent } from '../../test/support/http.ts';
import { seedTwoStreets } from '../../test/support/fixtures.ts';

const kind = databaseKinds[0]!;

describe('the portal shell', () => {
  let deps: TestDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    deps = await createTestDeps(kind, { env: { LOGIN_RATE_LIMIT: '3' } });
    await seedTwoStreets(deps);
    app = await buildApp(deps, { logger: false });
    app.get('/boom', async () => {
      throw new Error('secret internal detail at db.ts:42');
    });
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('serves the home page in Chinese with the organisation tree', async () => {
    const res = await new Agent(app).get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(res.body).toContain('吉林市昌邑区');
    expect(res.body).toContain('href="/o/220202001001"');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('shows an organisation page with its breadcrumb', async () => {
    const res = await new Agent(app).get('/o/220202001');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('甲街道');
    expect(res.body).toContain('甲一社区');
    expect(res.body).not.toContain('乙一社区');
  });

  it('answers unknown pages with a Chinese 404 page', async () => {
    const res = await new Agent(app).get('/no/such/page');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('页面不存在');
    expect((await new Agent(app).get('/o/999999')).statusCode).toBe(404);
  });

  it('answers a server failure with a Chinese 500 page and no stack trace', async () => {
    const res = await new Agent(app).get('/boom');
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('系统出错了');
    expect(res.body).not.toContain('secret internal detail');
    expect(res.body).not.toContain('db.ts');
  });

  it('switches the elderly-friendly mode on and keeps it across pages', async () => {
    const agent = new Agent(app);
    const page = await agent.get('/o/220202');
    expect(page.body).not.toContain('name="_csrf"'); // the toggle needs no token
    const res = await agent.get('/prefs/elder?on=1&back=%2Fo%2F220202');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/o/220202');
    expect(String(res.headers['set-cookie'])).toMatch(/gk_elder=1;.*Max-Age=31536000/);
    const next = await agent.get('/');
    expect(next.body).toContain('<html lang="zh-CN" class="elder">');
    expect(next.body).toContain('退出长辈模式');
    await agent.get('/prefs/elder?on=0&back=https%3A%2F%2Fevil.example%2F');
    expect((await agent.get('/')).body).not.toContain('class="elder"');
  });

  it('never redirects off-site after a form', async () => {
    const agent = new Agent(app);
    expect((await agent.get('/prefs/elder?on=1&back=%2F%2Fevil.example%2Fx')).headers.location).toBe('/');
    await agent.get('/login'); // a page with a form brings a CSRF token: a posted toggle still works
    const res = await agent.post('/prefs/elder', { on: '1', back: '//evil.example/x' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('has an icon: /favicon.ico answers a PNG and every page links the SVG', async () => {
    const icon = await app.inject({ method: 'GET', url: '/favicon.ico' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('<link rel="icon" href="/static/favicon.svg"');
    expect((await app.inject({ method: 'GET', url: '/static/favicon.svg' })).statusCode).toBe(200);
  });

  it('rate-limits login attempts per address with a Chinese message', async () => {
    const agent = new Agent(app);
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await agent.login('nobody', 'whatever-1')).statusCode);
    expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
    expect(codes[3]).toBe(429);
    const res = await agent.login('nobody', 'whatever-1');
    expect(res.body).toContain('操作过于频繁');
  });
});
