/*
 * Scale benchmark (issue 14): generate a province, then measure every public page and the
 * dashboards over real sockets beside a bare Fastify route in the same run.
 *
 *   npm run bench:scale -- --preset district              # 2,000 communities, 200k records, PostgreSQL
 *   npm run bench:scale -- --communities 10000 --records 10000000
 *   npm run bench:scale -- --preset embedded              # PGlite
 *   npm run bench:scale -- --preset smoke --no-measure    # seconds; what the CI smoke test runs
 *   npm run bench:scale -- --preset district --per-street 500 --name dash   # a 500-community street matrix
 *   npm run bench:scale -- --preset province --keep-data --only matrix     # measure again, only pages named …matrix…
 * PostgreSQL: a database gk_scale_<preset> is (re)created beside SCALE_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) and kept for EXPLAIN and later runs (--keep-data reuses it;
 * `--communities …` names it gk_scale_custom, `--preset province` gk_scale_province).
 *
 * Measured 2026-11-28 on a 2-core box, 10 districts / 500 streets / 10,000 communities / 10M records:
 * generated in 19 min (records 552 s, index rebuild 521 s), database 32 GB. Over sockets (10
 * connections, page cache off, server settled after its start-up jobs, bare route 54,054 req/s in
 * the same run) p95: home 121 ms, community page 30, record page 30, search 80–128 (108–194
 * req/s; one 低保 search alone 12–19 ms), feed 147, street matrix 31–33 (3 alone), district
 * roll-up 70 (7 alone). Generated again later that day on a slower box (bare route 41,435 req/s),
 * now with the vacuum (52 s; 22 min in all), and measured once PostgreSQL had settled too: home
 * 189, community 40, record 43, search 87–166 (one 低保 alone 16–19), feed 171, street matrix
 * 43–47 (5 alone), district roll-up 101 (12 alone). A run while another process used a core
 * gave search 154–256: at 10 connections on 2 cores the p95 is mostly waiting in line.
 * `bench/scale/profile.ts` shows one page's statements and CPU profile on the same database.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../src/platform/db.ts';
import { runGongkai } from '../../test/support/childServer.ts';
import { countGenerated, generateProvince, type ScaleSize } from './generate.ts';
import { measure, type ScaleTarget } from './measure.ts';

export const PRESETS: Record<string, ScaleSize & { embedded?: boolean }> = {
  smoke: { districts: 1, communities: 20, records: 400 },
  embedded: { districts: 1, communities: 200, records: 20_000, embedded: true },
  district: { districts: 1, communities: 2_000, records: 200_000 },
  province: { districts: 10, communities: 10_000, records: 10_000_000 },
};


/** A fresh PostgreSQL database named for the run, or a PGlite data directory. */
export async function scaleTarget(name: string, embedded: boolean, reuse = false): Promise<ScaleTarget> {
  if (embedded) {
    const dir = reuse ? join(tmpdir(), `gk-scale-${name}`) : mkdtempSync(join(tmpdir(), `gk-scale-${name}-`));
    return { env: { DATA_DIR: dir, DATABASE_URL: '' }, open: () => openDatabase({ kind: 'pglite', dir: join(dir, 'db') }) };
  }
  const server = new URL(process.env.SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const db = `gk_scale_${name.replace(/\W/g, '_')}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  if (!reuse) {
    await admin.query(`drop database if exists ${db} with (force)`);
    await admin.query(`create database ${db}`);
  }
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${db}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ kind: 'postgres', url: url.toString() }),
    async drop() {
      const c = new pg.Client({ connectionString: server.toString() });
      await c.connect();
      await c.query(`drop database if exists ${db} with (force)`);
      await c.end();
    },
  };
}

/** Loads the demo through the product (`gongkai demo`), then grows it to `size`. */
export async function fillScale(target: ScaleTarget, size: ScaleSize, log: (line: string) => void = console.log): Promise<Record<string, number>> {
  const started = performance.now();
  const demo = await runGongkai(['demo'], { ...target.env, LOG_LEVEL: 'warn' }, 600_000);
  if (demo.code !== 0) throw new Error(`gongkai demo failed:\n${demo.out}\n${demo.err}`);
  log(`  demo loaded   ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const db = await target.open();
  try {
    const generating = performance.now();
    await generateProvince(db, size, log);
    const counts = await countGenerated(db);
    const seconds = (performance.now() - generating) / 1000;
    log(`  generated ${Object.entries(counts).map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`).join(', ')} in ${seconds.toFixed(1)} s (${Math.round(counts.records! / seconds).toLocaleString('en-US')} records/s)`);
    return counts;
  } finally {
    await db.close();
  }
}

function parseArgs(argv: string[]) {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const preset = value('--preset') ?? (value('--communities') ? 'custom' : 'smoke');
  const base = PRESETS[preset] ?? { ...PRESETS.province! };
  const size = {
    districts: Number(value('--districts') ?? base.districts),
    communities: Number(value('--communities') ?? base.communities),
    records: Number(value('--records') ?? base.records),
    perStreet: value('--per-street') ? Number(value('--per-street')) : undefined,
  };
  if (!(size.districts >= 1 && size.communities >= size.districts && size.records >= size.communities)) throw new Error('需要 districts ≥ 1、communities ≥ districts、records ≥ communities');
  // --name keeps a run's database apart from another's of the same preset (gk_scale_<name>).
  return { preset, name: value('--name') ?? preset, size, embedded: argv.includes('--embedded') || !!base.embedded, measure: !argv.includes('--no-measure'), reuse: argv.includes('--keep-data'), seconds: Number(value('--seconds') ?? 5), only: value('--only') };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = parseArgs(process.argv.slice(2));
  console.log(`Scale ${args.preset}: ${args.size.districts} districts, ${args.size.communities} communities, ${args.size.records} records on ${args.embedded ? 'PGlite' : 'PostgreSQL'}`);
  const target = await scaleTarget(args.name, args.embedded, args.reuse);
  if (!args.reuse) await fillScale(target, args.size);
  if (args.measure) for (const line of await measure(target, args.seconds, args.only)) console.log(line);
}
