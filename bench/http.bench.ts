import Fastify from 'fastify';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from '../src/app/buildApp.ts';
import { openDatabase } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { loadConfig } from '../src/platform/config.ts';
import { systemClock } from '../src/platform/clock.ts';
import { loadDemoData } from '../src/app/demo.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Requests per second through Fastify's inject for `count` requests (no sockets: handler cost only). */
async function rate(app: ReturnType<typeof Fastify>, url: string, count: number): Promise<number> {
  for (let i = 0; i < 50; i++) await app.inject({ method: 'GET', url }); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await app.inject({ method: 'GET', url });
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** The portal home page against a bare Fastify route, measured in the same run. */
export async function runHttpBench(count = 2000): Promise<string[]> {
  const bare = Fastify();
  bare.get('/', async () => 'ok');
  const db = await openDatabase({ kind: 'pglite', dir: null });
  await migrate(db);
  const deps = { db, clock: systemClock, config: loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-bench-')), LOG_LEVEL: 'silent' }) };
  await loadDemoData(deps, { id: null, name: 'bench' });
  const app = await buildApp(deps, { logger: false });
  const bareRate = await rate(bare, '/', count);
  const homeRate = await rate(app, '/', count);
  const orgRate = await rate(app, '/o/530102012001', count);
  await Promise.all([bare.close(), app.close()]);
  await db.close();
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  return [
    `HTTP (inject, ${count} requests each, PGlite, demo data)`,
    `  bare Fastify route      ${fmt(bareRate)} req/s`,
    `  portal home /           ${fmt(homeRate)} req/s  (${(bareRate / homeRate).toFixed(1)}x the bare route's cost)`,
    `  community page /o/…     ${fmt(orgRate)} req/s  (${(bareRate / orgRate).toFixed(1)}x the bare route's cost)`,
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const line of await runHttpBench()) console.log(line);
}
