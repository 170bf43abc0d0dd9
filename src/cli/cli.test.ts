import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresDatabase } from '../../test/support/db.ts';

function gongkai(args: string[], env: Record<string, string>, input?: string) {
  const res = spawnSync(process.execPath, ['bin/gongkai.mjs', ...args], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

const targets = [
  { name: 'pglite', env: async (): Promise<Record<string, string>> => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-cli-')) }) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres', env: async () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-cli-')), DATABASE_URL: (await freshPostgresDatabase(process.env.TEST_DATABASE_URL!, 'gk_cli')).url }) }]
    : []),
];

describe.each(targets)('the gongkai command on $name', ({ env: makeEnv }) => {
  it('adds organisations and a user, lists them as JSON and verifies the audit log', { timeout: 120_000 }, async () => {
    const env = await makeEnv();
    expect(gongkai(['org', 'add', '--code', '220202', '--name', '吉林市昌邑区', '--kind', 'district'], env).code).toBe(0);
    expect(gongkai(['org', 'add', '--code', '220202004', '--name', '延安街道', '--kind', 'street', '--parent', '220202'], env).code).toBe(0);
    const list = gongkai(['org', 'list', '--json'], env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.out)).toEqual([
      { code: '220202', name: '吉林市昌邑区', kind: 'district', parentCode: null, districtCode: '220202' },
      { code: '220202004', name: '延安街道', kind: 'street', parentCode: '220202', districtCode: '220202' },
    ]);
    const add = gongkai(['user', 'add', '--username', 'street1', '--role', 'street_admin', '--org', '220202004', '--password-stdin'], env, 'Street-Admin-2026\n');
    expect(add.err).toBe('');
    expect(add.out).toContain('已创建用户 street1');
    const weak = gongkai(['user', 'add', '--username', 'weak', '--role', 'street_admin', '--org', '220202004', '--password-stdin'], env, '123\n');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('密码至少需要 8 个字符');
    expect(gongkai(['user', 'disable', 'street1'], env).out).toContain('已停用用户 street1');
    const verify = gongkai(['audit', 'verify'], env);
    expect(verify.code).toBe(0);
    expect(verify.out).toContain('共 4 条');
    // Without a checkpoint the stronger check refuses to say all is well; with one it holds.
    expect(gongkai(['audit', 'verify', '--checkpoint'], env).code).toBe(2);
    expect(gongkai(['audit', 'checkpoint'], env).out).toContain('已记录检查点：共 4 条');
    const checked = gongkai(['audit', 'verify', '--checkpoint'], env);
    expect(checked.code).toBe(0);
    expect(checked.out).toContain('与 1 个检查点核对一致');
  });
});

describe('the gongkai command', () => {
  it('explains a bad setting in Chinese, naming the variable, without a stack trace', { timeout: 120_000 }, () => {
    const res = gongkai(['org', 'list'], { PORT: 'eighty', DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-cli-')) });
    expect(res.code).toBe(1);
    expect(res.err).toContain('环境变量 PORT');
    expect(res.err).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('prints help listing its commands', { timeout: 120_000 }, () => {
    const res = gongkai(['--help'], {});
    expect(res.code).toBe(0);
    for (const command of ['serve', 'migrate', 'org', 'user', 'audit', 'demo']) expect(res.out).toContain(command);
  });

  it('loads demo data with random passwords once, and refuses a second time', { timeout: 120_000 }, () => {
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-cli-')) };
    const first = gongkai(['demo'], env);
    expect(first.code).toBe(0);
    expect(first.out).toContain('changyi-admin');
    const password = /changkou-editor\s+(\S+)/.exec(first.out)?.[1];
    expect(password).toMatch(/^[a-zA-Z2-9]{14}$/);
    const second = gongkai(['demo'], env);
    expect(second.code).toBe(1);
    expect(second.err).toContain('演示数据只能载入空数据库');
  });
});
