/**
 * The electronic screen in Debian's Chromium at 1920×1080 (and 1080×1920): every slide's content
 * fits without scrolling, the page rotates, new content is swapped in, a registered screen
 * reports its plays; and the push job runs through pg-boss on a real server to a local receiver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/platform/clock.ts';
import type { Deps } from '../../src/platform/context.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Running } from '../../src/app/server.ts';
import { registerScreen } from '../../src/domains/channel/screen/screens.ts';
import { savePlaylist } from '../../src/domains/channel/screen/playlistForm.ts';
import { saveWebhook } from '../../src/domains/channel/push/webhooks.ts';
import { PUSH_JOB } from '../../src/domains/channel/index.ts';
import { findOrganisation } from '../../src/domains/org/orgTree.ts';
import { beijingMinutes } from '../../src/platform/time.ts';
import { launchBrowser, SCREENSHOT_DIR, startTestServer } from '../support/browser.ts';
import { addUser } from '../support/fixtures.ts';
import { seedSeedCatalogs } from '../support/compliance.ts';
import { publishRecord } from '../support/channelRecords.ts';
import { startReceiver, type Receiver } from '../support/webhookReceiver.ts';

const SYSTEM = { id: null, name: 'test', ip: null };
const rows = Array.from({ length: 40 }, (_, i) => `${i + 1}\t${['张秀华', '李明', '王建国', '赵芳', '刘洋'][i % 5]}\t2202021980031500${String(10 + i).slice(-2)}\t138${String(10000000 + i * 7919).slice(-8)}\t${(i % 4) + 1}`);
const LIST = ['序号\t姓名\t身份证号\t联系电话\t保障人数', ...rows].join('\n');

/** Every slide made current in turn: its content box must not need scrolling, nor the page. */
async function overflowOf(page: Page): Promise<{ slides: number; bad: string[] }> {
  return page.evaluate(async () => {
    const slides = Array.from(document.querySelectorAll<HTMLElement>('#stage .slide'));
    const bad: string[] = [];
    for (const [i, s] of slides.entries()) {
      slides.forEach((x) => x.classList.toggle('current', x === s));
      const c = s.querySelector<HTMLElement>('.content')!;
      c.style.setProperty('--fit', '1');
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      if (c.scrollHeight > c.clientHeight + 1 || c.scrollWidth > c.clientWidth + 1) bad.push(`slide ${i}: ${c.scrollWidth}×${c.scrollHeight} in ${c.clientWidth}×${c.clientHeight}`);
    }
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth || doc.scrollHeight > window.innerHeight) bad.push(`page ${doc.scrollWidth}×${doc.scrollHeight}`);
    return { slides: slides.length, bad };
  });
}

describe('the electronic screen in a real browser', () => {
  let server: Running;
  let browser: Browser;
  let deps: Deps;
  let rx: Receiver;
  let key: string;

  beforeAll(async () => {
    rx = await startReceiver();
    // The test's robot receiver listens on loopback: allowed the way an intranet install would allow its own.
    server = await startTestServer({ PUBLIC_URL: 'https://gk.example.cn', WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
    deps = { db: server.db, clock: systemClock, config: loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-e2e-deps-')), PUBLIC_URL: 'https://gk.example.cn', WEBHOOK_ALLOW_HOSTS: '127.0.0.1', LOG_LEVEL: 'silent' }) };
    await seedSeedCatalogs(deps);
    await addUser(deps, 'yanan-supervisor', 'supervisor', '220202004001');
    await publishRecord(deps, { editor: 'yanan-editor', supervisor: 'yanan-supervisor', item: '最低生活保障', title: '关于2026年11月城乡居民最低生活保障新增对象的公示', body: '根据《社会救助暂行办法》，经本人申请、入户调查、民主评议，拟将以下居民纳入最低生活保障范围，现予公示。公示期内如有异议，请向社区居务监督委员会反映。', table: { caption: '2026年11月低保新增对象名单', tsv: LIST } });
    await publishRecord(deps, { editor: 'yanan-editor', supervisor: 'yanan-supervisor', item: '社区居务监督机构', title: '延安社区居务监督委员会成员名单', body: '主任：王*国\n委员：李*、赵*芳\n监督电话：0432-6234****', publicity: false });
    const org = (await findOrganisation(deps, '220202004001'))!;
    key = (await registerScreen(deps, SYSTEM, org, { name: '服务站大厅电子屏' })).token;
    await savePlaylist(deps, SYSTEM, org, { entries: [], excluded: [], defaultSeconds: 2, onHours: [] });
    browser = await launchBrowser();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rx?.close();
  });

  for (const [orientation, width, height] of [['landscape', 1920, 1080], ['portrait', 1080, 1920]] as const) {
    it(`fits every slide on a ${width}×${height} screen and reports plays`, async () => {
      const page = await browser.newPage({ viewport: { width, height } });
      // Chromium picks the orientation from the window; the key rides in the fragment.
      await page.goto(`${server.url}/screen/220202004001#key=${key}`);
      await page.waitForURL(orientation === 'portrait' ? /o=portrait/ : /screen\/220202004001/);
      await page.waitForSelector('.slide.current');
      expect(await page.getAttribute('html', 'class')).toBe(`screen ${orientation}`);
      const { slides, bad } = await overflowOf(page);
      expect(slides).toBeGreaterThan(3);
      expect(bad).toEqual([]);
      await page.evaluate(() => document.querySelectorAll('#stage .slide').forEach((s, i) => s.classList.toggle('current', i === 0)));
      await page.waitForTimeout(700);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `screen-${width}x${height}.png`) });
      await page.evaluate(() => document.querySelectorAll('#stage .slide').forEach((s, i) => s.classList.toggle('current', i === 1)));
      await page.waitForTimeout(700);
      await page.screenshot({ path: join(SCREENSHOT_DIR, `screen-${width}x${height}-table.png`) });
      const text = await page.locator('#stage').textContent();
      expect(text).not.toMatch(/\d{17}[\dXx]/);
      // The script sends its play log a few seconds after start.
      const posted = await page.waitForResponse((r) => r.url().endsWith('/screen/220202004001/plays') && r.request().method() === 'POST', { timeout: 15_000 });
      expect(posted.status()).toBe(200);
      expect(((await posted.json()) as { accepted: number }).accepted).toBeGreaterThan(0);
      await page.close();
    });
  }

  it('swaps in new content without reloading and keeps playing when the server is unreachable', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/screen/220202004001`);
    await page.waitForSelector('.slide.current');
    await page.evaluate(() => ((window as unknown as { gkLoaded: boolean }).gkLoaded = true));
    await publishRecord(deps, { editor: 'yanan-editor', supervisor: 'yanan-supervisor', item: '财务收支情况', title: '延安社区2026年10月财务收支公开', body: '本月收入 12,000 元，支出 3,200 元。', publicity: false });
    await page.evaluate(() => window.dispatchEvent(new Event('gk-poll')));
    await page.waitForFunction(() => document.querySelector('#stage')!.textContent!.includes('延安社区2026年10月财务收支公开'), undefined, { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { gkLoaded?: boolean }).gkLoaded)).toBe(true);
    await page.route('**/slides.json*', (route) => route.abort());
    await page.evaluate(() => window.dispatchEvent(new Event('gk-poll')));
    await page.waitForSelector('#offline:not([hidden])');
    const before = await page.locator('.slide.current').getAttribute('data-record');
    await page.waitForFunction((b) => document.querySelector('.slide.current')?.getAttribute('data-record') !== b, before, { timeout: 10_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'screen-offline.png') });
    await page.close();
  });

  it('goes to standby outside the hours the server sends, without a time-of-day rule of its own', async () => {
    const org = (await findOrganisation(deps, '220202004001'))!;
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/screen/220202004001`);
    await page.waitForSelector('.slide.current');
    expect(await page.isHidden('#standby')).toBe(true);
    // Hours that start two hours from now (Beijing): the screen must be dark now.
    const hhmm = (m: number) => `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const now = beijingMinutes(new Date());
    await savePlaylist(deps, SYSTEM, org, { entries: [], excluded: [], defaultSeconds: 2, onHours: [{ from: hhmm(now + 120), to: hhmm(now + 180) }] });
    try {
      const data = (await (await fetch(`${server.url}/screen/220202004001/slides.json`)).json()) as { onAir: { on: [number, number][] } };
      expect(data.onAir.on[0]![0]).toBeGreaterThan(Date.now() + 100 * 60_000);
      await page.evaluate(() => window.dispatchEvent(new Event('gk-poll')));
      await page.waitForSelector('#standby:not([hidden])', { timeout: 10_000 });
    } finally {
      await savePlaylist(deps, SYSTEM, org, { entries: [], excluded: [], defaultSeconds: 2, onHours: [] });
      await page.close();
    }
  });

  it('sends a push through the pg-boss job to a local receiver', async () => {
    const org = (await findOrganisation(deps, '220202004001'))!;
    await saveWebhook(deps, SYSTEM, org, { name: '居民微信群', kind: 'wecom', format: 'news', url: `${rx.url}/wecom/send?key=k`, countsAs: '微信群' }, ['微信群']);
    await new Promise((r) => setTimeout(r, 1100));
    await publishRecord(deps, { editor: 'yanan-editor', supervisor: 'yanan-supervisor', item: '临时救助', title: '延安社区临时救助情况公开', body: '本月临时救助 3 户。' }); // a personal list: published as a 公示 with its days
    await server.jobs.run(PUSH_JOB, 30_000);
    const got = rx.received.find((r) => r.path === '/wecom/send');
    expect(got?.body).toMatchObject({ msgtype: 'news', news: { articles: [expect.objectContaining({ title: '【延安社区】延安社区临时救助情况公开' })] } });
  });
});
