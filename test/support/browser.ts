import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/platform/config.ts';
import { startServer, type Running } from '../../src/app/server.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { PASSWORD } from './fixtures.ts';

/** Debian's Chromium, never a downloaded browser; flags keep it off the closed network. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A real server on an ephemeral port with an empty embedded database in a temp DATA_DIR. */
export async function startTestServer(env: Record<string, string> = {}, opts: { clock?: Clock } = {}): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gk-e2e-'));
  return startServer(loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', DEMO_DATA: 'off', ...env }), opts);
}

export const SCREENSHOT_DIR = join(process.cwd(), 'test-results');

/** A staff member signed in through the sign-in page, on a page of its own, landed on 工作台. */
export async function loginStaff(context: BrowserContext, url: string, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/staff');
  return page;
}
