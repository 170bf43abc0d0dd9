/*
 * The scale generator's SQL (issue 14): grows a province out of the demo's 昌邑区, server-side.
 * The demo (real catalogs, a year of obligations, reviewed records, record_search rows) is loaded
 * first through the product's own code; every generated community then gets a copy of one of
 * 昌邑区's five demo communities, its records repeated (a few hours apart) up to the wanted count.
 * Everything is INSERT … SELECT over generate_series inside the database: no rows cross the wire,
 * no new dependency (pg-copy-streams is not installed), and the same SQL runs on PGlite.
 * Columns are read from information_schema, so a column added later is copied as the template
 * has it without touching this file. Not product code: the product never clones organisations.
 */
import type { Database } from '../../src/platform/db.ts';

export interface ScaleSize {
  districts: number;
  communities: number;
  records: number;
  /** Communities per street (20 unless asked; the dashboard benchmark asks for 500). */
  perStreet?: number;
}

const TEMPLATE_DISTRICT = '220202';
/** Generated codes start with 99 (no real province has it), so they never meet the demo's. */
const PROVINCE = '99';
const DEFAULT_PER_STREET = 20;

/** Work tables of one run (unlogged: rebuilt if lost, never needed after it). */
const GEN_TABLES = ['gen_tmpl', 'gen_place', 'gen_community', 'gen_item', 'gen_tmpl_record', 'gen_record', 'gen_obligation'];

const BULK = ['records', 'record_versions', 'record_search', 'compliance_obligations', 'compliance_disclosures'];

/** `alone`: without the bulk settings (VACUUM refuses to run in their implicit transaction). */
type Run = (text: string, opts?: { alone?: boolean }) => Promise<Record<string, unknown>[]>;

const q = (name: string) => `"${name}"`;

async function columnsOf(run: Run, table: string): Promise<string[]> {
  const rows = await run(`select column_name from information_schema.columns where table_schema = 'public' and table_name = '${table}' order by ordinal_position`);
  return rows.map((r) => String(r.column_name));
}

/** insert into `table` every column of the template row `t`, some replaced by expressions. */
async function copyRows(run: Run, table: string, overrides: Record<string, string>, from: string): Promise<void> {
  const cols = (await columnsOf(run, table)).filter((c) => c !== 'id' || 'id' in overrides);
  const values = cols.map((c) => overrides[c] ?? `t.${q(c)}`);
  await run(`insert into ${table} (${cols.map(q).join(', ')}) select ${values.join(', ')} from ${from}`);
}

type Step = [string, () => Promise<void>];

/** Districts, streets and communities (each community names its template), then their catalogs. */
function treeSteps(run: Run, size: ScaleSize): Step[] {
  const perDistrict = Math.ceil(size.communities / size.districts);
  const perStreet = size.perStreet ?? DEFAULT_PER_STREET;
  return [
    ['organisations', async () => {
      await run(GEN_TABLES.map((t) => `drop table if exists ${t}`).join('; '));
      await run(`create unlogged table gen_tmpl as
        select row_number() over (order by c.id) - 1 as k, c.id from organisations c join organisations d on c.path like d.path || '%'
        where d.code = '${TEMPLATE_DISTRICT}' and c.kind = 'community'`);
      await run(`insert into organisations (code, name, kind, parent_id, path, district_code, created_at)
        select code, '生成' || d || '区', 'district', null, '/' || code || '/', code, now()
        from (select d, '${PROVINCE}' || lpad(d::text, 4, '0') as code from generate_series(1, ${size.districts}) d) s`);
      await run(`create unlogged table gen_place as
        select i, '${PROVINCE}' || lpad((1 + (i - 1) / ${perDistrict})::text, 4, '0') as district,
               lpad((1 + ((i - 1) % ${perDistrict}) / ${perStreet})::text, 3, '0') as street,
               lpad((1 + (i - 1) % ${perStreet})::text, 3, '0') as community
        from generate_series(1, ${size.communities}) i`);
      await run(`insert into organisations (code, name, kind, parent_id, path, district_code, created_at)
        select distinct on (p.district, p.street) p.district || p.street, '第' || p.street::int || '街道', 'street', d.id, d.path || p.district || p.street || '/', p.district, now()
        from gen_place p join organisations d on d.code = p.district order by p.district, p.street`);
      await run(`insert into organisations (code, name, kind, parent_id, path, district_code, created_at)
        select p.district || p.street || p.community, '第' || p.street::int || '街道' || p.community::int || '社区', 'community', s.id, s.path || p.district || p.street || p.community || '/', p.district, now()
        from gen_place p join organisations s on s.code = p.district || p.street`);
      await run(`create unlogged table gen_community as
        select c.id as org_id, c.path, c.district_code, d.id as district_id, tm.id as tmpl_id
        from gen_place p join organisations c on c.code = p.district || p.street || p.community
        join organisations d on d.code = p.district join gen_tmpl tm on tm.k = (p.i - 1) % (select count(*) from gen_tmpl)`);
    }],
    ['catalogs', async () => {
      await copyRows(run, 'catalogs', { owner_org_id: 'd.id', district_code: 'd.code' }, `catalogs t join organisations o on o.id = t.owner_org_id and o.code = '${TEMPLATE_DISTRICT}' and t.status = 'active' join organisations d on d.kind = 'district' and d.code like '${PROVINCE}%'`);
      await copyRows(run, 'catalog_items', { catalog_id: 'c.id', district_code: 'c.district_code' }, `catalog_items t join catalogs tc on tc.id = t.catalog_id and tc.status = 'active' join organisations o on o.id = tc.owner_org_id and o.code = '${TEMPLATE_DISTRICT}' join catalogs c on c.district_code like '${PROVINCE}%'`);
      await run(`create unlogged table gen_item as
        select d.id as district_id, ti.id as tmpl_item_id, ni.id as item_id
        from catalog_items ti join catalogs tc on tc.id = ti.catalog_id and tc.status = 'active' join organisations o on o.id = tc.owner_org_id and o.code = '${TEMPLATE_DISTRICT}'
        join catalogs nc on nc.district_code like '${PROVINCE}%' join organisations d on d.id = nc.owner_org_id
        join catalog_items ni on ni.catalog_id = nc.id and ni.item_key = ti.item_key and ni.seq = ti.seq`);
      await run(`create index on gen_item (district_id, tmpl_item_id)`);
    }],
  ];
}

/** How far back copy j of a template record moves in community c (see 'id maps' below). */
const COPY_SHIFT = "case when j = 0 then interval '0' else j * interval '5 hours' + ((c.org_id * 7919 + j * 104729) % 86400) * interval '1 minute' end";

/** Records, versions, search rows, obligations and disclosures, copied from each community's template. */
function rowSteps(run: Run, size: ScaleSize, progress: (line: string) => void): Step[] {
  const perCommunity = Math.max(1, Math.floor(size.records / size.communities));
  const dropped: string[] = [];
  return [
    ['id maps', async () => {
      await run(`create unlogged table gen_tmpl_record as select r.id, r.org_id, coalesce(r.first_published_at, r.created_at) as at, row_number() over (partition by r.org_id order by r.id) - 1 as rn, count(*) over (partition by r.org_id) as n from records r join gen_tmpl tm on tm.id = r.org_id`);
      // A copy (j ≥ 1) moves back j × 5 hours plus up to 60 days, different per community, so the
      // newest rows of a province mix many template records instead of 10,000 copies of one
      // (j = 0 keeps its template's times: its obligations were fulfilled by those). Ids are
      // handed out oldest first and batches insert in id order, so the tables lie in publication
      // order on disk as a real database's do.
      await run(`create unlogged table gen_record as
        select s.*, nextval('records_id_seq') as id from (
          select tr.id as tmpl_id, c.org_id, c.path, c.district_code, c.district_id, j,
            ${COPY_SHIFT} as shift, tr.at
          from gen_community c join gen_tmpl_record tr on tr.org_id = c.tmpl_id
          cross join lateral generate_series(0, ceil(${perCommunity}::numeric / tr.n)::int - 1) j
          where tr.rn + j * tr.n < ${perCommunity}
          order by tr.at - (${COPY_SHIFT})
        ) s`);
      await run(`create index on gen_record (tmpl_id, org_id) where j = 0`);
      await run(`create index on gen_record (id)`);
      await run(`create unlogged table gen_obligation as
        select o.id as tmpl_id, c.org_id, c.district_code, c.district_id, nextval('compliance_obligations_id_seq') as id
        from compliance_obligations o join gen_community c on c.tmpl_id = o.org_id`);
      await run(`create index on gen_obligation (tmpl_id, org_id)`);
      await run(`analyze gen_record; analyze gen_obligation`);
    }],
    ['drop indexes', async () => {
      // Building an index once is far cheaper than updating it per row (the GIN one above all).
      const tables = BULK.map((t) => `'${t}'`).join(', ');
      const rows = await run(`select i.indexname, i.indexdef from pg_indexes i join pg_class c on c.relname = i.indexname join pg_index x on x.indexrelid = c.oid
        where i.schemaname = 'public' and i.tablename in (${tables}) and not x.indisunique and not x.indisprimary`);
      dropped.push(...rows.map((r) => String(r.indexdef)));
      for (const r of rows) await run(`drop index ${q(String(r.indexname))}`);
    }],
    // ---- obligations: the one step that writes compliance_obligations (a trigger the compliance
    // domain adds there must keep working: rows go in with plain INSERT … SELECT, never COPY FREEZE
    // or session_replication_role tricks). ----
    ['obligations', async () => {
      await copyRows(run, 'compliance_obligations', {
        id: 'g.id', org_id: 'g.org_id', district_code: 'g.district_code', item_id: 'coalesce(gi.item_id, t.item_id)',
        fulfilled_record_id: 'gr.id::text',
      }, `compliance_obligations t join gen_obligation g on g.tmpl_id = t.id left join gen_item gi on gi.district_id = g.district_id and gi.tmpl_item_id = t.item_id
         left join gen_record gr on gr.j = 0 and gr.tmpl_id::text = t.fulfilled_record_id and gr.org_id = g.org_id`);
      // As on any day after the daily job ran: each community synced when its template was, so
      // a dashboard view measures its counts, not a first-of-the-day sync of 10,000 communities.
      await run(`insert into compliance_sync (org_id, district_code, adopted_on, catalog_id, synced_on, synced_at)
        select g.org_id, g.district_code, s.adopted_on, nc.id, s.synced_on, s.synced_at
        from gen_community g join compliance_sync s on s.org_id = g.tmpl_id join catalogs nc on nc.owner_org_id = g.district_id and nc.status = 'active'
        on conflict (org_id) do nothing`);
    }],
    ['records', () => inBatches(run, progress, async (range) => {
      const shift = '- g.shift';
      await copyRows(run, 'records', {
        id: 'g.id', public_id: `'z' || lpad(to_hex(g.id), 7, '0')`, org_id: 'g.org_id', org_path: 'g.path', district_code: 'g.district_code',
        item_id: 'coalesce(gi.item_id, t.item_id)', obligation_id: 'case when g.j = 0 then go.id::text end',
        created_at: `t.created_at ${shift}`, first_published_at: `t.first_published_at ${shift}`,
      }, `records t join gen_record g on g.tmpl_id = t.id and ${range} left join gen_item gi on gi.district_id = g.district_id and gi.tmpl_item_id = t.item_id
         left join gen_obligation go on go.tmpl_id::text = t.obligation_id and go.org_id = g.org_id order by g.id`);
      await copyRows(run, 'record_versions', {
        record_id: 'g.id', district_code: 'g.district_code', published_at: `t.published_at ${shift}`, updated_at: `t.updated_at ${shift}`,
      }, `record_versions t join gen_record g on g.tmpl_id = t.record_id and ${range} order by g.id`);
      // The template's search row (masked, normalised text and grams) is copied, not recomputed.
      await copyRows(run, 'record_search', { record_id: 'g.id', org_id: 'g.org_id', org_path: 'g.path', published_at: `t.published_at ${shift}` }, `record_search t join gen_record g on g.tmpl_id = t.record_id and ${range} order by g.id`);
      await copyRows(run, 'compliance_disclosures', {
        record_id: 'g.id::text', org_id: 'g.org_id', district_code: 'g.district_code', item_id: 'coalesce(gi.item_id, t.item_id)',
        obligation_id: 'case when g.j = 0 then go.id end', published_at: `t.published_at ${shift}`, published_on: `(t.published_at ${shift})::date`,
      }, `compliance_disclosures t join gen_record g on g.tmpl_id::text = t.record_id and ${range} left join gen_item gi on gi.district_id = g.district_id and gi.tmpl_item_id = t.item_id
         left join gen_obligation go on go.tmpl_id = t.obligation_id and go.org_id = g.org_id order by g.id`);
    })],
    ['rebuild indexes', async () => {
      for (const def of dropped.splice(0)) {
        const started = performance.now();
        await run(def);
        progress(`    ${def.replace(/^CREATE INDEX (\S+) ON .*$/, '$1')} ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }],
    ['vacuum', async () => {
      await run(GEN_TABLES.map((t) => `drop table if exists ${t}`).join('; '));
      // Vacuum, not only analyze: autovacuum would otherwise visit every table just filled (its
      // insert threshold) while the benchmark measures, and until it has, index-only scans still
      // read the heap. The big tables only: a whole-database VACUUM would also walk the schemas of
      // tests running beside it.
      await run(`vacuum ${[...BULK, 'compliance_tallies', 'compliance_sync'].join(', ')}`, { alone: true });
      await run('analyze');
    }],
  ];
}

/** Records per batch: one statement per table per batch, so a 10M run reports progress and no transaction grows huge. */
const BATCH = 500_000;

/** Runs `step` once per range of generated record ids (`g.id between …`), printing records/s as it goes. */
async function inBatches(run: Run, progress: (line: string) => void, step: (range: string) => Promise<void>): Promise<void> {
  const [bounds] = await run('select min(id) as lo, max(id) as hi from gen_record');
  const lo = Number(bounds!.lo);
  const hi = Number(bounds!.hi);
  const started = performance.now();
  for (let from = lo; from <= hi; from += BATCH) {
    await step(`g.id between ${from} and ${Math.min(hi, from + BATCH - 1)}`);
    const done = Math.min(hi, from + BATCH - 1) - lo + 1;
    const seconds = (performance.now() - started) / 1000;
    progress(`    records ${done.toLocaleString('en-US')} / ${(hi - lo + 1).toLocaleString('en-US')}  ${Math.round(done / seconds).toLocaleString('en-US')} records/s`);
  }
}

/*
 * Session settings for a bulk load on PostgreSQL (a benchmark database: losing the last commits
 * in a crash costs a re-run): no wait for the WAL flush per commit, and memory for the sorts of
 * the index builds at the end. Sent with every statement because the pool may hand out any connection.
 */
const BULK_SETTINGS = "set synchronous_commit = off; set maintenance_work_mem = '1GB'; set max_parallel_maintenance_workers = 2; set work_mem = '256MB'; ";

/** Grows the database; returns seconds per step. The demo must already be loaded. */
export async function generateProvince(db: Database, size: ScaleSize, progress: (line: string) => void = () => {}): Promise<Record<string, number>> {
  const run: Run = async (text, opts) => {
    if (db.kind !== 'postgres' || opts?.alone) return (await db.executeSql(text)).rows;
    // Several statements in one call: pg answers with one result each; the last is the query's.
    const results = (await db.executeSql(BULK_SETTINGS + text)) as unknown as { rows: Record<string, unknown>[] }[];
    return results.at(-1)!.rows;
  };
  const took: Record<string, number> = {};
  for (const [name, step] of [...treeSteps(run, size), ...rowSteps(run, size, progress)]) {
    const started = performance.now();
    await step();
    took[name] = (performance.now() - started) / 1000;
    progress(`  ${name.padEnd(14)} ${took[name]!.toFixed(1)} s`);
  }
  return took;
}

/** Rows per generated table, for the summary and the smoke test. */
export async function countGenerated(db: Database): Promise<Record<string, number>> {
  const p = `'${PROVINCE}%'`;
  const { rows } = await db.executeSql(`select
    (select count(*) from organisations where code like ${p} and kind = 'district') as districts,
    (select count(*) from organisations where code like ${p} and kind = 'street') as streets,
    (select count(*) from organisations where code like ${p} and kind = 'community') as communities,
    (select count(*) from catalog_items where district_code like ${p}) as catalog_items,
    (select count(*) from compliance_obligations where district_code like ${p}) as obligations,
    (select count(*) from compliance_sync where district_code like ${p}) as synced,
    (select count(*) from records where district_code like ${p}) as records,
    (select count(*) from record_versions where district_code like ${p}) as versions,
    (select count(*) from record_search s join records r on r.id = s.record_id where r.district_code like ${p}) as search_rows`);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

export const GENERATED_PREFIX = PROVINCE;
