import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './db.ts';
import { DirLockedError } from './dirLock.ts';

describe('the embedded database directory is used by one process at a time', () => {
  it('refuses a second opening with a clear message, and allows it again after close', { timeout: 120_000 }, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gk-lock-')), 'db');
    const first = await openDatabase({ kind: 'pglite', dir });
    const second = await openDatabase({ kind: 'pglite', dir }).catch((err: unknown) => err);
    expect(second).toBeInstanceOf(DirLockedError);
    expect((second as Error).message).toContain('正被另一个 Gongkai 进程');
    await first.close();
    const third = await openDatabase({ kind: 'pglite', dir });
    await third.close();
  });

  it('refuses another process started on the same directory', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gk-lock-'));
    const first = await openDatabase({ kind: 'pglite', dir: join(dataDir, 'db') });
    const child = spawnSync(process.execPath, ['bin/gongkai.mjs', 'org', 'list'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
    });
    await first.close();
    expect(child.status).toBe(1);
    expect(child.stderr).toContain(`PID ${process.pid}`);
  });

  it('takes over a lock left by a process that no longer exists', { timeout: 120_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gk-lock-'));
    writeFileSync(join(dataDir, 'db.lock'), '999999999');
    const db = await openDatabase({ kind: 'pglite', dir: join(dataDir, 'db') });
    await db.close();
  });
});
