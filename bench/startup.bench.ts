// Start-up of `gongkai serve` on an existing embedded database (issue 13: a restart must answer
// its first request within 3 s on an idle machine). The first start loads the demo data and is
// not the figure that matters; the restarts are. The baseline is `gongkai --version` in the same
// run: loading Node, tsx and the command's modules, which every start pays anyway.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/gongkai.mjs', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

interface Answer {
  healthz: number;
  /** The portal home page right after, which reads the database (queued behind start-up jobs). */
  home: number;
}

/** Milliseconds from spawning `gongkai serve` to the first 200 from /healthz, then from /; then stops it. */
async function timeToFirstAnswer(dataDir: string, timeoutMs = 300_000): Promise<Answer> {
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  try {
    for (;;) {
      if (await healthy(`http://127.0.0.1:${port}/healthz`)) {
        const healthz = performance.now() - start;
        if (!(await healthy(`http://127.0.0.1:${port}/`))) throw new Error('the home page did not answer 200');
        return { healthz, home: performance.now() - start };
      }
      if (child.exitCode !== null) throw new Error(`gongkai serve exited with ${child.exitCode}`);
      if (performance.now() - start > timeoutMs) throw new Error('gongkai serve did not answer in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM'); // a graceful stop, so the next start finds a clean database
    await exited;
  }
}

async function timeVersion(): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, [BIN, '--version'], { stdio: 'ignore' });
  await new Promise((done) => child.once('exit', done));
  return performance.now() - start;
}

export async function runStartupBench(restarts = 3): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gk-startup-'));
  try {
    const baseline = await timeVersion();
    const first = await timeToFirstAnswer(dataDir);
    const again: Answer[] = [];
    for (let i = 0; i < restarts; i++) again.push(await timeToFirstAnswer(dataDir));
    const median = (pick: (a: Answer) => number) => again.map(pick).sort((a, b) => a - b)[Math.floor(again.length / 2)]!;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const healthz = median((a) => a.healthz);
    return [
      'Start-up (gongkai serve → first 200, embedded database)',
      `  baseline: gongkai --version      ${s(baseline)}`,
      `  first start (loads demo) /healthz ${s(first.healthz)}`,
      `  restart /healthz, median of ${restarts}   ${s(healthz)}  (${(healthz / baseline).toFixed(1)}x the baseline; target < 3 s)`,
      `  restart then home page /, median ${s(median((a) => a.home))}`,
      `  restarts (/healthz)              ${again.map((a) => s(a.healthz)).join(', ')}`,
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const line of await runStartupBench()) console.log(line);
}
