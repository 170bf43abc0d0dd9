import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixedClock } from '../../src/platform/clock.ts';
import type { Deps } from '../../src/platform/context.ts';
import type { Running } from '../../src/app/server.ts';
import { launchBrowser, loginStaff, SCREENSHOT_DIR, startTestServer } from '../support/browser.ts';
import { itemIdOf, PEOPLE, seedRecordWorld } from '../support/records.ts';

const AXE = join(process.cwd(), 'node_modules/axe-core/axe.min.js');
const RAW = [...PEOPLE.map((p) => p.id), ...PEOPLE.map((p) => p.mobile)];

async function listXlsx(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('低保名单');
  sheet.addRow(['2026年11月城乡低保初审对象名单']);
  sheet.addRow(['序号', '姓名', '身份证号', '联系电话', '家庭人口', '月保障金（元）']);
  PEOPLE.forEach((p, i) => sheet.addRow([i + 1, p.name, p.id, p.mobile, i + 2, 612 * (i + 2)]));
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

/** axe-core in the page: no serious or critical violations. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `${name}: ${JSON.stringify(bad)}`).toEqual([]);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

describe('a 低保 list from .xlsx to the public page and off it again', () => {
  const clock = new FixedClock('2026-11-02T09:00:00+08:00');
  let server: Running;
  let browser: Browser;
  let itemId: number;
  let recordUrl = '';

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
    const deps: Deps = { db: server.db, clock, config: {} as Deps['config'] };
    await seedRecordWorld(deps);
    itemId = await itemIdOf(deps, '220202001001', '低保对象名单');
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await listXlsx(join(SCREENSHOT_DIR, 'dibao-list.xlsx'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an editor imports the list and sees the ID numbers masked in the preview, then submits', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', bypassCSP: true });
    const page = await loginStaff(context, server.url, 'editor-a');
    await page.getByRole('link', { name: '公开记录', exact: true }).first().click(); // the to-do list may name it too
    await page.getByRole('link', { name: '新建公开记录' }).click();
    await page.getByLabel('公开事项').selectOption(String(itemId));
    await page.getByLabel('标题').fill('2026年11月低保初审对象名单公示');
    await page.getByRole('button', { name: '创建草稿并编辑' }).click();
    await page.waitForURL(/\/staff\/records\/\d+$/);

    await page.locator('form[action$="/tables/import"] input[type=file]').setInputFiles(join(SCREENSHOT_DIR, 'dibao-list.xlsx'));
    await page.getByRole('button', { name: '导入表格', exact: true }).click();
    await page.waitForURL(/done=imported/);
    const preview = page.locator('#preview');
    await expect(preview.textContent()).resolves.toContain('110105********002X');
    await expect(preview.textContent()).resolves.toContain('138****5678');
    const html = await page.content();
    for (const raw of RAW) expect(html).not.toContain(raw);

    // The live preview follows typing, masking included.
    await page.getByLabel(/正文/).fill(`经民主评议，现将初审对象名单公示。如有异议请联系 ${PEOPLE[2]!.mobile}。`);
    await preview.getByText('如有异议请联系 150****8765', { exact: false }).waitFor();
    await shoot(page, 'record-editor-1920');
    await expectAccessible(page, 'editor');

    // The full number typed into the body blocks submission until it is masked.
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('没有遮盖');
    await page.getByRole('button', { name: /一键遮盖/ }).click();
    await page.waitForURL(/done=masked/);
    await page.getByRole('button', { name: '保存并提交审核' }).click();
    await page.waitForURL(/done=submitted/);
    await expect(page.locator('main').textContent()).resolves.toContain('等待居务监督委员会成员审核');
    await context.close();
  });

  it('a supervisor approves it from the review queue', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const page = await loginStaff(context, server.url, 'supervisor-a');
    await page.getByRole('link', { name: '待审核的记录' }).first().click();
    await page.getByRole('link', { name: '2026年11月低保初审对象名单公示' }).click();
    await shoot(page, 'record-review-360');
    await page.getByRole('button', { name: '审核通过并发布' }).click();
    await page.waitForURL(/done=approved/);
    recordUrl = (await page.locator('.notice-ok a').getAttribute('href'))!;
    expect(recordUrl).toMatch(/^\/r\/[a-z0-9]{8}$/);
    await context.close();
  });

  it('the public sees the names with masked numbers, on accessible pages', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/o/220202001001`);
    await expectAccessible(page, 'community');
    await shoot(page, 'community-360');
    await page.getByRole('link', { name: '2026年11月低保初审对象名单公示' }).first().click();
    await page.waitForURL(`**${recordUrl}`);
    const text = (await page.locator('main').textContent())!;
    for (const p of PEOPLE) expect(text).toContain(p.name);
    expect(text).toContain('110105********002X');
    expect(text).toContain('至 2026年11月11日 止');
    for (const raw of RAW) expect(await page.content()).not.toContain(raw);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'record');
    await shoot(page, 'record-360');

    for (const url of ['/', `/o/220202001001/items/${itemId}`, `/search?org=220202&q=${encodeURIComponent('最低生活保障')}`]) {
      await page.goto(server.url + url);
      await expectAccessible(page, url);
    }
    await expect(page.locator('mark').first().textContent()).resolves.toMatch(/低保|最低生活保障/);
    await shoot(page, 'search-360');

    const wide = await context.newPage();
    await wide.setViewportSize({ width: 1920, height: 1080 });
    await wide.goto(server.url + recordUrl);
    await shoot(wide, 'record-1920');
    await wide.emulateMedia({ media: 'print' });
    await shoot(wide, 'record-print');
    await page.goto(server.url + recordUrl);
    await page.getByRole('button', { name: '长辈模式（大字）' }).click();
    await page.waitForURL(`**${recordUrl}`);
    await expect(page.getAttribute('html', 'class')).resolves.toBe('elder');
    await expectAccessible(page, 'record (长辈模式)');
    await shoot(page, 'record-elder-360');
    await context.close();
  });

  it('after the 公示期 the list is gone from the public page, with the reason', async () => {
    clock.set('2026-11-12T09:00:00+08:00');
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(server.url + recordUrl);
    const text = (await page.locator('main').textContent())!;
    expect(text).toContain('2026年11月低保初审对象名单公示');
    expect(text).toContain('本名单于 2026年11月2日 公示，公示期至 2026年11月11日 结束');
    for (const p of PEOPLE) expect(text).not.toContain(p.name);
    expect(text).not.toContain('110105********002X');
    await expectAccessible(page, 'record after publicity');
    await shoot(page, 'record-after-publicity-360');
    await context.close();
  });
});
