/*
 * The measuring half of bench:scale: the app (page cache off, so every request reaches the
 * database) and a bare Fastify route, each in its own process, hit over sockets by autocannon.
 */
import { randomBytes, createHash } from 'node:crypto';
import { load, rssOf, settled, startBare } from '../public.bench.ts';
import { spawnServer } from '../../test/support/childServer.ts';
import { GENERATED_PREFIX } from './generate.ts';
import type { Database } from '../../src/platform/db.ts';

/** Where the generated province lives: the server env to point at it, and how to open it. */
export interface ScaleTarget {
  env: Record<string, string>;
  open(): Promise<Database>;
  drop?(): Promise<void>;
}

/** The first generated district, street and community: what every measured page looks at. */
export const DISTRICT = `${GENERATED_PREFIX}0001`;
export const STREET = `${DISTRICT}001`;
export const COMMUNITY = `${STREET}001`;

/**
 * A user of the generated data with a session: the token to send as the gk_session cookie. Made
 * in the database directly (the benchmark signs nobody in through the rate-limited login).
 */
export async function benchUser(db: Database, role: string, code: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  const name = `bench-${randomBytes(4).toString('hex')}`;
  await db.executeSql(`insert into users (username, display_name, password_hash, role, org_id, district_code, password_changed_at, created_at)
    select '${name}', '基准测试用户', password_hash, '${role}', o.id, o.district_code, now(), now()
    from users u, organisations o where u.username = 'changyi-admin' and o.code = '${code}'`);
  await db.executeSql(`insert into sessions (token_hash, user_id, created_at, last_seen_at) select '${hash}', id, now(), now() from users where username = '${name}'`);
  return token;
}

/** Admins of the first generated district and street with sessions the benchmark sends as cookies. */
async function benchSession(target: ScaleTarget): Promise<{ district: string; street: string; record: string; item: string }> {
  const db = await target.open();
  try {
    const district = await benchUser(db, 'district_admin', DISTRICT);
    const street = await benchUser(db, 'street_admin', STREET);
    const { rows } = await db.executeSql(`select r.public_id, r.item_id from records r join organisations o on o.id = r.org_id where o.code = '${COMMUNITY}' and r.current_version is not null and r.withdrawn_at is null order by r.first_published_at desc limit 1`);
    return { district, street, record: String(rows[0]!.public_id), item: String(rows[0]!.item_id) };
  } finally {
    await db.close();
  }
}

/** A page: its name, address, whose session it sends (none: anonymous) and how many connections load it. */
type Page = [name: string, path: string, as: 'district' | 'street' | null, connections?: number];

/** Every scope a resident can search (portal, district, street, community) for each common word. */
function searchPages(): Page[] {
  const scopes: [string, string][] = [['all', ''], ['district', DISTRICT], ['street', STREET], ['community', COMMUNITY]];
  return ['低保', '财务', '公示'].flatMap((word) =>
    scopes.map(([name, code]): Page => [`search ${word} ${name}`, `/search?${code ? `org=${code}&` : ''}q=${encodeURIComponent(word)}`, null]),
  );
}

/**
 * Waits (at most `limitS` seconds) until PostgreSQL has had, for two seconds running, no
 * autovacuum worker and no statement active for over a second in this database: after a
 * generation of tens of GB, autovacuum and the server's start-up jobs would otherwise share the
 * disk and the cores with the first pages measured. The embedded database has no one else.
 */
async function databaseSettled(target: ScaleTarget, limitS = 600): Promise<string> {
  // The embedded database is the server's alone (its directory is locked while it runs).
  if (!target.env.DATABASE_URL) return 'database: embedded';
  const db = await target.open();
  try {
    let quiet = 0;
    for (let s = 1; s <= limitS; s++) {
      const { rows } = await db.executeSql(`select count(*)::int as busy from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
        and (backend_type = 'autovacuum worker' or (state = 'active' and now() - query_start > interval '1 second'))`);
      quiet = Number(rows[0]!.busy) === 0 ? quiet + 1 : 0;
      if (quiet === 2) return `database settled after ${s} s`;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return `database still busy after ${limitS} s (measured anyway)`;
  } finally {
    await db.close();
  }
}

/** Every page (or those whose name includes `only`) over sockets beside a bare route. */
export async function measure(target: ScaleTarget, seconds: number, only?: string): Promise<string[]> {
  const sessions = await benchSession(target);
  const { record, item } = sessions;
  const q = encodeURIComponent('低保');
  // Dashboards also at one connection: a few staff look at a time, unlike a shared public link.
  const pages: Page[] = [
    ['home /', '/', null],
    ['district /o/…', `/o/${DISTRICT}`, null],
    ['street /o/…', `/o/${STREET}`, null],
    ['community /o/…', `/o/${COMMUNITY}`, null],
    ['item page', `/o/${COMMUNITY}/items/${item}`, null],
    ['record /r/…', `/r/${record}`, null],
    ...searchPages(),
    ['search 低保 district p3', `/search?org=${DISTRICT}&q=${q}&page=3`, null],
    // One search alone: at 10 connections on 2 cores the p95 above is mostly waiting in line.
    ['search 低保 all, 1 conn', `/search?q=${q}`, null, 1],
    ['search 低保 street, 1 conn', `/search?org=${STREET}&q=${q}`, null, 1],
    ['feed .rss', `/feeds/${COMMUNITY}.rss`, null],
    ['street matrix', `/staff/compliance/s/${STREET}`, 'district'],
    ['street matrix, 1 conn', `/staff/compliance/s/${STREET}`, 'district', 1],
    ['matrix, street admin', `/staff/compliance/s/${STREET}`, 'street'],
    ['matrix, street admin, 1', `/staff/compliance/s/${STREET}`, 'street', 1],
    ['district roll-up', `/staff/compliance/d/${DISTRICT}`, 'district'],
    ['district roll-up, 1 conn', `/staff/compliance/d/${DISTRICT}`, 'district', 1],
    ['community compliance', `/staff/compliance/c/${COMMUNITY}`, 'district'],
  ];
  const bare = await startBare();
  const bareRuns = [(await load(bare.url, seconds)).rps];
  const server = spawnServer({ ...target.env, DEMO_DATA: 'off', PAGE_CACHE_MB: '0', LOG_LEVEL: 'warn' });
  const lines = [`Scale pages over sockets (autocannon, 10 connections unless named, ${seconds} s each, page cache off)`];
  const results: (string | { name: string; rps: number; p95: number; errors: number })[] = [];
  try {
    const base = await server.ready;
    const pid = server.child.pid!;
    console.log(`  ${await settled(pid)}`);
    console.log(`  ${await databaseSettled(target)}`);
    const idle = rssOf(pid).now;
    for (const [name, path, as, connections] of pages.filter(([name]) => !only || name.includes(only))) {
      const headers: Record<string, string> = as ? { cookie: `gk_session=${sessions[as]}` } : {};
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
      const r = await load(base + path, seconds, headers, undefined, connections);
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
