import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app/buildApp.ts';
import { parseCatalogFile } from '../src/domains/catalog/index.ts';
import { HEADER } from '../src/domains/catalog/import/fixtures.ts';
import { extractText } from '../src/domains/record/privacy/index.ts';
import { pdfBomb } from './support/bombs.ts';
import { publishRecord, seedRecordWorld } from './support/records.ts';
import { createTestDeps, databaseKinds, type TestDeps } from './support/db.ts';

// Issue 13: a 117 KB catalog froze the whole server and the health check answered after 57 s.
// Parsing now runs in the worker pool, so the request thread keeps answering while uploads are
// read. The database plays no part here, so PGlite alone is enough.
let deps: TestDeps;
let app: FastifyInstance;

beforeAll(async () => {
  deps = await createTestDeps(databaseKinds[0]!);
  app = await buildApp(deps, { logger: false });
});

afterAll(async () => {
  await app.close();
  await deps.dispose();
});

/** A genuine catalog large enough to keep a worker busy for seconds. */
function bigCatalog(rows: number): Uint8Array {
  const lines = [HEADER.join('\t')];
  for (let i = 1; i <= rows; i += 1) lines.push([String(i), '社会救助', '最低生活保障', `事项${i}`, '名单', '', '', '10个工作日内', '公示栏', '√', '', '√', '', '村级'].join('\t'));
  return new TextEncoder().encode(lines.join('\n'));
}

/** Latencies of /healthz, asked every 100 ms until `work` settles. */
async function healthLatenciesDuring(work: Promise<unknown>): Promise<number[]> {
  let settled = false;
  void work.finally(() => (settled = true)).catch(() => undefined);
  const latencies: number[] = [];
  while (!settled) {
    const started = performance.now();
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return latencies;
}

describe('heavy uploads do not stall other requests', () => {
  it('answers /healthz promptly while a large catalog and a PDF bomb are being read', async () => {
    const bomb = await pdfBomb(200);
    const catalog = parseCatalogFile({ fileName: '目录.txt', bytes: bigCatalog(10_000) });
    const scan = extractText({ fileName: 'bomb.pdf', bytes: bomb }).catch((e: unknown) => e);
    const latencies = await healthLatenciesDuring(Promise.all([catalog, scan]));
    expect((await catalog).items).toHaveLength(10_000);
    expect(await scan).toMatchObject({ statusCode: 413, message: '文件展开后过大，无法处理。' });
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });
});

describe('printing does not stall other requests', () => {
  it('answers /healthz while eight people print an A3 month board at once, and limits one address', async () => {
    await seedRecordWorld(deps);
    // A village list of 300 households: about ten A3 pages, most of a second of CPU per copy.
    const rows = Array.from({ length: 300 }, (_, i) => `${i + 1}\t居民${i + 1}\t${(i % 4) + 1}\t${480 + i}.00`).join('\n');
    await publishRecord(deps, 'a', '财务收支情况', { title: '慰问金发放明细', bodyMd: '明细如下。', tnew_text: `序号\t姓名\t人数\t金额\n${rows}` });
    const board = (ip: string) => app.inject({ method: 'GET', url: '/o/220202001001/board/2026-11.pdf?size=A3', remoteAddress: ip });
    const prints = Promise.all(Array.from({ length: 8 }, (_, i) => board(`10.0.0.${i + 1}`)));
    const latencies = await healthLatenciesDuring(prints);
    for (const res of await prints) {
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    // Rendered on the request thread the eight boards held the first answer for about 9 s. What
    // is left on it is loading and masking the records once per request (~0.1 s each on PGlite).
    expect(latencies.length).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeLessThan(2_500);

    // Repeats of one address are answered by the page cache; the limit guards rendering, so each
    // request here misses the cache with a query of its own, as a cache-busting client would.
    const sheets = [];
    for (let i = 0; i < 21; i += 1) sheets.push(await app.inject({ method: 'GET', url: `/o/220202001001/board/2026-10.pdf?n=${i}`, remoteAddress: '10.0.1.1' }));
    expect(sheets.slice(0, 20).every((r) => r.statusCode === 200)).toBe(true);
    expect(sheets[20]!.statusCode).toBe(429);
    expect(sheets[20]!.body).toContain('操作过于频繁');
  }, 120_000);
});
