/**
 * Issue 11, item 8: the record editor fits a 360 px phone with a table in the draft, an upload
 * error keeps the editor on the record with the size limit in words, deleting an attachment asks
 * first, and the public record page carries its print and share links. Screenshots go to /tmp.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '../../src/platform/clock.ts';
import type { Deps } from '../../src/platform/context.ts';
import type { Running } from '../../src/app/server.ts';
import { loadRecord } from '../../src/domains/record/index.ts';
import { approveRecord } from '../../src/domains/record/reviewRecord.ts';
import { submitRecord } from '../../src/domains/record/submitRecord.ts';
import { launchBrowser, startTestServer } from '../support/browser.ts';
import { PASSWORD } from '../support/fixtures.ts';
import { actor, draftRecord, seedRecordWorld } from '../support/records.ts';

const SHOTS = process.env.SCREENSHOT_TMP ?? '/tmp/gongkai-record-phone';
const TABLE = ['月份\t收入（元）\t支出（元）\t结余（元）\t经办人\t备注', '2026年10月\t12,000.00\t8,500.00\t3,500.00\t王明\t办公用品采购、活动场地租赁', '2026年9月\t11,200.00\t9,100.00\t2,100.00\t李建国\t老年活动中心水电费'].join('\n');

function png(): Buffer {
  const image = new PNG({ width: 8, height: 8 });
  image.data.fill(200);
  return PNG.sync.write(image);
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('the record editor and record page on a phone', () => {
  const clock = new FixedClock('2026-11-02T09:00:00+08:00');
  let server: Running;
  let browser: Browser;
  let deps: Deps;
  let id: number;

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
    deps = { db: server.db, clock, config: {} as Deps['config'] };
    await seedRecordWorld(deps);
    id = await draftRecord(deps, 'editor-a', '财务收支情况', { title: '2026年10月财务收支情况', bodyMd: '本月收支情况如下，接受居民监督。', tnew_text: TABLE, publicity: '0' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function editorPage(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('editor-a');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/staff');
    await page.goto(`${server.url}/staff/records/${id}`);
    return page;
  }

  it('fits 360 px with a table in the draft: the table scrolls in its own box', async () => {
    const phone = await editorPage(360);
    await expect.poll(() => phone.locator('#preview table').count()).toBeGreaterThan(0);
    await phone.screenshot({ path: `${SHOTS}-editor-360.png`, fullPage: true });
    expect(await pageWidth(phone)).toBeLessThanOrEqual(360);
    const box = phone.locator('#preview .table-scroll').first();
    expect(await box.evaluate((el) => getComputedStyle(el).overflowX)).toBe('auto');
    await phone.screenshot({ path: `${SHOTS}-editor-360.png`, fullPage: true });
    const desk = await editorPage(1280);
    expect(await pageWidth(desk)).toBeLessThanOrEqual(1280);
    await desk.screenshot({ path: `${SHOTS}-editor-1280.png`, fullPage: true });
    await desk.context().close();
    await phone.context().close();
  });

  it('keeps the editor on the record when an upload is too big or of the wrong kind, saying why', async () => {
    const page = await editorPage(360);
    const attach = page.locator('form[action$="/attachments"]');
    const big = join(mkdtempSync(join(tmpdir(), 'gk-upload-')), '扫描件.pdf');
    writeFileSync(big, Buffer.alloc(11 * 1024 * 1024, 0x25));
    await attach.locator('input[type=file]').setInputFiles(big);
    await attach.getByRole('button', { name: '上传附件', exact: true }).click();
    await expect.poll(() => page.locator('.notice-error').textContent()).toContain('单个文件不能超过 10 MB');
    expect(await page.locator('h1').textContent()).toContain('2026年10月财务收支情况');
    await page.screenshot({ path: `${SHOTS}-upload-too-big-360.png`, fullPage: true });
    await page.goto(`${server.url}/staff/records/${id}`);
    const again = page.locator('form[action$="/attachments"]');
    await again.locator('input[type=file]').setInputFiles({ name: '程序.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ not a document') });
    await again.getByRole('button', { name: '上传附件', exact: true }).click();
    await expect.poll(() => page.locator('.notice-error').textContent()).toContain('不是可接受的附件');
    expect(await page.locator('.notice-error').textContent()).toContain('10 MB');
    await page.context().close();
  });

  it('asks before deleting an attachment, on a page that works without JavaScript', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'zh-CN', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('editor-a');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/staff');
    await page.goto(`${server.url}/staff/records/${id}`);
    await page.locator('form[action$="/attachments"] input[type=file]').setInputFiles({ name: '公示照片.png', mimeType: 'image/png', buffer: png() });
    await page.getByRole('button', { name: '上传附件', exact: true }).click();
    await page.waitForURL(/done=attached/);
    await page.locator('.attachments').getByRole('link', { name: '删除' }).click();
    await page.waitForURL(/\/attachments\/\d+\/delete$/);
    expect(await page.locator('h1').textContent()).toBe('确定删除这个附件吗？');
    expect(await page.locator('main').textContent()).toContain('公示照片.png');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}-confirm-delete-360.png`, fullPage: true });
    await page.getByRole('link', { name: '不删除，返回' }).click();
    expect(await page.locator('.attachments').textContent()).toContain('公示照片.png');
    await page.locator('.attachments').getByRole('link', { name: '删除' }).click();
    await page.getByRole('button', { name: '确定删除' }).click();
    await page.waitForURL(/done=detached/);
    expect(await page.locator('main').textContent()).toContain('附件已删除');
    expect(await page.locator('.attachments').count()).toBe(0);
    await context.close();
  });

  it('shows print and share links on the public record page, which fits 360 px', async () => {
    await submitRecord(deps, await actor(deps, 'editor-a'), id);
    await approveRecord(deps, await actor(deps, 'supervisor-a'), id, {});
    const publicId = (await loadRecord(deps, id)).publicId;
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${server.url}/r/${publicId}`);
      const share = page.locator('section.share');
      expect(await share.getByRole('link', { name: '打印公示单（PDF，A4）' }).getAttribute('href')).toBe(`/r/${publicId}/sheet.pdf`);
      expect(await share.getByRole('link', { name: '保存本页二维码' }).getAttribute('href')).toBe(`/r/${publicId}/qr.svg`);
      expect(await share.locator('a[href$=".rss"]').count()).toBe(2);
      expect(await share.locator('img.share-qr').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      const sheet = await page.request.get(`${server.url}/r/${publicId}/sheet.pdf`);
      expect(sheet.headers()['content-type']).toBe('application/pdf');
      const feed = await page.request.get(`${server.url}${await share.locator('a[href$=".rss"]').first().getAttribute('href')}`);
      expect(await feed.text()).toContain('2026年10月财务收支情况');
      expect(await pageWidth(page)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SHOTS}-public-record-${width}.png`, fullPage: true });
      await context.close();
    }
  });
});
