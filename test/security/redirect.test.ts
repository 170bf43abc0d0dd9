/** Issue 13, open redirect: only same-origin paths are followed, however they are spelled. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app/buildApp.ts';
import { safeLocalPath } from '../../src/web/page.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../support/db.ts';
import { Agent } from '../support/http.ts';
import { addUser, PASSWORD, seedTwoStreets } from '../support/fixtures.ts';

// Each of these reaches another site in at least one browser, proxy or later decoding step.
const HOSTILE = [
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '/ /evil.example',
  '/\u00a0/evil.example',
  '/\u3000/evil.example',
  '/\u200b/evil.example',
  '//evil.example',
  '///evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '/%5Cevil.example',
  '/%5c%5cevil.example',
  '/%252F%252Fevil.example',
  'https://evil.example',
  'http:/evil.example',
  '//evil.example/staff',
  'evil.example',
  '',
  ' /staff',
  '/staff\u0000',
  'javascript:alert(1)',
  '/'.repeat(1) + 'x'.repeat(600),
];

describe('safeLocalPath', () => {
  it.each(HOSTILE)('refuses %j', (value) => {
    expect(safeLocalPath(value, '/fallback')).toBe('/fallback');
  });

  it('keeps ordinary same-site paths, queries and fragments', () => {
    expect(safeLocalPath('/staff/records?state=draft&q=%E4%BD%8F%E6%88%BF%20%E8%A1%A5%E8%B4%B4#top')).toBe('/staff/records?state=draft&q=%E4%BD%8F%E6%88%BF%20%E8%A1%A5%E8%B4%B4#top');
    expect(safeLocalPath('/o/220202001001')).toBe('/o/220202001001');
    expect(safeLocalPath('/staff/../o/1')).toBe('/o/1');
    expect(safeLocalPath(['/staff'])).toBe('/');
  });
});

describe.each(databaseKinds)('redirects after login and preferences stay on this site on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    // Every case signs in once: the per-minute login limit must not be what the test measures.
    deps = await createTestDeps(kind, { env: { LOGIN_RATE_LIMIT: '10000' } });
    await seedTwoStreets(deps);
    await addUser(deps, 'redirect1', 'editor', '220202001001');
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('the issue’s case: /login?next=%2F%09%2Fevil.example lands on /staff', async () => {
    const agent = new Agent(app);
    const page = await agent.get('/login?next=%2F%09%2Fevil.example');
    expect(page.body).toContain('name="next" value="/staff"');
    const res = await agent.post('/login', { username: 'redirect1', password: PASSWORD, next: '/\t/evil.example' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/staff');
    const again = await agent.get('/login?next=%2F%09%2Fevil.example');
    expect(again.headers.location).toBe('/staff');
  });

  // NUL is refused at the edge (400) before any redirect is considered.
  const POSTABLE = HOSTILE.filter((v) => !v.includes('\u0000'));

  it.each(POSTABLE)('login next=%j stays on this site', async (next) => {
    const agent = new Agent(app);
    await agent.login('redirect1', PASSWORD);
    const res = await agent.get(`/login?next=${encodeURIComponent(next)}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/staff');
  });

  it.each(POSTABLE)('/prefs/elder back=%j stays on this site', async (back) => {
    const agent = new Agent(app);
    const res = await agent.get(`/prefs/elder?on=1&back=${encodeURIComponent(back)}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
  });

  it('still returns to a real page after login and after switching the elder mode', async () => {
    const agent = new Agent(app);
    await agent.get('/login?next=%2Fstaff%2Fpassword');
    const res = await agent.post('/login', { username: 'redirect1', password: PASSWORD, next: '/staff/password' });
    expect(res.headers.location).toBe('/staff/password');
    const prefs = await agent.get(`/prefs/elder?on=1&back=${encodeURIComponent('/o/220202001001?x=1')}`);
    expect(prefs.headers.location).toBe('/o/220202001001?x=1');
  });
});
