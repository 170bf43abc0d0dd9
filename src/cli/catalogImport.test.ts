/** `gongkai catalog import` with a column mapping: --columns, --mapping, the refusal that asks for one, reuse. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshPostgresDatabase } from '../../test/support/db.ts';

function gongkai(args: string[], env: Record<string, string>) {
  const res = spawnSync(process.execPath, ['bin/gongkai.mjs', ...args], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 170_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'gk-map-'));
/** A table whose header row reads as nothing known (栏一…), as some exported sheets have. */
const NO_HEADER = join(dir, 'v1.txt');
writeFileSync(NO_HEADER, '某村公开目录\n栏一\t栏二\t栏三\t栏四\n1\t低保对象名单\t姓名、金额\t信息形成之日起20个工作日内\n2\t财务收支\t收支明细\t每月公开一次\n');
const NEXT_VERSION = join(dir, 'v2.txt');
writeFileSync(NEXT_VERSION, '某村公开目录\n栏一\t栏二\t栏三\t栏四\n1\t低保对象名单\t姓名、金额\t信息形成之日起20个工作日内\n2\t财务收支\t收支明细\t每月公开一次\n3\t临时救助\t救助名单\t每季度公开一次\n');
const MAPPING = join(dir, 'mapping.json');
writeFileSync(MAPPING, JSON.stringify({ columns: ['seq', 'name', 'content', 'timeLimit'], headerLine: 2 }));

// Each call starts the command afresh (a few seconds, far more on a loaded machine).
describe('catalog import --columns / --mapping (no database)', { timeout: 400_000 }, () => {
  const env = { DATA_DIR: dir };

  it('refuses a table it cannot read with the columns it found and how to map them', () => {
    const res = gongkai(['catalog', 'import', NO_HEADER, '--dry-run'], env);
    expect(res.code).toBe(1);
    expect(res.err).toContain('未能识别表头：文件中有一个4列的表格');
    expect(res.err).toContain('--columns');
  });

  it('reads it with --columns, one key per column', () => {
    const res = gongkai(['catalog', 'import', NO_HEADER, '--dry-run', '--json', '--columns', 'seq,name,content,timeLimit'], env);
    expect(res.err).toBe('');
    const parsed = JSON.parse(res.out) as { items: { name: string; content: string; timeLimitText: string }[] };
    expect(parsed.items.map((i) => [i.name, i.content, i.timeLimitText])).toEqual([
      ['低保对象名单', '姓名、金额', '信息形成之日起20个工作日内'],
      ['财务收支', '收支明细', '每月公开一次'],
    ]);
  });

  it('reads it with --mapping from a JSON file, and "-" leaves a column out', () => {
    const res = gongkai(['catalog', 'import', NO_HEADER, '--dry-run', '--json', '--mapping', MAPPING], env);
    expect(JSON.parse(res.out).items.map((i: { name: string }) => i.name)).toEqual(['低保对象名单', '财务收支']);
    const skip = gongkai(['catalog', 'import', NO_HEADER, '--dry-run', '--json', '--columns', 'seq,name,-,timeLimit'], env);
    expect(JSON.parse(skip.out).items.map((i: { content: string }) => i.content)).toEqual(['', '']);
  });

  it('refuses an unknown key and lists the keys; --help documents them', () => {
    const bad = gongkai(['catalog', 'import', NO_HEADER, '--dry-run', '--columns', 'seq,title,content,timeLimit'], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('不认识的列名“title”');
    expect(bad.err).toContain('timeLimit（公开时限）');
    const help = gongkai(['catalog', 'import', '--help'], env);
    expect(help.out).toContain('--columns <keys>');
    expect(help.out).toMatch(/legalBasis\s+公开依据/);
  });
});

const targets = [
  { name: 'pglite', env: async (): Promise<Record<string, string>> => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-map-db-')) }) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres', env: async () => ({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-map-db-')), DATABASE_URL: (await freshPostgresDatabase(process.env.TEST_DATABASE_URL!, 'gk_map')).url }) }]
    : []),
];

describe.each(targets)('a saved mapping on $name', ({ env: makeEnv }) => {
  it('is stored with the catalog and reused for its next version', { timeout: 600_000 }, async () => {
    const env = await makeEnv();
    expect(gongkai(['org', 'add', '--code', '220202', '--name', '吉林市昌邑区', '--kind', 'district'], env).code).toBe(0);
    const first = gongkai(['catalog', 'import', NO_HEADER, '--org', '220202', '--mapping', MAPPING], env);
    expect(first.err).toBe('');
    expect(first.out).toContain('已保存为第 1 版');
    const second = gongkai(['catalog', 'import', NEXT_VERSION, '--org', '220202'], env);
    expect(second.err).toBe('');
    expect(second.out).toContain('识别出 3 个公开事项');
    expect(second.out).toContain('已沿用上一版目录清单保存的列对应关系');
    expect(second.out).toContain('已保存为第 2 版');
  });
});
