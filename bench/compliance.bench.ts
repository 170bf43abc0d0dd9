import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { loadConfig } from '../src/platform/config.ts';
import { FixedClock } from '../src/platform/clock.ts';
import type { Deps } from '../src/platform/context.ts';
import { insertOrg, type OrgRow, type SessionUser } from '../src/domains/org/repository.ts';
import { streetMatrix } from '../src/domains/compliance/streetMatrix.ts';
import { districtRollup } from '../src/domains/compliance/districtRollup.ts';

/*
 * The dashboards on a generated district: streets × 50 communities (500 and 2,000 communities),
 * 30 items, one obligation per item and month of 2026 (180,000 and 720,000 obligations), every
 * community synced today as the daily job leaves it. Each figure is reported against a bare
 * `select 1` round trip measured in the same run on the same database. The 2,000 size runs on
 * PostgreSQL only (PGlite is the single-community demo database).
 *   node --import tsx bench/compliance.bench.ts   (PostgreSQL too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 */

const PER_STREET = 50;
const ITEMS = 30;
const DISTRICT = '990100';
const TODAY = '2026-11-20';

async function generate(db: Database, streetCount: number): Promise<{ district: OrgRow; streets: OrgRow[] }> {
  const at = new Date('2026-01-01T00:00:00+08:00');
  // A data generator: organisations straight through the org repository, no audit entries.
  return db.transaction(async (tx) => {
    const district = await insertOrg(tx, { code: DISTRICT, name: '基准测试区', kind: 'district', parentId: null, path: `/${DISTRICT}/`, districtCode: DISTRICT, createdAt: at });
    const streets: OrgRow[] = [];
    const communityIds: number[] = [];
    for (let s = 1; s <= streetCount; s++) {
      const code = `${DISTRICT}${String(s).padStart(3, '0')}`;
      const street = await insertOrg(tx, { code, name: `第${s}街道`, kind: 'street', parentId: district.id, path: `${district.path}${code}/`, districtCode: DISTRICT, createdAt: at });
      streets.push(street);
      for (let c = 1; c <= PER_STREET; c++) {
        const cc = `${code}${String(c).padStart(3, '0')}`;
        communityIds.push((await insertOrg(tx, { code: cc, name: `第${s}街道第${c}社区`, kind: 'community', parentId: street.id, path: `${street.path}${cc}/`, districtCode: DISTRICT, createdAt: at })).id);
      }
    }
    // 70 % published on time, 10 % late, the rest open: overdue or upcoming as of 2026-11-20.
    await tx.execute(sql`
      insert into compliance_obligations (district_code, org_id, item_key, item_id, item_name, item_seq, kind, natural_key, period_key,
        anchor_on, basis, due_state, due_on, ref_on, explanation, calendar_version, computed_from, fulfilled_on, created_at)
      select ${DISTRICT}, o.id, 'bench|事项' || i, i, '基准事项' || i, i, 'periodic', 'period:2026-' || lpad(m::text, 2, '0'), '2026-' || lpad(m::text, 2, '0'),
        make_date(2026, m, 1), '{"rules":[],"promptDays":null}'::jsonb, 'dated', make_date(2026, m, 1) + 19, make_date(2026, m, 1) + 19,
        '基准测试数据', 0, 'bench',
        case when (o.id * 31 + i * 7 + m) % 10 < 7 then make_date(2026, m, 1) + 10 when (o.id * 31 + i * 7 + m) % 10 < 8 then make_date(2026, m, 1) + 25 end,
        now()
      from unnest(${`{${communityIds.join(',')}}`}::bigint[]) as o(id) cross join generate_series(1, ${ITEMS}) as i cross join generate_series(1, 12) as m`);
    // Synced today, as the daily job leaves every community: a view then syncs nothing.
    await tx.execute(sql`insert into compliance_sync (org_id, district_code, adopted_on, catalog_id, synced_on, synced_at)
      select id, ${DISTRICT}, '2026-01-01', 0, ${TODAY}, now() from unnest(${`{${communityIds.join(',')}}`}::bigint[]) as o(id)`);
    await tx.execute(sql`analyze compliance_obligations`);
    return { district, streets };
  });
}

async function timings(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < Math.min(5, runs); i++) await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(runs * 0.5)]!, p95: ms[Math.min(runs - 1, Math.floor(runs * 0.95))]! };
}

const f = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`.padStart(9);

async function benchOn(name: string, db: Database, streetCount: number): Promise<string[]> {
  await migrate(db);
  const { district, streets } = await generate(db, streetCount);
  const n = (streetCount * PER_STREET).toLocaleString('en-US');
  const deps: Deps = { db, clock: new FixedClock(`${TODAY}T09:00:00+08:00`), config: loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-bench-')), LOG_LEVEL: 'silent' }) };
  const admin = { id: 0, username: 'bench', displayName: '基准', role: 'district_admin', orgId: district.id, orgCode: district.code, orgName: district.name, orgKind: 'district', orgPath: district.path, districtCode: DISTRICT } satisfies SessionUser;
  const select1 = await timings(200, () => db.orm.execute(sql`select 1`));
  const year = await timings(40, () => streetMatrix(deps, admin, streets[3]!, '2026'));
  const month = await timings(40, () => streetMatrix(deps, admin, streets[3]!, '2026-10'));
  const wide = await timings(20, () => streetMatrix(deps, admin, district, '2026'));
  const rollup = await timings(20, () => districtRollup(deps, admin, district, '2026'));
  const ratio = (t: { p50: number }) => `${(t.p50 / select1.p50).toFixed(0)}× select 1`;
  const line = (label: string, t: { p50: number; p95: number }) => `  ${name.padEnd(10)} ${n.padStart(5)} ${label.padEnd(34)} p50 ${f(t.p50)}  p95 ${f(t.p95)}  (${ratio(t)})`;
  return [
    `  ${name.padEnd(10)} ${n.padStart(5)} ${'select 1 round trip'.padEnd(34)} p50 ${f(select1.p50)}  p95 ${f(select1.p95)}`,
    line(`street matrix, year (${PER_STREET} communities)`, year),
    line(`street matrix, month (${PER_STREET} communities)`, month),
    line('district-wide matrix, year', wide),
    line('district roll-up, year', rollup),
  ];
}

async function withPostgres<T>(url: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const name = `gk_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: target.toString() });
  try {
    return await fn(db);
  } finally {
    await db.close();
    await admin.query(`drop database if exists ${name}`);
    await admin.end();
  }
}

export async function runComplianceBench(): Promise<string[]> {
  const lines = [`compliance: dashboards of a generated district (communities × ${ITEMS} items × 12 months; a street has ${PER_STREET} communities; targets: matrix p95 ≤ 50 ms, roll-up p95 ≤ 100 ms)`];
  const pglite = await openDatabase({ kind: 'pglite', dir: null });
  try {
    lines.push(...(await benchOn('PGlite', pglite, 10)));
  } finally {
    await pglite.close();
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) for (const streets of [10, 40]) lines.push(...(await withPostgres(url, (db) => benchOn('PostgreSQL', db, streets))));
  else lines.push('  PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to include it');
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const line of await runComplianceBench()) console.log(line);
}
