/**
 * Behind a reverse proxy (docs/ARCHITECTURE.md, "Several instances"), every connection comes from
 * the proxy: with TRUST_PROXY naming it, each visitor is counted on their own address; without it,
 * or from anyone else, X-Forwarded-For is ignored (a visitor cannot pick an address to slip a limit).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/db.ts';
import { FixedClock } from './clock.ts';
import type { Database } from './db.ts';
import { createHttp } from './http.ts';

const apps: FastifyInstance[] = [];
afterAll(() => Promise.all(apps.map((a) => a.close())));

/** An edge with TRUST_PROXY as given and a route allowing two requests a minute per address. */
async function edge(trustProxy: string): Promise<FastifyInstance> {
  const config = testConfig(trustProxy ? { TRUST_PROXY: trustProxy } : {});
  const app = await createHttp({ config, db: {} as Database, clock: new FixedClock('2026-11-02T09:00:00+08:00') }, { logger: false });
  app.get('/limited', { config: { rateLimit: { max: 2, timeWindow: '1 minute' } } }, async (request) => ({ ip: request.ip }));
  apps.push(app);
  return app;
}

/** Three requests from `remote`, claiming to be `visitor`: the statuses and the address the app saw. */
async function threeFrom(app: FastifyInstance, remote: string, visitor: string) {
  const answers = [];
  for (let i = 0; i < 3; i++) answers.push(await app.inject({ url: '/limited', remoteAddress: remote, headers: { 'x-forwarded-for': visitor } }));
  return { statuses: answers.map((a) => a.statusCode), ip: answers[0]!.json().ip };
}

describe('addresses behind a reverse proxy', () => {
  it.each([
    ['127.0.0.1,10.0.0.0/8', '10.0.0.5'],
    ['loopback', '127.0.0.1'],
  ])('counts each visitor on their own address when the proxy is trusted (TRUST_PROXY=%s)', async (trusted, proxy) => {
    const app = await edge(trusted);
    for (const visitor of ['203.0.113.1', '203.0.113.2']) expect(await threeFrom(app, proxy, visitor)).toEqual({ statuses: [200, 200, 429], ip: visitor });
  });

  it('ignores X-Forwarded-For by default: the connecting address is the visitor', async () => {
    const app = await edge('');
    expect(await threeFrom(app, '10.0.0.5', '203.0.113.1')).toEqual({ statuses: [200, 200, 429], ip: '10.0.0.5' });
    expect((await threeFrom(app, '10.0.0.5', '203.0.113.2')).statuses).toEqual([429, 429, 429]);
  });

  it('ignores X-Forwarded-For from an address that is not a trusted proxy', async () => {
    const app = await edge('10.0.0.0/8');
    expect(await threeFrom(app, '198.51.100.7', '203.0.113.1')).toEqual({ statuses: [200, 200, 429], ip: '198.51.100.7' });
    expect((await threeFrom(app, '198.51.100.7', '203.0.113.2')).statuses).toEqual([429, 429, 429]);
  });
});
