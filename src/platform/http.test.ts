import type { FastifyError, FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/db.ts';
import { FixedClock } from './clock.ts';
import type { Database } from './db.ts';
import { createHttp, errorAnswer } from './http.ts';

// The HTTP edge alone (no database): a route that would pass text on to a query, answering with
// the status and message the app's error handler would use.
let app: FastifyInstance;
let reached = 0;
beforeAll(async () => {
  const deps = { config: testConfig(), db: {} as Database, clock: new FixedClock('2026-11-02T09:00:00+08:00') };
  app = await createHttp(deps, { logger: false });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, message } = errorAnswer(error, request);
    return reply.code(status).send({ error: message });
  });
  // A public form that takes files from visitors: uploads to any other route need a signed-in user.
  app.post('/form/:code', { config: { csrf: false, anonymousUpload: true } }, async () => ({ reached: ++reached }));
  app.get('/search', async () => ({ reached: ++reached }));
  await app.ready();
});
afterAll(() => app.close());

const multipart = (body: string, boundary = 'XX') => ({ 'content-type': `multipart/form-data; boundary=${boundary}`, body });

describe('the HTTP edge', () => {
  it.each([
    ['a NUL in a form field', { method: 'POST' as const, url: '/form/220202', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=a%00b' }],
    ['a NUL in the query', { method: 'GET' as const, url: '/search?q=%E4%BD%8E%00' }],
    ['a NUL in the address', { method: 'POST' as const, url: '/form/2202%0002', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=1' }],
    ['a lone surrogate in a field name', { method: 'POST' as const, url: '/form/220202', headers: { 'content-type': 'application/json' }, payload: '{"\\ud800":"x"}' }],
    ['a NUL in an uploaded file name', { method: 'POST' as const, url: '/form/220202', ...(({ body, ...h }) => ({ headers: h, payload: body }))(multipart('--XX\r\nContent-Disposition: form-data; name="f"; filename="a\u0000.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n--XX--\r\n')) }],
  ])('refuses %s with a Chinese 400 before any handler runs', async (_name, req) => {
    const before = reached;
    const res = await app.inject(req);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/无法识别的字符/);
    expect(reached).toBe(before);
  });

  it.each([
    ['no boundary', { 'content-type': 'multipart/form-data' }, 'abc'],
    ['a truncated body', { 'content-type': 'multipart/form-data; boundary=XX' }, '--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello'],
    ['a truncated file', { 'content-type': 'multipart/form-data; boundary=XX' }, '--XX\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\n\r\nhello'],
  ])('answers a malformed multipart body (%s) with a Chinese 400, not a 500', async (_name, headers, payload) => {
    const res = await app.inject({ method: 'POST', url: '/form/220202', headers, payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('提交的内容格式不正确，请检查后重试。');
  });

  it('lets ordinary Chinese text through', async () => {
    const res = await app.inject({ method: 'POST', url: '/form/220202', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `name=${encodeURIComponent('低保名单 😀')}` });
    expect(res.statusCode).toBe(200);
  });
});
