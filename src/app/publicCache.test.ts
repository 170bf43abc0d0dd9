/*
 * Issue 14: anonymous public pages come from a cache keyed by the content version in the
 * database; a publish anywhere (on any instance) is on the next request; signed-in and 特定群体
 * views are never cached publicly; public pages set no cookie and carry no CSRF token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './buildApp.ts';
import { validatorStore } from './publicCache.ts';
import { openDatabase } from '../platform/db.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../test/support/db.ts';
import { Agent } from '../../test/support/http.ts';
import { PASSWORD } from '../../test/support/fixtures.ts';
import { itemIdOf, publishRecord, seedRecordWorld } from '../../test/support/records.ts';
import { findRecordByPublicId, loadRecord } from '../domains/record/index.ts';
import { foldPublicSchedule } from '../domains/org/index.ts';
import type { Deps } from '../platform/context.ts';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';

const COMMUNITY = '/o/220202001001';

async function publicIdOf(deps: Deps, recordId: number): Promise<string> {
  return (await loadRecord(deps, recordId)).publicId;
}

/** Statements the ORM sent while `fn` ran. */
async function statementsDuring(deps: Deps, fn: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const stop = deps.db.observe(() => n++);
  try {
    await fn();
  } finally {
    stop();
  }
  return n;
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET over a real socket, bytes as sent (no decompression, unlike fetch). */
function rawGet(base: string, path: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((done, fail) => {
    const req = httpRequest(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

const withoutDate = (headers: RawAnswer['headers']) => ({ ...headers, date: undefined });

// Hostile input: every address with a long junk query is a page of its own; what is remembered of
// such pages stays within its few megabytes however many arrive.
it('bounds the remembered ETags by bytes, not by count, against long junk queries', () => {
  const store = validatorStore();
  const junk = 'x'.repeat(15_000);
  for (let i = 0; i < 2_000; i++) store.set(`gk.example.cn\n\n2026-11-02\n/o/220202001001?${junk}${i}`, { version: 1, etags: ['"a"', '"a-gz"'] });
  expect(store.calculatedSize).toBeLessThanOrEqual(4 * 1024 * 1024);
  expect(store.size).toBeLessThan(200);
});

describe.each(databaseKinds)('public page cache on $name', (kind) => {
  let deps: TestDeps;
  let other: Deps; // a second instance: on PostgreSQL its own connection pool
  let a: FastifyInstance;
  let b: FastifyInstance;
  let firstId: string;

  beforeAll(async () => {
    deps = await createTestDeps(kind);
    await seedRecordWorld(deps);
    firstId = await publicIdOf(deps, await publishRecord(deps, 'a', '财务收支情况', { title: '十月财务收支', bodyMd: '收入 1200 元' }));
    other = deps.databaseUrl ? { ...deps, db: await openDatabase({ kind: 'postgres', url: deps.databaseUrl }) } : deps;
    a = await buildApp(deps, { logger: false });
    b = await buildApp(other, { logger: false });
  }, 120_000);
  afterAll(async () => {
    await a.close();
    await b.close();
    if (other !== deps) await other.db.close();
    await deps.dispose();
  });

  it('serves an anonymous page once rendered, with a strong ETag, no cookie and no CSRF token', async () => {
    const first = await a.inject({ url: COMMUNITY });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(first.headers.etag).toMatch(/^"[\w-]{32}"$/);
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(first.body).not.toContain('_csrf');
    expect(first.body).toContain('十月财务收支');

    let again: Awaited<ReturnType<FastifyInstance['inject']>> | undefined;
    const statements = await statementsDuring(deps, async () => (again = await a.inject({ url: COMMUNITY })));
    expect(again!.body).toBe(first.body);
    expect(again!.headers.etag).toBe(first.headers.etag);
    // Only the version is read: once on PostgreSQL, not at all on the embedded database (one writer).
    expect(statements).toBe(kind.name === 'postgres' ? 1 : 0);

    const unchanged = await a.inject({ url: COMMUNITY, headers: { 'if-none-match': first.headers.etag as string } });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
  });

  it('answers hits over a socket before routing, with the headers the page was rendered with, gzip when asked', async () => {
    const base = await a.listen({ port: 0, host: '127.0.0.1' });
    const url = `/r/${firstId}`;
    const rendered = await rawGet(base, url);
    expect(rendered.headers['content-security-policy']).toContain("default-src 'self'");

    let hit: RawAnswer | undefined;
    const statements = await statementsDuring(deps, async () => (hit = await rawGet(base, url)));
    expect(statements).toBe(kind.name === 'postgres' ? 1 : 0);
    expect(hit!.body.equals(rendered.body)).toBe(true);
    expect(withoutDate(hit!.headers)).toEqual(withoutDate(rendered.headers));
    expect(hit!.headers.vary).toBe('Cookie, Accept-Encoding');

    const gz = await rawGet(base, url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(rendered.body)).toBe(true);
    expect(gz.body.length).toBeLessThan(rendered.body.length);
    expect(gz.headers.etag).not.toBe(rendered.headers.etag);
    expect(gz.headers['content-security-policy']).toBe(rendered.headers['content-security-policy']);
    const notModified = await rawGet(base, url, { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) });
    expect(notModified.status).toBe(304);
    expect(notModified.body.length).toBe(0);
    const refused = await rawGet(base, url, { 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body.equals(rendered.body)).toBe(true);

    // Anyone with a session cookie goes through the app (here: an unknown session is cleared).
    const signedIn = await rawGet(base, url, { cookie: 'gk_session=not-a-session' });
    expect(String(signedIn.headers['set-cookie'])).toMatch(/gk_session=;/);
    expect(signedIn.headers['cache-control']).not.toBe('public, max-age=60, stale-while-revalidate=300');
  });

  it('renders a page once for visitors who ask for it at the same moment', async () => {
    const base = await a.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(a.server.address() as { port: number }).port}`);
    const ids: string[] = [];
    for (const title of ['十二月财务收支', '十二月财务收支（二）']) {
      ids.push(await publicIdOf(deps, await publishRecord(deps, 'a', '财务收支情况', { title, bodyMd: '收入 100 元' })));
    }
    for (const id of ids) await rawGet(base, `/r/${id}`); // where each record sits is known now
    const one = await statementsDuring(deps, () => rawGet(base, `/r/${ids[0]}/sheet.pdf`));
    let answers: RawAnswer[] = [];
    const ten = await statementsDuring(deps, async () => (answers = await Promise.all(Array.from({ length: 10 }, () => rawGet(base, `/r/${ids[1]}/sheet.pdf`)))));
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(new Set(answers.map((r) => r.headers.etag)).size).toBe(1);
    // One render; on PostgreSQL each waiting visitor also reads the version (twice).
    expect(ten).toBeLessThanOrEqual(one + (kind.name === 'postgres' ? 20 : 0));
  });

  it('shows a publish made on one instance on the next request to the other', async () => {
    const pages = [COMMUNITY, '/', '/o/220202001', `/feeds/220202001001.rss`];
    const before = await Promise.all(pages.map((url) => b.inject({ url })));
    for (const res of before) expect(res.body).not.toContain('十一月财务收支');
    const etags = before.map((r) => r.headers.etag);

    await publishRecord(deps, 'a', '财务收支情况', { title: '十一月财务收支', bodyMd: '收入 800 元' }); // instance A's database handle

    const after = await Promise.all(pages.map((url) => b.inject({ url })));
    for (const res of after) expect(res.body).toContain('十一月财务收支');
    after.forEach((res, i) => expect(res.headers.etag).not.toBe(etags[i]));
    // The other street's page did not change and is still served as it was.
    const otherStreet = await b.inject({ url: '/o/220202002' });
    expect(otherStreet.body).not.toContain('十一月财务收支');
  });

  it('takes a withdrawn record off the cached pages at once', async () => {
    const id = await publishRecord(deps, 'a', '财务收支情况', { title: '九月财务收支（误发）', bodyMd: '收入 10 元' });
    expect((await a.inject({ url: COMMUNITY })).body).toContain('九月财务收支（误发）');
    const supervisor = new Agent(a);
    await supervisor.login('supervisor-a', PASSWORD);
    await supervisor.get(`/staff/records/${id}`);
    expect((await supervisor.post(`/staff/records/${id}/withdraw`, { reason: '金额有误' })).statusCode).toBe(303);
    expect((await a.inject({ url: COMMUNITY })).body).not.toContain('九月财务收支（误发）');
    expect((await b.inject({ url: `/r/${await publicIdOf(deps, id)}` })).body).toContain('金额有误');
  });

  it('shows a scheduled publication (定时发布) from its minute on, without a write, and keeps pages until then', async () => {
    const form = { title: '下午两点发布的通知', bodyMd: '定时', publishAt: '2026-11-02 14:00' } as Parameters<typeof publishRecord>[3];
    await publishRecord(deps, 'a', '财务收支情况', form);
    const before = await b.inject({ url: COMMUNITY });
    expect(before.body).not.toContain('下午两点发布的通知');
    const versionRead = kind.name === 'postgres' ? 1 : 0; // a hit reads the version only (embedded: not even that)
    try {
      // Hours later, the page rendered in the morning is still the one served: no aging by the minute.
      deps.clock.set('2026-11-02T13:59:59+08:00');
      let kept: Awaited<ReturnType<typeof b.inject>>;
      expect(await statementsDuring(other, async () => (kept = await b.inject({ url: COMMUNITY })))).toBe(versionRead);
      expect(kept!.headers.etag).toBe(before.headers.etag);
      deps.clock.set('2026-11-02T14:00:00+08:00');
      const live = await b.inject({ url: COMMUNITY });
      expect(live.body).toContain('下午两点发布的通知');
      // The hourly job folds what went live (ten minutes or more ago) into the counters: the key
      // stays, the page stays kept.
      expect(await foldPublicSchedule(deps)).toBe(0);
      deps.clock.set('2026-11-02T14:10:00+08:00');
      expect(await foldPublicSchedule(deps)).toBe(4); // one per path of the lineage: '/', district, street, community
      let after: Awaited<ReturnType<typeof b.inject>>;
      expect(await statementsDuring(other, async () => (after = await b.inject({ url: COMMUNITY })))).toBe(1); // the key, read again after the fold's commit
      expect(after!.headers.etag).toBe(live.headers.etag);
    } finally {
      deps.clock.set('2026-11-02T09:00:00+08:00');
    }
  });

  it('answers 304 to a page whose bytes left the cache, without rendering it, until its content moves', async () => {
    const small = await buildApp({ ...deps, config: { ...deps.config, pageCacheMb: 1 } }, { logger: false });
    try {
      const first = await small.inject({ url: COMMUNITY });
      const etag = String(first.headers.etag);
      // Newer pages, 1.5 MB of them, push it out of the 1 MB the cache keeps.
      for (let i = 0, bytes = 0; bytes < 1.5 * 1024 * 1024; i++) bytes += (await small.inject({ url: `/search?q=${encodeURIComponent(`收支${i}`)}` })).rawPayload.length;
      let answer: Awaited<ReturnType<typeof small.inject>>;
      const revalidate = async () => (answer = await small.inject({ url: COMMUNITY, headers: { 'if-none-match': etag } }));
      expect(await statementsDuring(deps, revalidate)).toBe(kind.name === 'postgres' ? 1 : 0);
      expect(answer!.statusCode).toBe(304);
      expect(answer!.headers.etag).toBe(etag);
      expect(answer!.headers['cache-control']).toContain('public');
      // It was a 304 from its remembered ETag: without one, the page is rendered again, reading its records.
      const read: string[] = [];
      const stop = deps.db.observe((text) => read.push(text));
      await small.inject({ url: COMMUNITY }).finally(stop);
      expect(read.some((text) => text.includes('from "records"'))).toBe(true);
      await publishRecord(deps, 'a', '财务收支情况', { title: '十二月财务收支', bodyMd: '收入 900 元' });
      await revalidate();
      expect(answer!.statusCode).toBe(200);
      expect(answer!.body).toContain('十二月财务收支');
    } finally {
      await small.close();
    }
  });

  it('keeps the 长辈模式 apart and lets anonymous visitors switch it without a token', async () => {
    const plain = await a.inject({ url: COMMUNITY });
    const elder = await a.inject({ url: COMMUNITY, cookies: { gk_elder: '1' } });
    expect(plain.body).not.toContain('class="elder"');
    expect(elder.body).toContain('<html lang="zh-CN" class="elder">');
    const toggle = await a.inject({ url: `/prefs/elder?on=1&back=${encodeURIComponent(COMMUNITY)}` });
    expect(toggle.statusCode).toBe(303);
    expect(String(toggle.headers['set-cookie'])).toMatch(/gk_elder=1/);
  });

  it('never caches a signed-in view publicly, nor serves it the anonymous page', async () => {
    const agent = new Agent(a);
    await agent.login('resident-a', PASSWORD);
    for (const url of [COMMUNITY, `/r/${firstId}`, '/']) {
      const res = await agent.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
      expect(res.body).toContain('退出登录');
    }
    expect((await a.inject({ url: COMMUNITY })).body).not.toContain('退出登录');
  });

  it('keeps 特定群体 records out of the public cache', async () => {
    const id = await publishRecord(deps, 'a', '临时救助名单', { title: '临时救助对象', bodyMd: '救助 3 户' });
    const publicId = await publicIdOf(deps, id);
    for (const url of [`/r/${publicId}`, `/r/${publicId}/sheet.pdf`]) {
      const anonymous = await a.inject({ url });
      expect(anonymous.statusCode).toBe(403);
      expect(anonymous.headers['cache-control']).not.toMatch(/public/);
      expect(anonymous.body).not.toContain('救助 3 户');
    }
    const resident = new Agent(a);
    await resident.login('resident-a', PASSWORD);
    const page = await resident.get(`/r/${publicId}`);
    expect(page.body).toContain('救助 3 户');
    expect(page.headers['cache-control']).toBe('no-store');
    const pdf = await resident.get(`/r/${publicId}/sheet.pdf`);
    expect(pdf.headers['cache-control']).toBe('private, no-store');
    expect((await findRecordByPublicId(deps.db.orm, publicId))?.id).toBe(id);
  });

  it('caches feeds, sheets and item pages too, each with its own type', async () => {
    const item = await itemIdOf(deps, '220202001001', '财务收支情况');
    for (const [url, type] of [
      [`/r/${firstId}/sheet.pdf`, 'application/pdf'],
      ['/feeds/220202001001.rss', 'application/rss+xml'],
      [`${COMMUNITY}/items/${item}`, 'text/html'],
      ['/search?q=%E8%B4%A2%E5%8A%A1', 'text/html'],
    ]) {
      const first = await a.inject({ url });
      const second = await a.inject({ url });
      expect(first.statusCode).toBe(200);
      expect(second.headers['content-type']).toContain(type);
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    }
  });
});

describe('with the cache switched off', () => {
  it('renders every request and sends no public cache header', async () => {
    const deps = await createTestDeps(databaseKinds[0]!, { env: { PAGE_CACHE_MB: '0' } });
    try {
      await seedRecordWorld(deps);
      const app = await buildApp(deps, { logger: false });
      const res = await app.inject({ url: COMMUNITY });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(await statementsDuring(deps, () => app.inject({ url: COMMUNITY }))).toBeGreaterThan(1);
      await app.close();
    } finally {
      await deps.dispose();
    }
  }, 60_000);
});
