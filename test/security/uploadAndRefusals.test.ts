/**
 * Issue 13: anonymous uploads are refused before their body is read, and refusals of signed-in
 * people (403, CSRF) and logouts are audited without letting anonymous floods grow the log.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app/buildApp.ts';
import { queryRows } from '../../src/platform/db.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../support/db.ts';
import { Agent } from '../support/http.ts';
import { addUser, PASSWORD, seedTwoStreets } from '../support/fixtures.ts';

const TEN_MB = 10 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');

/**
 * Starts a 10 MB multipart upload, sends only its first 64 KB and waits for the answer: a server
 * that buffers the body before checking would wait for the rest and never answer in time.
 */
async function partialUpload(url: string, cookie: string): Promise<{ status: number; body: string }> {
  const head = Buffer.from('--XX\r\nContent-Disposition: form-data; name="file"; filename="big.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n');
  const req = httpRequest(url, { method: 'POST', headers: { cookie, 'content-type': 'multipart/form-data; boundary=XX', 'content-length': String(TEN_MB) } });
  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
    setTimeout(() => reject(new Error('no answer before the body was complete')), 5000);
  });
  req.write(head);
  req.write(CHUNK);
  try {
    const res = await answer;
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    return { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') };
  } finally {
    req.destroy();
  }
}

const auditRows = (deps: TestDeps) =>
  queryRows<{ action: string; actor_name: string; ip: string | null; data: Record<string, unknown> }>(deps.db.orm, sql`select action, actor_name, ip, data from audit_log order by id`);

describe.each(databaseKinds)('uploads and refusals on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    deps = await createTestDeps(kind, { env: { LOGIN_RATE_LIMIT: '10000' } });
    await seedTwoStreets(deps);
    await addUser(deps, 'plain-editor', 'editor', '220202001001');
    await addUser(deps, 'looping-editor', 'editor', '220202001001');
    app = await buildApp(deps, { logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('refuses an anonymous 10 MB upload before reading its body, with a Chinese message', async () => {
    const noCookie = await partialUpload(`${base}/staff/catalogs/import`, '');
    expect(noCookie.status).toBe(403);
    expect(noCookie.body).toContain('页面已过期或请求来源无效');
    const visitor = new Agent(app);
    await visitor.get('/login');
    const withCsrf = await partialUpload(`${base}/staff/catalogs/import`, `gk_csrf=${visitor.cookie('gk_csrf')}`);
    expect(withCsrf.status).toBe(401);
    expect(withCsrf.body).toContain('请重新登录后再上传');
    const forged = await partialUpload(`${base}/staff/catalogs/import`, 'gk_csrf=forged.value; gk_session=forged');
    expect(forged.status).toBe(403);
  });

  it('does not grow memory with thirty anonymous uploads', async () => {
    global.gc?.();
    const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    await Promise.all(Array.from({ length: 30 }, () => partialUpload(`${base}/staff/catalogs/import`, '')));
    const after = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    expect(after - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('audits a 403 and a CSRF rejection of a signed-in person, with path, user and address', async () => {
    const editor = new Agent(app);
    await editor.login('plain-editor', PASSWORD);
    expect((await editor.get('/staff/users')).statusCode).toBe(403);
    expect((await editor.post('/staff/password', { current: 'x', next: 'y', confirm: 'y' }, { withCsrf: false })).statusCode).toBe(403);
    const rows = (await auditRows(deps)).filter((r) => r.actor_name === 'plain-editor');
    const forbidden = rows.find((r) => r.action === 'http.forbidden');
    expect(forbidden).toMatchObject({ ip: '127.0.0.1', data: { method: 'GET', path: '/staff/users' } });
    const csrf = rows.find((r) => r.action === 'http.csrf_rejected');
    expect(csrf).toMatchObject({ ip: '127.0.0.1', data: { method: 'POST', path: '/staff/password' } });
  });

  it('writes nothing for anonymous CSRF failures and caps a signed-in flood', async () => {
    const before = (await auditRows(deps)).length;
    for (let i = 0; i < 20; i++) await app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=a&password=b' });
    expect((await auditRows(deps)).length).toBe(before);
    const looping = new Agent(app);
    await looping.login('looping-editor', PASSWORD);
    for (let i = 0; i < 45; i++) await looping.get('/staff/orgs');
    const refused = (await auditRows(deps)).filter((r) => r.actor_name === 'looping-editor' && r.action === 'http.forbidden');
    expect(refused).toHaveLength(30);
  });
});
