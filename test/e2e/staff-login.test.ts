import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../src/platform/clock.ts';
import { launchBrowser, SCREENSHOT_DIR, startTestServer } from '../support/browser.ts';
import { addUser, PASSWORD, seedTwoStreets } from '../support/fixtures.ts';
import type { Running } from '../../src/app/server.ts';
import type { Deps } from '../../src/platform/context.ts';

describe('a staff member in a real browser', () => {
  let server: Running;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    const deps: Deps = { db: server.db, clock: systemClock, config: {} as Deps['config'] };
    await seedTwoStreets(deps);
    await addUser(deps, 'editor-a', 'editor', '220202001001');
    await addUser(deps, 'locked-out', 'editor', '220202001001');
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the home page, logs in as an editor, sees the staff home and logs out', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(server.url + '/');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await expect(page.locator('h2', { hasText: '吉林市昌邑区' }).count()).resolves.toBe(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'home-360.png'), fullPage: true });

    await page.getByRole('link', { name: '工作人员登录' }).click();
    await page.getByLabel('用户名').fill('editor-a');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/staff');
    await expect(page.locator('h1').textContent()).resolves.toBe('工作台');
    await expect(page.locator('main').textContent()).resolves.toContain('甲一社区');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'staff-home-360.png'), fullPage: true });

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login?bye=1');
    await expect(page.locator('main').textContent()).resolves.toContain('您已安全退出');
    await page.goto(server.url + '/staff');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.close();
  });

  // Issue 13: the pause applies to the name from this address only (no one can lock a colleague out
  // from elsewhere), and unknown names get the same answer as real ones.
  it('pauses a name after 5 wrong passwords from one address and says so in Chinese', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(server.url + '/login');
    for (let i = 0; i < 5; i++) {
      await page.getByLabel('用户名').fill('locked-out');
      await page.getByLabel('密码').fill(`wrong-${i}-password`);
      await Promise.all([page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'), page.getByRole('button', { name: '登录' }).click()]);
      await page.waitForLoadState('domcontentloaded');
    }
    await expect(page.getByRole('alert').textContent()).resolves.toContain('这个用户名暂停登录 15 分钟');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('暂停登录');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'login-locked.png') });
    await page.close();
  });

  it('turns on the elderly-friendly mode with the keyboard and keeps it', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(server.url + '/');
    const toggle = page.getByRole('button', { name: '长辈模式（大字）' });
    await toggle.focus();
    // The form posts, then redirects back to this page: wait for the page after the redirect.
    await Promise.all([page.waitForResponse((r) => r.url() === server.url + '/' && r.request().method() === 'GET'), page.keyboard.press('Enter')]);
    await page.waitForLoadState('domcontentloaded');
    expect(await page.getAttribute('html', 'class')).toBe('elder');
    const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(size).toBeGreaterThanOrEqual(20);
    await page.goto(server.url + '/o/220202');
    expect(await page.getAttribute('html', 'class')).toBe('elder');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'elder-1920.png') });
    await page.close();
  });
});
