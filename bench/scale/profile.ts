/*
 * One staff or public page in-process against a generated database: its SQL statements with
 * their times, and the request's wall time, a few times over (the first is cold).
 *   node --import tsx bench/scale/profile.ts postgres://…/gk_scale_province /staff/compliance/s/990001001 [district|street|community] [runs]
 * CPU_PROFILE=file.cpuprofile records the runs after the first (open it in Chrome DevTools). The page cache is off;
 * a user of the first generated district, street or community is added with a session.
 */
import { randomBytes, createHash } from 'node:crypto';
import { buildApp } from '../../src/app/buildApp.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openDatabase } from '../../src/platform/db.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { GENERATED_PREFIX } from './generate.ts';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';

const [url, path, as = 'district', runs = '5'] = process.argv.slice(2);
const db = await openDatabase({ kind: 'postgres', url: url! });
const config = { ...loadConfig(), pageCacheMb: 0 };
const deps = { db, config, clock: systemClock };
const app = await buildApp(deps, { logger: false });
const district = `${GENERATED_PREFIX}0001`;
const org = as === 'district' ? district : as === 'street' ? `${district}001` : `${district}001001`;
const role = as === 'district' ? 'district_admin' : as === 'street' ? 'street_admin' : 'editor';
const token = randomBytes(24).toString('base64url');
const hash = createHash('sha256').update(token).digest('hex');
await db.executeSql(`insert into users (username, display_name, password_hash, role, org_id, district_code, password_changed_at, created_at)
  select 'prof-' || substr(md5(random()::text), 1, 8), '剖析', password_hash, '${role}', o.id, '${district}', now(), now() from users u, organisations o where u.username = 'changyi-admin' and o.code = '${org}' returning id`);
await db.executeSql(`insert into sessions (token_hash, user_id, created_at, last_seen_at) select '${hash}', max(id), now(), now() from users where username like 'prof-%'`);
const inspector = new Session();
inspector.connect();
await inspector.post('Profiler.enable');
for (let i = 0; i < Number(runs); i++) {
  if (i === 1 && process.env.CPU_PROFILE) await inspector.post('Profiler.start');
  const seen: { sql: string; at: number }[] = [];
  const t0 = performance.now();
  const stop = db.observe((sql) => seen.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 140), at: performance.now() - t0 }));
  const res = await app.inject({ url: path!, headers: as === 'anon' ? {} : { cookie: `gk_session=${token}` } });
  stop();
  const ms = performance.now() - t0;
  console.log(`run ${i + 1}: ${res.statusCode} ${ms.toFixed(1)} ms, ${seen.length} statements, ${res.body.length} bytes`);
  if (i === Number(runs) - 1) for (const s of seen) console.log(`  +${s.at.toFixed(1).padStart(6)} ms  ${s.sql}`);
}
if (process.env.CPU_PROFILE) writeFileSync(process.env.CPU_PROFILE, JSON.stringify((await inspector.post('Profiler.stop')).profile));
await app.close();
await db.close();
