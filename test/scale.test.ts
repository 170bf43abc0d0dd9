/*
 * Issue 14, on PostgreSQL: the scale generator (bench/scale) fills what it is asked for, and on
 * its data — enough rows, ANALYZEd, so the planner chooses freely — no public page and no
 * dashboard reads records, versions, search rows or obligations with a sequential scan. Every
 * statement the pages send is captured with its parameters and EXPLAINed as it ran.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app/buildApp.ts';
import { loadDemoData } from '../src/app/demo.ts';
import { createUser } from '../src/domains/org/index.ts';
import { countGenerated, generateProvince, GENERATED_PREFIX } from '../bench/scale/generate.ts';
import { createTestDeps, databaseKinds, type TestDeps } from './support/db.ts';
import { Agent } from './support/http.ts';

const postgres = databaseKinds.find((k) => k.name === 'postgres');
// Ten districts, so a district is a tenth of the province (a real share, not half of it).
const SIZE = { districts: 10, communities: 400, records: 40_000 };
const BIG = new Set(['records', 'record_versions', 'record_search', 'compliance_obligations', 'compliance_disclosures', 'compliance_tallies']);
const DISTRICT = `${GENERATED_PREFIX}0001`;
/** Session, to-dos, calendar, organisations, staleness, figures, orders, cases: what a view needs. */
const DASHBOARD_STATEMENTS = 30;
const STREET = `${DISTRICT}001`;
const COMMUNITY = `${STREET}001`;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const seqScans = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' && node['Relation Name'] && BIG.has(node['Relation Name']) ? [node['Relation Name']] : []),
  ...(node.Plans ?? []).flatMap(seqScans),
];

describe.skipIf(!postgres)('a generated province on PostgreSQL', () => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let staff: Agent;
  let counts: Record<string, number>;

  beforeAll(async () => {
    deps = await createTestDeps(postgres!, { env: { PAGE_CACHE_MB: '0' } });
    const system = { id: null, name: 'test', ip: null };
    await loadDemoData(deps, system);
    await generateProvince(deps.db, SIZE);
    counts = await countGenerated(deps.db);
    await createUser(deps, { ...system, user: null }, { username: 'scale-admin', displayName: '区管理员', role: 'district_admin', orgCode: DISTRICT, password: 'Plan-Check-Pass-9' });
    app = await buildApp(deps, { logger: false });
    staff = new Agent(app);
    await staff.login('scale-admin', 'Plan-Check-Pass-9');
  }, 900_000);
  afterAll(async () => {
    await app?.close();
    await deps?.dispose();
  });

  it('holds the districts, streets, communities and records it was asked for, each findable', async () => {
    expect(counts).toMatchObject({ districts: 10, streets: 20, communities: 400, records: 40_000 });
    expect(counts.versions).toBeGreaterThanOrEqual(counts.records!);
    expect(counts.obligations).toBeGreaterThan(400 * 10);
    expect(counts.synced).toBe(400); // as after the daily job: a dashboard view syncs nothing
    expect(counts.catalog_items).toBeGreaterThan(0);
    // Every generated record that is published and not withdrawn has its search row, no other.
    const { rows } = await deps.db.executeSql(`select count(*)::int as n from records where district_code like '${GENERATED_PREFIX}%' and current_version is not null and withdrawn_at is null`);
    expect(counts.search_rows).toBe(rows[0]!.n);
    const found = await new Agent(app).get(`/search?org=${DISTRICT}&q=${encodeURIComponent('低保')}`);
    expect(found.body).toContain('下一页');
  });

  it('runs without JIT, which compiled a 5 ms search walk for 230 ms on a province', async () => {
    const { rows } = await deps.db.executeSql(`select current_setting('jit') as jit`);
    expect(rows[0]!.jit).toBe('off');
  });

  it('reads no large table sequentially on any public page or dashboard', async () => {
    const { rows } = await deps.db.executeSql(`select r.public_id, r.item_id from records r join organisations o on o.id = r.org_id where o.code = '${COMMUNITY}' and r.current_version is not null order by r.id limit 1`);
    const record = rows[0]!;
    const q = encodeURIComponent('低保');
    const pages: [Agent, string][] = [
      ...['/', `/o/${DISTRICT}`, `/o/${STREET}`, `/o/${COMMUNITY}`, `/o/${COMMUNITY}/items/${record.item_id}`, `/r/${record.public_id}`].map((u) => [new Agent(app), u] as [Agent, string]),
      ...[`/search?org=${DISTRICT}&q=${q}`, `/search?org=${DISTRICT}&q=${q}&page=2`, `/search?q=${q}`, `/search?org=${COMMUNITY}&q=${encodeURIComponent('党')}`, `/search?org=${STREET}&q=${encodeURIComponent('财务收支')}`].map((u) => [new Agent(app), u] as [Agent, string]),
      ...[`/feeds/${COMMUNITY}.rss`, `/feeds/${COMMUNITY}/items/${record.item_id}.rss`].map((u) => [new Agent(app), u] as [Agent, string]),
      ...[`/staff/compliance/s/${STREET}`, `/staff/compliance/d/${DISTRICT}`, `/staff/compliance/c/${COMMUNITY}`].map((u) => [staff, u] as [Agent, string]),
    ];
    const statements: { url: string; sql: string; params: unknown[] }[] = [];
    for (const [agent, url] of pages) {
      const stop = deps.db.observe((sql, params) => statements.push({ url, sql, params }));
      const res = await agent.get(url);
      stop();
      expect(res.statusCode, url).toBe(200);
    }
    const found: string[] = [];
    for (const s of statements.filter((s) => /^\s*(select|with)/i.test(s.sql) && [...BIG].some((t) => s.sql.includes(`"${t}"`)))) {
      const { rows: plan } = await deps.db.executeSql(`explain (format json) ${s.sql}`, s.params);
      const scans = seqScans((plan[0]!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan);
      if (scans.length > 0) found.push(`${s.url}: Seq Scan on ${scans.join(', ')} in ${s.sql.slice(0, 160)}`);
    }
    expect(statements.length).toBeGreaterThan(pages.length);
    expect(found).toEqual([]);
  }, 300_000);

  it('sends a few statements per dashboard view, not one per community, once the day is synced', async () => {
    const count = async (url: string) => {
      let n = 0;
      const stop = deps.db.observe(() => n++);
      const res = await staff.get(url);
      stop();
      expect(res.statusCode, url).toBe(200);
      return n;
    };
    // The street has 20 communities and the district 40: the same handful of statements for both,
    // the figures being one grouped statement (the earlier test's visits synced today).
    const counts = { matrix: await count(`/staff/compliance/s/${STREET}`), rollup: await count(`/staff/compliance/d/${DISTRICT}`) };
    expect(Math.max(counts.matrix, counts.rollup), JSON.stringify(counts)).toBeLessThanOrEqual(DASHBOARD_STATEMENTS);
  }, 300_000);
});
