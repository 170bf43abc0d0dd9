/*
 * The measuring half of bench:scale: the app (page cache off, so every request reaches the
 * database) and a bare Fastify route, each in its own process, hit over sockets by autocannon.
 */
import { randomBytes, createHash } from 'node:crypto';
import { load, rssOf, startBare } from '../public.bench.ts';
import { spawnServer } from '../../test/support/childServer.ts';
import { GENERATED_PREFIX } from './generate.ts';
import type { Database } from '../../src/platform/db.ts';

/** Where the generated province lives: the server env to point at it, and how to open it. */
export interface ScaleTarget {
  env: Record<string, string>;
  open(): Promise<Database>;
  drop?(): Promise<void>;
}

const DISTRICT = `${GENERATED_PREFIX}0001`;
const STREET = `${DISTRICT}001`;
const COMMUNITY = `${STREET}001`;

/** A district admin of the first generated district with a session the benchmark sends as a cookie. */
async function benchSession(target: ScaleTarget): Promise<{ token: string; record: string; item: string }> {
  const db = await target.open();
  try {
    const token = randomBytes(24).toString('base64url');
    const hash = createHash('sha256').update(token).digest('hex');
    await db.executeSql(`insert into users (username, display_name, password_hash, role, org_id, district_code, password_changed_at, created_at)
      select 'bench-admin-' || substr(md5(random()::text), 1, 6), '基准测试管理员', password_hash, 'district_admin', d.id, d.code, now(), now()
      from users u, organisations d where u.username = 'changyi-admin' and d.code = '${DISTRICT}'`);
    await db.executeSql(`insert into sessions (token_hash, user_id, created_at, last_seen_at) select '${hash}', max(id), now(), now() from users where username like 'bench-admin-%'`);
    const { rows } = await db.executeSql(`select r.public_id, r.item_id from records r join organisations o on o.id = r.org_id where o.code = '${COMMUNITY}' and r.current_version is not null and r.withdrawn_at is null order by r.first_published_at desc limit 1`);
    return { token, record: String(rows[0]!.public_id), item: String(rows[0]!.item_id) };
  } finally {
    await db.close();
  }
}

/** Every scope a resident can search (portal, district, street, community) for each common word. */
function searchPages(): [string, string, boolean][] {
  const scopes: [string, string][] = [['all', ''], ['district', DISTRICT], ['street', STREET], ['community', COMMUNITY]];
  return ['低保', '财务', '公示'].flatMap((word) =>
    scopes.map(([name, code]): [string, string, boolean] => [`search ${word} ${name}`, `/search?${code ? `org=${code}&` : ''}q=${encodeURIComponent(word)}`, false]),
  );
}

export async function measure(target: ScaleTarget, seconds: number): Promise<string[]> {
  const { token, record, item } = await benchSession(target);
  const q = encodeURIComponent('低保');
  const pages: [string, string, boolean][] = [
    ['home /', '/', false],
    ['district /o/…', `/o/${DISTRICT}`, false],
    ['street /o/…', `/o/${STREET}`, false],
    ['community /o/…', `/o/${COMMUNITY}`, false],
    ['item page', `/o/${COMMUNITY}/items/${item}`, false],
    ['record /r/…', `/r/${record}`, false],
    ...searchPages(),
    ['search 低保 district p3', `/search?org=${DISTRICT}&q=${q}&page=3`, false],
    ['feed .rss', `/feeds/${COMMUNITY}.rss`, false],
    ['street matrix', `/staff/compliance/s/${STREET}`, true],
    ['district roll-up', `/staff/compliance/d/${DISTRICT}`, true],
    ['community compliance', `/staff/compliance/c/${COMMUNITY}`, true],
  ];
  const bare = await startBare();
  const bareRuns = [(await load(bare.url, seconds)).rps];
  const server = spawnServer({ ...target.env, DEMO_DATA: 'off', PAGE_CACHE_MB: '0', LOG_LEVEL: 'warn' });
  const lines = [`Scale pages over sockets (autocannon, 10 connections, ${seconds} s each, page cache off)`];
  const results: (string | { name: string; rps: number; p95: number; errors: number })[] = [];
  try {
    const base = await server.ready;
    const pid = server.child.pid!;
    const idle = rssOf(pid).now;
    for (const [name, path, staff] of pages) {
      const headers: Record<string, string> = staff ? { cookie: `gk_session=${token}` } : {};
      // One render first: a page slower than a minute is reported as such, not loaded.
      const started = performance.now();
      const first = await fetch(base + path, { headers, redirect: 'manual', signal: AbortSignal.timeout(60_000) }).catch((err: Error) => err);
      if (first instanceof Error || first.status !== 200) {
        results.push(`  ${name.padEnd(24)} skipped: ${first instanceof Error ? `no answer in ${Math.round((performance.now() - started) / 1000)} s` : `HTTP ${first.status}`}`);
        console.log(results.at(-1));
        continue;
      }
      await first.arrayBuffer();
      const firstMs = Math.round(performance.now() - started);
      const r = await load(base + path, seconds, headers);
      results.push({ name, ...r });
      console.log(`  ${name}: first render ${firstMs} ms, p95 ${r.p95} ms`);
    }
    bareRuns.push((await load(bare.url, seconds)).rps);
    const bareRps = bareRuns.reduce((a, b) => a + b, 0) / bareRuns.length;
    lines.push(`  bare Fastify route       ${Math.round(bareRps)} req/s (runs: ${bareRuns.map(Math.round).join(', ')})`);
    for (const r of results) {
      if (typeof r === 'string') lines.push(r);
      else lines.push(`  ${r.name.padEnd(24)} ${r.rps.toFixed(1).padStart(7)} req/s  ${((100 * r.rps) / bareRps).toFixed(2).padStart(6)} % of bare  p95 ${r.p95.toFixed(0)} ms${r.errors ? `  (${r.errors} errors)` : ''}`);
    }
    lines.push(`  server RSS idle ${idle} MB, peak ${rssOf(pid).peak} MB (the 200 MB budget is for the embedded demo: bench:public)`);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    bare.child.kill('SIGTERM');
  }
  return lines;
}
