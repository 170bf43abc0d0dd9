import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../platform/config.ts';
import { registerBackupCommands } from './backupCommands.ts';

// The commands themselves are tested in src/platform/backup/backup.test.ts on both databases;
// this checks only that the CLI offers them and answers a mistake in Chinese with exit code 1.
describe('gongkai backup / restore commands', () => {
  it('are registered with Chinese descriptions', () => {
    const program = new Command();
    registerBackupCommands(program, loadConfig);
    const backup = program.commands.find((c) => c.name() === 'backup')!;
    expect(backup.description()).toMatch(/备份/);
    expect(backup.commands.map((c) => c.name())).toEqual(['verify']);
    expect(program.commands.find((c) => c.name() === 'restore')?.description()).toMatch(/恢复/);
  });

  it('refuse a missing backup file in Chinese', { timeout: 60_000 }, () => {
    const env = { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-cli-')) };
    const res = spawnSync(process.execPath, ['bin/gongkai.mjs', 'restore', '/nonexistent/gongkai.tar.gz'], { env, encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe('找不到备份文件 /nonexistent/gongkai.tar.gz。');
  });
});
