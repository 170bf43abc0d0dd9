import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts `gongkai serve` as a user would and resolves with its address once it listens. */
function serve(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['bin/gongkai.mjs', 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /公开平台已启动：(\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => out };
}

describe('gongkai serve', () => {
  it('fills an empty database with demo data, serves the portal, and shuts down cleanly on SIGTERM', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gk-serve-'));
    const server = serve(dataDir);
    const url = await server.ready;
    expect(server.output()).toContain('演示账户');
    // The database was created and filled by a child process: PGlite's initdb peaks near 800 MB,
    // and in the serving process that peak (and ~140 MB left behind) would stay for its life.
    expect(peakRssMb(server.child.pid!)).toBeLessThan(450);
    const res = await fetch(url + '/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain('昌邑区');
    expect(existsSync(join(dataDir, 'db.lock'))).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(join(dataDir, 'db.lock'))).toBe(false);

    // A second start keeps the data and prints no new passwords.
    const again = serve(dataDir);
    await again.ready;
    expect(again.output()).not.toContain('演示账户');
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('creates a new database without demo data when DEMO_DATA=off', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gk-serve-'));
    const server = serve(dataDir, { DEMO_DATA: 'off' });
    const url = await server.ready;
    expect(server.output()).not.toContain('演示账户');
    expect(existsSync(join(dataDir, 'db', 'PG_VERSION'))).toBe(true);
    const html = await (await fetch(url + '/')).text();
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).not.toContain('昌邑区');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});

/** VmHWM: the most resident memory the process has held, in MB. */
function peakRssMb(pid: number): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}
