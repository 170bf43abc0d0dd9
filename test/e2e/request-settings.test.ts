import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FixedClock } from '../../src/platform/clock.ts';
import type { Deps } from '../../src/platform/context.ts';
import type { Running } from '../../src/app/server.ts';
import { submitAs } from '../../src/domains/request/fixtures.ts';
import { runRequestDaily } from '../../src/domains/request/index.ts';
import { launchBrowser, loginStaff, startTestServer } from '../support/browser.ts';
import { seedRecordWorld } from '../support/records.ts';

/** Where the 360 px screenshots go (outside the repository; SHOTS_DIR overrides). */
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/gongkai-request-shots';

describe('the district sets the 查询/疑义 clock; an overdue 疑义 reaches the street as a 督办', () => {
  const clock = new FixedClock('2026-11-02T09:00:00+08:00');
  let server: Running;
  let browser: Browser;
  let deps: Deps;
  let caseId = 0;

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
    deps = { db: server.db, clock, config: {} as Deps['config'] };
    await seedRecordWorld(deps);
    browser = await launchBrowser();
  }, 400_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a district admin picks the 山东 preset on a phone; a street admin cannot open the page', { timeout: 300_000 }, async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const page = await loginStaff(phone, server.url, 'district');
    await page.goto(`${server.url}/staff/requests/settings`);
    await page.getByRole('button', { name: '使用“山东：5日”' }).click();
    await page.getByText('已保存').waitFor();
    expect(await page.locator('[data-current-days]').getAttribute('data-current-days')).toBe('5');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}/settings-360.png`, fullPage: true });
    const street = await loginStaff(await browser.newContext({ locale: 'zh-CN' }), server.url, 'street-a');
    const refused = await street.goto(`${server.url}/staff/requests/settings`);
    expect(refused?.status()).toBe(403);
  });

  it('shows the 督办 on the case page after the daily run', { timeout: 300_000 }, async () => {
    caseId = (await submitAs(deps, '220202001001', 'objection', {}, { id: 'r-x', title: '2026年11月低保对象名单公示' })).id;
    clock.set('2026-11-10T09:00:00+08:00'); // 5 days (山东) have passed
    expect((await runRequestDaily(deps)).escalated).toBe(1);
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const page = await loginStaff(phone, server.url, 'supervisor-a');
    await page.goto(`${server.url}/staff/requests/${caseId}`);
    await page.getByRole('link', { name: /街道督办单第 \d+ 号/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}/case-360.png`, fullPage: true });
    await page.getByRole('link', { name: /街道督办单第 \d+ 号/ }).click();
    await page.getByLabel(/整改情况/).fill('已入户核实，书面答复居民。');
    await page.getByRole('button', { name: '提交答复' }).click();
    await page.getByText('已入户核实，书面答复居民。').waitFor();
  });
});
