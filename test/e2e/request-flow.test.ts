import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { FixedClock } from '../../src/platform/clock.ts';
import type { Deps } from '../../src/platform/context.ts';
import { queryRows } from '../../src/platform/db.ts';
import type { Running } from '../../src/app/server.ts';
import { launchBrowser, loginStaff, startTestServer } from '../support/browser.ts';
import { publishRecord, seedRecordWorld } from '../support/records.ts';

const NAME = '孙淑珍';
const PHONE = '13612340987';

describe('a resident asks and objects; staff answer with a letter', () => {
  const clock = new FixedClock('2026-11-02T09:00:00+08:00');
  let server: Running;
  let browser: Browser;
  let pid = '';

  beforeAll(async () => {
    server = await startTestServer({}, { clock });
    const deps: Deps = { db: server.db, clock, config: {} as Deps['config'] };
    await seedRecordWorld(deps);
    const id = await publishRecord(deps, 'a', '低保对象名单', { title: '2026年11月低保对象名单公示', bodyMd: '拟纳入低保：刘某某' });
    pid = (await queryRows<{ public_id: string }>(server.db.orm, sql`select public_id from records where id = ${id}`))[0]!.public_id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A resident on a phone fills in the form; the clock moves on as a person would take time. */
  async function fillForm(page: Page, subject: string, details: string) {
    await page.getByLabel('想了解或有疑问的事（标题）').fill(subject);
    await page.getByLabel('具体内容').fill(details);
    await page.getByLabel('您的姓名').fill(NAME);
    await page.getByLabel('联系电话（手机号或带区号的固定电话）').fill(PHONE);
    clock.advanceMinutes(3);
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: '已收到，谢谢您' }).waitFor();
    return (await page.getByLabel('查询码').textContent())!.trim();
  }

  it('objects to a 低保 list during its 公示期; the supervisor answers 更正; the trail shows on the record', { timeout: 120_000 }, async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const page = await phone.newPage();
    await page.goto(`${server.url}/r/${pid}`);
    await page.getByRole('link', { name: /对这条公开内容有疑义/ }).click();
    const code = await fillForm(page, '名单中有人不符合条件', '刘某某家开有商铺，请核实。');
    await page.getByRole('link', { name: '查看办理进度' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('疑义');

    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const sup = await loginStaff(staff, server.url, 'supervisor-a');
    await sup.getByRole('link', { name: '依申请公开、查询与疑义' }).first().click(); // the to-do list links it too
    await sup.getByRole('link', { name: '名单中有人不符合条件' }).click();
    await sup.getByRole('button', { name: '由我办理' }).click();
    await sup.getByLabel('处理结果（疑义）').selectOption('correct');
    await sup.getByLabel(/答复内容/).fill('经入户核实，反映属实，已更正名单并重新公示。');
    await sup.getByRole('button', { name: '答复', exact: true }).click();
    await sup.getByText('已答复').first().waitFor();

    await page.goto(`${server.url}/r/${pid}/objection`);
    const trail = await page.locator('section.card').last().textContent();
    expect(trail).toContain('更正');
    expect(trail).toContain('已更正名单并重新公示');
    await page.goto(`${server.url}/q/${code}`);
    await expect(page.textContent('main')).resolves.toContain('更正');
    for (const url of [`/r/${pid}`, `/r/${pid}/objection`, `/q/${code}`]) {
      await page.goto(server.url + url);
      const html = await page.content();
      expect(html, url).not.toContain(PHONE);
      expect(html, url).not.toContain(NAME);
    }
  });

  it('a request to a street runs to a reply letter', { timeout: 120_000 }, async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const page = await phone.newPage();
    await page.goto(`${server.url}/o/220202001`);
    await page.getByRole('link', { name: '申请政府信息公开' }).click();
    await fillForm(page, '老旧小区改造资金使用情况', '请提供本街道2026年老旧小区改造资金使用明细。');
    await expect(page.textContent('main')).resolves.toContain('2026年11月30日前答复');

    const staff = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const street = await loginStaff(staff, server.url, 'street-a');
    await street.goto(`${server.url}/staff/requests`);
    await street.getByRole('link', { name: '老旧小区改造资金使用情况' }).click();
    await expect(street.textContent('main')).resolves.toContain('第1个工作日为2026年11月3日');
    await street.locator('select[name=replyKind]').selectOption('disclose'); // the reason list's label names 答复类型 too
    await street.getByLabel(/答复内容/).fill('现提供资金使用明细表，详见附件。');
    await street.getByRole('button', { name: '作出答复' }).click();
    await street.getByRole('link', { name: '查看答复书' }).click();
    const letter = await street.textContent('main');
    expect(letter).toContain('政府信息公开申请答复书');
    expect(letter).toContain('第三十六条第（二）项');
    expect(letter).toContain(NAME); // the handler's own letter names the applicant
  });
});
