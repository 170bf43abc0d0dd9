import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts `gongkai serve` as a user would and resolves with its address once it listens. */
function serve(dataDir: string) {
  const child = spawn(process.execPath, ['bin/gongkai.mjs', 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', LOG_LEVEL: 'warn' },
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
});
