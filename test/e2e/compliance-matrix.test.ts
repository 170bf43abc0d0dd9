import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { loadDemoData } from '../../src/app/demo.ts';
import type { Running } from '../../src/app/server.ts';
import { launchBrowser, SCREENSHOT_DIR, startTestServer } from '../support/browser.ts';

describe('the street matrix in a real browser', () => {
  let server: Running;
  let browser: Browser;
  let password = '';

  beforeAll(async () => {
    server = await startTestServer();
    const accounts = await loadDemoData({ db: server.db, clock: systemClock, config: loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-e2e-demo-')), LOG_LEVEL: 'silent' }) }, { id: null, name: 'e2e' });
    password = accounts.find((a) => a.username === 'yanan-street')!.password;
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }, 300_000); // the demo publishes its whole compliance history through review
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(server.url + '/login');
    await page.getByLabel('用户名').fill('yanan-street');
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/staff');
  }

  it('shows each community’s status per item on a 1920×1080 screen and drills down to a cell', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await signIn(page);
    await page.getByRole('link', { name: '辖区公开情况' }).first().click(); // the to-do list links it too
    await page.waitForURL('**/staff/compliance/s/220202004');
    const rows = page.locator('table.matrix tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    await expect(rows.nth(0).locator('th').textContent()).resolves.toBe('延安社区');
    await expect(page.locator('table.matrix thead th.item-col').count()).resolves.toBe(9);
    await expect(page.locator('table.matrix thead th', { hasText: '往期未结' }).count()).resolves.toBe(1);
    const coloured = await page.locator('table.matrix td.cell').evaluateAll((cells) => cells.map((c) => [c.className, getComputedStyle(c).backgroundColor]));
    expect(coloured.length).toBeGreaterThanOrEqual(20);
    expect(new Set(coloured.map(([, bg]) => bg)).size).toBeGreaterThanOrEqual(3); // several statuses, several colours
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'street-matrix-1920.png') });

    const overdueCell = page.locator('table.matrix td.st-overdue a').first();
    const label = await overdueCell.getAttribute('title');
    await overdueCell.click();
    await page.waitForURL(/\/staff\/compliance\/c\/\d+\?year=\d{4}&item=/);
    expect(label).toContain('已逾期');
    await expect(page.locator('.ob-card .badge.st-overdue').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.ob-card .explain').first().textContent()).resolves.toContain('个工作日');
    await page.close();
  });

  it('stays usable on a 360 px phone: the page does not overflow, the matrix scrolls by itself', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await signIn(page);
    await page.goto(server.url + '/staff/compliance/s/220202004');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const region = page.getByRole('region', { name: /公开情况矩阵/ });
    const scrollable = await region.evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(scrollable).toBe(true);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'street-matrix-360.png'), fullPage: true });
    await page.close();
  });
});
