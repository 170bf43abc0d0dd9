import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import type { SessionUser } from '../platform/principal.ts';
import { actorOf, bodyOf, idParam, staffOf, staffOnly } from './routeKit.ts';
import { z } from 'zod';

const editor: SessionUser = { id: 7, username: 'wang', displayName: '王', role: 'editor', orgId: 3, orgCode: '220202004001', orgName: '延安社区', orgKind: 'community', orgPath: '/220202/220202004/220202004001/', districtCode: '220202' };

// A bare Fastify app whose “session” is a header, so each case states who is calling.
let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify();
  app.decorateRequest('user', null);
  app.decorateRequest('sessionExpired', false);
  app.addHook('onRequest', async (request) => {
    const who = request.headers['x-as'];
    request.user = who ? { ...editor, role: who as SessionUser['role'] } : null;
    request.sessionExpired = request.headers['x-expired'] === '1';
  });
  app.setErrorHandler((err: Error, _request, reply) => reply.code(err instanceof AppError ? err.statusCode : 500).send({ error: err.message }));
  app.get('/staff/any/:id', { preHandler: staffOnly() }, async (request) => ({ id: idParam(request), user: staffOf(request).username, actor: actorOf(request).name }));
  app.post('/staff/admin', { preHandler: staffOnly(['street_admin', 'district_admin'], '只有管理员可以这样做。') }, async (request) => bodyOf(request, z.object({ n: z.coerce.number({ error: '请填写数字' }) })));
  app.get('/forgot-guard', async (request) => staffOf(request).username);
  await app.ready();
});
afterAll(() => app.close());

describe('route kit', () => {
  it('sends anonymous visitors to the login page and back, saying when the session ran out', async () => {
    const res = await app.inject({ url: '/staff/any/5?x=1' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/staff/any/5?x=1')}`);
    const expired = await app.inject({ url: '/staff/any/5', headers: { 'x-expired': '1' } });
    expect(expired.headers.location).toBe(`/login?next=${encodeURIComponent('/staff/any/5')}&expired=1`);
  });

  it('lets staff through with the id parsed and the actor named, and refuses residents', async () => {
    const ok = await app.inject({ url: '/staff/any/5', headers: { 'x-as': 'editor' } });
    expect(ok.json()).toEqual({ id: 5, user: 'wang', actor: 'wang' });
    const bad = await app.inject({ url: '/staff/any/abc', headers: { 'x-as': 'editor' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('编号无效');
    const resident = await app.inject({ url: '/staff/any/5', headers: { 'x-as': 'resident' } });
    expect(resident.statusCode).toBe(403);
    expect(resident.json().error).toBe('此页面仅限工作人员使用。');
  });

  it("refuses roles a route does not list with that route's own words, and checks the body", async () => {
    const refused = await app.inject({ method: 'POST', url: '/staff/admin', headers: { 'x-as': 'editor' }, payload: { n: '1' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('只有管理员可以这样做。');
    const ok = await app.inject({ method: 'POST', url: '/staff/admin', headers: { 'x-as': 'street_admin' }, payload: { n: '12' } });
    expect(ok.json()).toEqual({ n: 12 });
    const wrong = await app.inject({ method: 'POST', url: '/staff/admin', headers: { 'x-as': 'street_admin' }, payload: { n: 'x' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toBe('请填写数字');
  });

  it('fails loudly when a route reads the staff member without the guard', async () => {
    const res = await app.inject({ url: '/forgot-guard' });
    expect(res.statusCode).toBe(500);
  });
});
