import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function gongkai(args: string[]) {
  const res = spawnSync(process.execPath, ['bin/gongkai.mjs', ...args], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-req-')) },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe('gongkai request due', () => {
  it('prints due, extendedDue and the explanation as JSON, with corrections, pauses and extension', { timeout: 120_000 }, () => {
    const res = gongkai(['request', 'due', '--received', '2025-09-20', '--corrected', '2025-09-30', '--pause', '2025-10-09:2025-10-20', '--extended', '--json']);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const answer = JSON.parse(res.out) as Record<string, string>;
    expect(Object.keys(answer)).toEqual(['due', 'extendedDue', 'explanation']);
    expect([answer.due, answer.extendedDue]).toEqual(['2025-11-14', '2025-12-12']);
    expect(answer.explanation).toContain('发函次日至收到答复当日的8个工作日不计入');
  });

  it('refuses beyond the known years with a Chinese message and a non-zero exit', { timeout: 120_000 }, () => {
    const res = gongkai(['request', 'due', '--received', '2027-03-01', '--json']);
    expect(res.code).not.toBe(0);
    expect(res.out).toBe('');
    expect(res.err).toContain('2027年节假日安排尚未公布或录入');
  });
});
