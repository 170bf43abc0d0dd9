import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function gongkai(args: string[], dataDir: string) {
  const res = spawnSync(process.execPath, ['bin/gongkai.mjs', ...args], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('calendar and privacy commands', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gk-cli-cal-'));

  it('adds working days across National Day and explains the holiday and the make-up day', { timeout: 120_000 }, () => {
    const res = gongkai(['calendar', 'add-workdays', '2026-09-28', '20', '--json'], dataDir);
    expect(res.code).toBe(0);
    const json = JSON.parse(res.out) as { due: string; explanation: string };
    expect(json.due).toBe('2026-10-30');
    expect(json.explanation).toContain('国庆节');
    expect(json.explanation).toContain('10月10日');
  });

  it('refuses a count running into a year without published holidays, then computes once it is imported', { timeout: 120_000 }, () => {
    const refused = gongkai(['calendar', 'add-workdays', '2026-12-20', '20', '--json'], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('2027年节假日安排尚未公布或录入，无法计算准确期限');
    expect(refused.out).toBe('');
    const imported = gongkai(['calendar', 'import-year', 'data/calendar/sample-2027-notice.txt'], dataDir);
    expect(imported.out).toContain('已导入 2027 年');
    const ok = gongkai(['calendar', 'add-workdays', '2026-12-20', '20', '--json'], dataDir);
    expect(JSON.parse(ok.out).due).toBe('2027-01-18');
    expect(gongkai(['audit', 'verify'], dataDir).code).toBe(0);
  });

  it('tells a make-up Saturday from a holiday', { timeout: 120_000 }, () => {
    expect(JSON.parse(gongkai(['calendar', 'is-workday', '2026-10-10', '--json'], dataDir).out)).toMatchObject({ workday: true });
    const holiday = JSON.parse(gongkai(['calendar', 'is-workday', '2026-10-02', '--json'], dataDir).out);
    expect(holiday).toMatchObject({ workday: false });
    expect(holiday.explanation).toContain('国庆节');
  });

  it('scans a text file for personal numbers and prints them masked', { timeout: 120_000 }, () => {
    const file = join(dataDir, 'list.txt');
    writeFileSync(file, '张三 身份证 110105194912310003 电话 13812345678，补助金额 1380.00 元，国办发〔2019〕54号');
    const res = gongkai(['privacy', 'scan', file, '--json'], dataDir);
    expect(res.code).toBe(0);
    const { findings } = JSON.parse(res.out) as { findings: { kind: string; masked: string }[] };
    expect(findings.map((f) => f.kind)).toEqual(['id_card', 'mobile']);
    expect(findings[1]!.masked).toBe('138****5678');
  });
});
