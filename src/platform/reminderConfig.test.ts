import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { FixedClock, OffsetClock } from './clock.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'gk-config-'));

describe('reminder, mail and “as of” settings', () => {
  it('defaults to in-app reminders at 08:00 and escalation after 5 working days', () => {
    expect(loadConfig({ DATA_DIR: dir() })).toMatchObject({ smtpUrl: null, mailFrom: 'gongkai@localhost', reminderHour: 8, escalationWorkdays: 5, asOf: null });
  });

  it.each([
    ['SMTP_URL', 'mail.example.cn', '必须是 smtp:// 或 smtps:// 开头的地址'],
    ['MAIL_FROM', 'not an address', '必须是电子邮箱地址'],
    ['REMINDER_HOUR', '24', '不能大于 23'],
    ['ESCALATION_WORKDAYS', '0', '不能小于 1'],
    ['AS_OF', '2026-13-45', '不是有效的日期'],
    ['AS_OF', 'yesterday', '必须是日期或时间'],
  ])('names the bad variable %s=%s', (name, value, message) => {
    const error = (() => {
      try {
        loadConfig({ DATA_DIR: dir(), [name]: value });
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`环境变量 ${name}`);
    expect((error as Error).message).toContain(message);
  });

  it('reads a bare AS_OF date as 09:00 Beijing time, and a clock that runs on from it', () => {
    const config = loadConfig({ DATA_DIR: dir(), AS_OF: '2026-10-20', SMTP_URL: 'smtp://u:p@mail.example.cn:587', MAIL_FROM: '公开平台 <gk@example.cn>' });
    expect(config.asOf!.toISOString()).toBe('2026-10-20T01:00:00.000Z');
    expect(config.smtpUrl).toBe('smtp://u:p@mail.example.cn:587');
    const real = new FixedClock('2030-01-01T00:00:00Z');
    const clock = new OffsetClock(config.asOf!, real);
    expect(clock.now().toISOString()).toBe('2026-10-20T01:00:00.000Z');
    real.advanceMinutes(90);
    expect(clock.now().toISOString()).toBe('2026-10-20T02:30:00.000Z');
  });
});
