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
 * The street matrix on a generated district: 10 streets × 50 communities = 500 communities,
 * 30 items, one obligation per item and month of 2026 = 180,000 obligations. Each figure is
 * reported against a bare `select 1` round trip measured in the same run on the same database.
 *   node --import tsx bench/compliance.bench.ts   (PostgreSQL too when BENCH_DATABASE_URL or TEST_DATABASE_URL is set)
 */

const STREETS = 10;
const PER_STREET = 50;
const ITEMS = 30;
const DISTRICT = '990100';

async function generate(db: Database): Promise<{ district: OrgRow; streets: OrgRow[] }> {
  const at = new Date('2026-01-01T00:00:00+08:00');
  // A data generator: organisations straight through the org repository, no audit entries.
  return db.transaction(async (tx) => {
    const district = await insertOrg(tx, { code: DISTRICT, name: '基准测试区', kind: 'district', parentId: null, path: `/${DISTRICT}/`, districtCode: DISTRICT, createdAt: at });
    const streets: OrgRow[] = [];
    const communityIds: number[] = [];
    for (let s = 1; s <= STREETS; s++) {
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

async function benchOn(name: string, db: Database): Promise<string[]> {
  await migrate(db);
  const { district, streets } = await generate(db);
  const deps: Deps = { db, clock: new FixedClock('2026-11-20T09:00:00+08:00'), config: loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-bench-')), LOG_LEVEL: 'silent' }) };
  const admin = { id: 0, username: 'bench', displayName: '基准', role: 'district_admin', orgId: district.id, orgCode: district.code, orgName: district.name, orgKind: 'district', orgPath: district.path, districtCode: DISTRICT } satisfies SessionUser;
  const select1 = await timings(200, () => db.orm.execute(sql`select 1`));
  const year = await timings(40, () => streetMatrix(deps, admin, streets[3]!, '2026'));
  const month = await timings(40, () => streetMatrix(deps, admin, streets[3]!, '2026-10'));
  const rollup = await timings(15, () => districtRollup(deps, admin, district, '2026'));
  const ratio = (t: { p50: number }) => `${(t.p50 / select1.p50).toFixed(0)}× select 1`;
  return [
    `  ${name.padEnd(10)} select 1 round trip          p50 ${f(select1.p50)}  p95 ${f(select1.p95)}`,
    `  ${name.padEnd(10)} street matrix, year (18,000)  p50 ${f(year.p50)}  p95 ${f(year.p95)}  (${ratio(year)})`,
    `  ${name.padEnd(10)} street matrix, month (1,500)  p50 ${f(month.p50)}  p95 ${f(month.p95)}  (${ratio(month)})`,
    `  ${name.padEnd(10)} district roll-up (180,000)    p50 ${f(rollup.p50)}  p95 ${f(rollup.p95)}  (${ratio(rollup)})`,
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
  const lines = [`compliance: street matrix of a generated district (${STREETS * PER_STREET} communities × ${ITEMS} items × 12 months = ${(STREETS * PER_STREET * ITEMS * 12).toLocaleString('en-US')} obligations; a street has ${PER_STREET} communities)`];
  const pglite = await openDatabase({ kind: 'pglite', dir: null });
  try {
    lines.push(...(await benchOn('PGlite', pglite)));
  } finally {
    await pglite.close();
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) lines.push(...(await withPostgres(url, (db) => benchOn('PostgreSQL', db))));
  else lines.push('  PostgreSQL skipped: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to include it');
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const line of await runComplianceBench()) console.log(line);
}
