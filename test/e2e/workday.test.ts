import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startTestServer } from '../support/browser.ts';
import { testConfig } from '../support/db.ts';
import { PASSWORD } from '../support/fixtures.ts';
import { actor, draftRecord, seedRecordWorld } from '../support/records.ts';
import { returnRecord, submitRecord } from '../support/workday.ts';
import { FixedClock } from '../../src/platform/clock.ts';
import type { Running } from '../../src/app/server.ts';

/** An editor signs in and finds the returned record at the top of the workday, counted in the header. */
describe('the editor workday in a browser', () => {
  let server: Running;
  let browser: Browser;
  let recordId: number;
  const clock = new FixedClock('2026-11-02T09:00:00+08:00');

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
    const deps = { db: server.db, clock, config: testConfig() };
    await seedRecordWorld(deps);
    recordId = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '十月财务收支', bodyMd: '收入 1200 元。' });
    await submitRecord(deps, await actor(deps, 'editor-a'), recordId);
    await returnRecord(deps, await actor(deps, 'supervisor-a'), recordId, { comment: '请补充支出明细' });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the returned record with a count in the navigation, on a phone and a desk', async () => {
    for (const width of [360, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${server.url}/login`);
      await page.fill('input[name=username]', 'editor-a');
      await page.fill('input[name=password]', PASSWORD);
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(`${server.url}/staff`);
      const badge = await page.locator('.top-nav .badge').innerText();
      const counts = await page.locator('.todos .todo h3 .badge').allInnerTexts();
      expect(Number(/\d+/.exec(badge)![0])).toBe(counts.reduce((n, c) => n + Number(c), 0));
      const returned = page.locator('#todo-returned');
      expect(await returned.locator('h3 .badge').innerText()).toBe('1');
      expect(await returned.locator(`a[href="/staff/records/${recordId}"]`).innerText()).toBe('十月财务收支');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `/tmp/workday-${width}.png`, fullPage: true });
      await page.close();
    }
  }, 120_000);
});
