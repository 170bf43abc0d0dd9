import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'gk-config-'));

describe('configuration from the environment', () => {
  it('has sensible defaults', () => {
    const config = loadConfig({ DATA_DIR: dir() });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: null, sessionIdleMinutes: 30, demoData: 'auto' });
  });

  it.each([
    ['PORT', 'abc', '必须是 0 到 65535 之间的整数'],
    ['PORT', '70000', '不能大于 65535'],
    ['DATABASE_URL', 'mysql://localhost/db', '必须以 postgres:// 或 postgresql:// 开头'],
    ['SESSION_SECRET', 'short', '至少需要 32 个字符'],
    ['SESSION_IDLE_MINUTES', '0', '不能小于 1'],
    ['COOKIE_SECURE', 'maybe', ''],
    ['LOG_LEVEL', 'loud', '只能是'],
    ['TRUST_PROXY', 'nginx.local', '代理服务器 IP 地址或网段'],
    ['TRUST_PROXY', '10.0.0.0/33', '代理服务器 IP 地址或网段'],
    ['TRUST_PROXY', 'true', '代理服务器 IP 地址或网段'],
  ])('names the bad variable %s=%s', (name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dir(), [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as Error).message).toContain(`环境变量 ${name}`);
    expect((error as Error).message).toContain(message);
  });

  it('generates a session secret once and keeps it under DATA_DIR', () => {
    const dataDir = dir();
    const first = loadConfig({ DATA_DIR: dataDir });
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(first.sessionSecret).toHaveLength(64);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(readFileSync(join(dataDir, 'session-secret'), 'utf8').trim()).toBe(first.sessionSecret);
  });

  it('uses a given session secret and PostgreSQL URL', () => {
    const config = loadConfig({ DATA_DIR: dir(), SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://u@h/db', PORT: '8080' });
    expect(config).toMatchObject({ sessionSecret: 'x'.repeat(40), databaseUrl: 'postgres://u@h/db', port: 8080 });
  });
});
