/*
 * The public read path over real sockets (issue 14): the embedded demo in a child process, hit by
 * autocannon (10 connections), beside a bare Fastify route in its own process measured in the
 * same run. Every page is measured warm (page cache on) and cold (PAGE_CACHE_MB=0); printed as
 * req/s, the ratio to the bare route, p95 latency, and the server's RSS (the compiled server that
 * `npm start` runs) idle and at its peak, first start and restart, against the 200 MB budget.
 *
 *   npm run bench:public              # 5 s per page
 *   npm run bench:public -- --smoke   # 1 s per page, for CI
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnServer } from '../test/support/childServer.ts';

const COMMUNITY = '530102012001';
const SHEET = 'sheet PDF';

interface Load {
  rps: number;
  p95: number;
  errors: number;
  /** Answers refused by a rate limit (429): the sheet PDFs are limited per visitor when rendered. */
  limited: number;
  /** Server CPU per answered request (µs), when the server's pid was given. */
  cpuUs?: number;
}

// What every browser and WeChat's web view sends: cached text pages go out gzip-compressed.
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

/** CPU time (user + system) a process has used so far, in µs. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100; // utime, stime in clock ticks
}

/** req/s and p95 (ms) of `url` under 10 connections (or `connections`) for `seconds`; non-2xx/304 answers count as errors. */
export function load(url: string, seconds: number, headers: Record<string, string> = {}, serverPid?: number, connections = 10): Promise<Load> {
  const latencies: number[] = [];
  let errors = 0;
  let limited = 0;
  const cpuBefore = serverPid ? cpuOf(serverPid) : 0;
  return new Promise((done, fail) => {
    const instance = autocannon({ url, connections, duration: seconds, headers }, (err, result) => {
      if (err) return fail(err);
      latencies.sort((a, b) => a - b);
      const cpuUs = serverPid && result.requests.total > 0 ? (cpuOf(serverPid) - cpuBefore) / result.requests.total : undefined;
      done({ rps: result.requests.average, p95: latencies[Math.floor(latencies.length * 0.95)] ?? NaN, errors: errors + result.errors + result.timeouts, limited, cpuUs });
    });
    instance.on('response', (_client: unknown, status: number, _bytes: number, time: number) => {
      latencies.push(time);
      if (status === 429) limited++;
      else if (status >= 400) errors++;
    });
  });
}

/** VmRSS (now) and VmHWM (peak) of a process, in MB. */
export function rssOf(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { now: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/**
 * Waits (at most `limitS` seconds) until the server has used under 5 % of a core for two
 * seconds running: its start-up jobs (the day's reminders, the obligations sync) run in the same
 * process and would otherwise land in the figures of the first page measured.
 */
export async function settled(pid: number, limitS = 120): Promise<string> {
  let quiet = 0;
  for (let s = 1; s <= limitS; s++) {
    const before = cpuOf(pid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    quiet = cpuOf(pid) - before < 50_000 ? quiet + 1 : 0;
    if (quiet === 2) return `server settled after ${s} s`;
  }
  return `server still busy after ${limitS} s (measured anyway)`;
}

export function startBare(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/bareServer.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const url = /bare listening (\S+)/.exec(chunk.toString())?.[1];
      if (url) done({ url, child });
    });
    child.on('exit', (code) => fail(new Error(`bare server exited ${code}`)));
  });
}

async function startApp(cacheMb: number, dataDir = mkdtempSync(join(tmpdir(), 'gk-public-bench-'))) {
  const server = spawnServer({ DATA_DIR: dataDir, DEMO_DATA: 'auto', PAGE_CACHE_MB: String(cacheMb), LOG_LEVEL: 'warn', DATABASE_URL: '' });
  const url = await server.ready;
  return {
    url,
    pid: server.child.pid!,
    dataDir,
    async stop(keep = false) {
      server.child.kill('SIGTERM');
      await server.exited;
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The pages a resident reaches, with a published record of the demo community. */
async function pagesOf(base: string): Promise<[string, string][]> {
  const community = await (await fetch(`${base}/o/${COMMUNITY}`)).text();
  const record = /href="\/r\/([a-z0-9]{8})"/.exec(community)?.[1];
  if (!record) throw new Error('the demo community has no published record');
  return [
    ['community /o/…', `/o/${COMMUNITY}`],
    ['record /r/…', `/r/${record}`],
    ['home /', '/'],
    ['search ?q=低保', `/search?q=${encodeURIComponent('低保')}`],
    ['feed .rss', `/feeds/${COMMUNITY}.rss`],
    // Fetched once by every new visitor beside the page (kept in memory, no page cache involved).
    ['style sheet', '/static/app.css'],
    [SHEET, `/r/${record}/sheet.pdf`],
  ];
}

/**
 * RSS in MB after each page rendered once: idle without and then with a print worker (the sheet
 * PDF starts one; it ends 10 s after its last task), against the 200 MB budget (docs/ARCHITECTURE.md).
 */
async function renderOnce(base: string, pid: number, pages: [string, string][]): Promise<{ idle: number; printing: number }> {
  for (const [name, path] of pages) if (name !== SHEET) await fetch(base + path).then((r) => r.arrayBuffer());
  const idle = rssOf(pid).now;
  for (const [name, path] of pages) if (name === SHEET) await fetch(base + path).then((r) => r.arrayBuffer());
  return { idle, printing: rssOf(pid).now };
}

const TARGET_MB = 200;
const verdict = (mb: number) => `${mb} MB${mb <= TARGET_MB ? '' : ' (over)'}`;

function rssLine(when: string, rss: { idle: number; printing: number }, pid: number): string {
  return `  ${when}: server RSS idle ${verdict(rss.idle)}, with a print worker ${rss.printing} MB, peak ${verdict(rssOf(pid).peak)} (target ≤ ${TARGET_MB} MB idle and at peak)`;
}

/** RSS of a restarted server (the usual case: the demo data is already there) idle and under load. */
async function restartedRss(dataDir: string, cacheMb: number, seconds: number): Promise<string> {
  const app = await startApp(cacheMb, dataDir);
  try {
    const pages = await pagesOf(app.url);
    const rss = await renderOnce(app.url, app.pid, pages);
    await settled(app.pid);
    await load(app.url + pages[0]![1], seconds);
    return rssLine('after a restart', rss, app.pid);
  } finally {
    await app.stop();
  }
}

export async function runPublicBench(opts: { seconds?: number } = {}): Promise<string[]> {
  const seconds = opts.seconds ?? 5;
  const bare = await startBare();
  const lines = [`Public pages over sockets (autocannon, 10 connections, ${seconds} s each, embedded demo in a child process)`];
  const bareRuns: Load[] = [];
  const results: ({ mode: string; name: string } & Load)[] = [];
  const memory: string[] = [];
  const measureBare = async () => bareRuns.push(await load(bare.url, seconds, {}, bare.child.pid));
  await measureBare();
  for (const [mode, mb] of [['warm', 32], ['cold', 0]] as const) {
    const app = await startApp(mb);
    try {
      const pages = await pagesOf(app.url);
      const rss = await renderOnce(app.url, app.pid, pages);
      memory.push(`  ${mode} first start: ${await settled(app.pid)}`);
      for (const [name, path] of pages) {
        results.push({ mode, name, ...(await load(app.url + path, seconds, {}, app.pid)) });
        if (mode === 'warm') results.push({ mode: 'warm+gz', name, ...(await load(app.url + path, seconds, BROWSER, app.pid)) });
      }
      memory.push(rssLine(`${mode} first start (database and demo data made by a child process)`, rss, app.pid));
    } finally {
      await app.stop(mode === 'warm');
    }
    if (mode === 'warm') memory.push(await restartedRss(app.dataDir, mb, seconds));
  }
  await measureBare();
  bare.child.kill('SIGTERM');
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const bareRps = mean(bareRuns.map((r) => r.rps));
  const bareCpu = mean(bareRuns.map((r) => r.cpuUs ?? NaN));
  lines.push(`  bare Fastify route        ${fmt(bareRps)} req/s (runs: ${bareRuns.map((r) => fmt(r.rps)).join(', ')}), server CPU ${bareCpu.toFixed(0)} µs/request`);
  lines.push(`  (throughput is bounded by the load generator on the same 2 cores; server CPU per request is the cost the server itself pays, beside the bare route's)`);
  for (const r of results) {
    const cpu = r.cpuUs === undefined ? '' : `  server ${r.cpuUs.toFixed(0).padStart(6)} µs/req (${(r.cpuUs / bareCpu).toFixed(1)}× bare)`;
    lines.push(`  ${r.mode.padEnd(7)} ${r.name.padEnd(18)} ${fmt(r.rps).padStart(7)} req/s  ${((100 * r.rps) / bareRps).toFixed(1).padStart(5)} % of bare  p95 ${r.p95.toFixed(1)} ms${cpu}${r.errors ? `  (${r.errors} errors)` : ''}${r.limited ? `  (${r.limited} answered 429: rate limit)` : ''}`);
  }
  lines.push(...memory);
  return lines;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const smoke = process.argv.includes('--smoke');
  for (const line of await runPublicBench({ seconds: smoke ? 1 : 5 })) console.log(line);
}
