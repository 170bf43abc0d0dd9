/*
 * One staff or public page in-process against a generated database: its SQL statements with
 * their times, and the request's wall time, a few times over (the first is cold).
 *   node --import tsx bench/scale/profile.ts postgres://…/gk_scale_province /staff/compliance/s/990001001 [district|street|community|anon] [runs]
 * (or an embedded database's directory instead of the URL: node --liftoff-only, as the server runs it).
 * CPU_PROFILE=file.cpuprofile records the runs after the first (open it in Chrome DevTools). The page cache is off;
 * unless anon, a user of the first generated district, street (admins) or community (editor) is added with a session.
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { buildApp } from '../../src/app/buildApp.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openDatabase } from '../../src/platform/db.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { benchUser, COMMUNITY, DISTRICT, STREET } from './measure.ts';

const USERS = { district: ['district_admin', DISTRICT], street: ['street_admin', STREET], community: ['editor', COMMUNITY] } as const;

const [url, path, as = 'district', runs = '5'] = process.argv.slice(2);
// A postgres:// URL, or the directory of an embedded database (say DATA_DIR/db of a stopped server).
const db = await openDatabase(url!.startsWith('postgres') ? { kind: 'postgres', url: url! } : { kind: 'pglite', dir: url! });
const deps = { db, config: { ...loadConfig(), pageCacheMb: 0 }, clock: systemClock };
const app = await buildApp(deps, { logger: false });
const who = USERS[as as keyof typeof USERS];
const token = who ? await benchUser(db, who[0], who[1]) : null;
const inspector = new Session();
inspector.connect();
await inspector.post('Profiler.enable');
for (let i = 0; i < Number(runs); i++) {
  if (i === 1 && process.env.CPU_PROFILE) await inspector.post('Profiler.start');
  const seen: { sql: string; at: number }[] = [];
  const t0 = performance.now();
  const stop = db.observe((sql, params) => seen.push({ sql: `${sql.replace(/\s+/g, ' ').slice(0, process.env.FULL_SQL ? undefined : 140)}${process.env.FULL_SQL ? ` -- ${JSON.stringify(params).slice(0, 200)}` : ''}`, at: performance.now() - t0 }));
  const res = await app.inject({ url: path!, headers: token ? { cookie: `gk_session=${token}` } : {} });
  stop();
  const ms = performance.now() - t0;
  console.log(`run ${i + 1}: ${res.statusCode} ${ms.toFixed(1)} ms, ${seen.length} statements, ${res.body.length} bytes`);
  if (i === Number(runs) - 1) for (const s of seen) console.log(`  +${s.at.toFixed(1).padStart(6)} ms  ${s.sql}`);
}
if (process.env.CPU_PROFILE) writeFileSync(process.env.CPU_PROFILE, JSON.stringify((await inspector.post('Profiler.stop')).profile));
await app.close();
await db.close();
