/** Issue 13: sign-in answers never reveal whether a name exists, and nobody can lock a colleague out. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../test/support/db.ts';
import { Agent } from '../../../test/support/http.ts';
import { addUser, PASSWORD, seedTwoStreets } from '../../../test/support/fixtures.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db.ts';

/** A sign-in attempt from a given address, with the CSRF cookie and token of a login page fetched from there. */
async function loginFrom(app: FastifyInstance, ip: string, username: string, password: string) {
  const page = await app.inject({ method: 'GET', url: '/login', remoteAddress: ip });
  const cookie = [page.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const payload = new URLSearchParams({ _csrf: csrf, username, password }).toString();
  return app.inject({ method: 'POST', url: '/login', remoteAddress: ip, payload, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
}

/** The page's error text, without the parts that differ per request (CSRF token, time). */
const errorOf = (body: string) => /role="alert"[^>]*>([^<]*)</.exec(body)?.[1] ?? '';

describe.each(databaseKinds)('sign-in back-off per name and address on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;

  beforeAll(async () => {
    deps = await createTestDeps(kind, { env: { LOGIN_RATE_LIMIT: '10000' } });
    await seedTwoStreets(deps);
    await addUser(deps, 'victim', 'street_admin', '220202001');
    await addUser(deps, 'leaver', 'editor', '220202001001');
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('answers a wrong password and an unknown name with the same status and message, also once paused', async () => {
    const real: { status: number; error: string }[] = [];
    const ghost: { status: number; error: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await loginFrom(app, '203.0.113.7', 'victim', 'wrong-password');
      const b = await loginFrom(app, '203.0.113.7', 'no-such-user', 'wrong-password');
      real.push({ status: a.statusCode, error: errorOf(a.body) });
      ghost.push({ status: b.statusCode, error: errorOf(b.body) });
    }
    expect(real.map((r) => r.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(ghost).toEqual(real);
    expect(real[0]!.error).toContain('用户名或密码不正确');
    expect(real[5]!.error).toContain('暂停登录');
    expect(real[5]!.error).not.toMatch(/账户|账号已/);
  });

  it('a stranger failing from their address does not lock the real user out at theirs', async () => {
    for (let i = 0; i < 5; i++) await loginFrom(app, '198.51.100.9', 'victim', 'guess-' + i);
    expect((await loginFrom(app, '198.51.100.9', 'victim', PASSWORD)).statusCode).toBe(429);
    const owner = await loginFrom(app, '192.0.2.44', 'victim', PASSWORD);
    expect(owner.statusCode).toBe(303);
  });

  it('writes the logout to the audit log with the person and address', async () => {
    const agent = new Agent(app);
    await agent.login('leaver', PASSWORD);
    await agent.get('/staff');
    expect((await agent.post('/logout', {})).statusCode).toBe(303);
    const rows = await queryRows<{ action: string; actor_name: string; ip: string | null }>(deps.db.orm, sql`select action, actor_name, ip from audit_log order by id`);
    const logout = rows.filter((r) => r.action === 'logout' && r.actor_name === 'leaver');
    expect(logout).toHaveLength(1);
    expect(logout[0]!.ip).toBe('127.0.0.1');
  });
});
