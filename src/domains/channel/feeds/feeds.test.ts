/** Each feed parsed and checked against its format's required elements. */
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { accountsFixture, UNMASKED_ID, viewFixture } from '../fixtures.ts';
import { buildFeed, type FeedScope } from './buildFeed.ts';

const BASE = 'https://gk.example.cn';
const NOW = new Date('2026-11-02T09:00:00+08:00');
const scope: FeedScope = { communityName: '甲一社区', homePath: '/o/220202001001', selfPath: '/feeds/220202001001' };
const views = [
  viewFixture(),
  accountsFixture(),
  viewFixture({ id: 'res00001', title: '特定群体：困难家庭临时救助名单', audience: 'residents', url: '/r/res00001' }),
  viewFixture({ id: 'wd000001', title: '已撤回的公示', bodyText: '', bodyHtml: '', tables: [], withdrawal: { at: new Date('2026-11-01T10:00:00+08:00'), reason: '重新评议' }, url: '/r/wd000001' }),
];
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const isRfc822 = (s: string) => /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(s) && !Number.isNaN(Date.parse(s));
const isRfc3339 = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s);

describe('feeds', () => {
  it('RSS 2.0: channel title/link/description, items with guid, pubDate and absolute links', () => {
    const xml = buildFeed('rss', scope, views, BASE, NOW);
    const doc = parser.parse(xml);
    expect(doc.rss['@version']).toBe('2.0');
    const ch = doc.rss.channel;
    expect(ch.title).toBe('甲一社区居务公开');
    expect(ch.link).toBe(`${BASE}/o/220202001001`);
    expect(typeof ch.description).toBe('string');
    expect(ch.language).toBe('zh-CN');
    expect(asList(ch['atom:link'])[0]['@href']).toBe(`${BASE}/feeds/220202001001.rss`);
    const items = asList<Record<string, unknown>>(ch.item);
    expect(items.map((i) => i.title)).toEqual(['关于2026年10月城乡居民最低生活保障新增对象的公示', '【已撤回】已撤回的公示', '甲一社区2026年第三季度财务收支公开']);
    for (const item of items) {
      expect(String(item.link)).toMatch(/^https:\/\/gk\.example\.cn\/r\/\w+$/);
      expect((item.guid as Record<string, string>)['#text']).toBe(item.link);
      expect(isRfc822(String(item.pubDate))).toBe(true);
    }
  });

  it('Atom: feed id/title/updated/author, entries with id/title/updated/link and html content', () => {
    const doc = parser.parse(buildFeed('atom', scope, views, BASE, NOW));
    const feed = doc.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${BASE}/feeds/220202001001`);
    expect(feed.title).toBe('甲一社区居务公开');
    expect(isRfc3339(feed.updated)).toBe(true);
    expect(feed.author.name).toBe('甲一社区');
    expect(asList<Record<string, string>>(feed.link).some((l) => l['@rel'] === 'self' && l['@href'] === `${BASE}/feeds/220202001001.atom`)).toBe(true);
    const entries = asList<Record<string, unknown>>(feed.entry);
    expect(entries).toHaveLength(3);
    for (const e of entries) {
      expect(String(e.id)).toMatch(/^https:\/\//);
      expect(isRfc3339(String(e.updated))).toBe(true);
      expect(e.title).toBeTruthy();
      expect((asList(e.link)[0] as Record<string, string>)['@href']).toBe(e.id);
    }
  });

  it('JSON Feed: version, title, items with id, url and content', () => {
    const feed = JSON.parse(buildFeed('json', scope, views, BASE, NOW)) as Record<string, unknown>;
    expect(String(feed.version)).toMatch(/^https:\/\/jsonfeed\.org\/version\/1(\.1)?$/);
    expect(feed.title).toBe('甲一社区居务公开');
    expect(feed.home_page_url).toBe(`${BASE}/o/220202001001`);
    expect(feed.feed_url).toBe(`${BASE}/feeds/220202001001.json`);
    const items = feed.items as Record<string, unknown>[];
    expect(items).toHaveLength(3);
    for (const item of items) {
      expect(typeof item.id).toBe('string');
      expect(typeof item.content_html === 'string' || typeof item.content_text === 'string').toBe(true);
      expect(String(item.url)).toMatch(/^https:\/\/gk\.example\.cn\/r\//);
      expect(isRfc3339(String(item.date_published))).toBe(true);
    }
  });

  it('carries only what the public may see: no 特定群体 record, no rows of lists of people, nothing unmasked', () => {
    const leaky = viewFixture({ bodyHtml: `<p>身份证号 ${UNMASKED_ID}</p>`, bodyText: `身份证号 ${UNMASKED_ID}` });
    for (const format of ['rss', 'atom', 'json'] as const) {
      const out = buildFeed(format, scope, [...views, leaky], BASE, NOW);
      expect(out).not.toContain('特定群体：困难家庭临时救助名单');
      expect(out).not.toContain('220202********1000');
      expect(out).toContain('2026年10月城乡居民最低生活保障新增对象名单（共 6 行，涉及个人信息');
      expect(out).toContain('上级拨付社区工作经费');
      expect(out).not.toMatch(/\d{17}[\dXx]/);
      expect(out).toContain('撤回原因：重新评议');
    }
  });

  it('a feed of one item is titled by the item', () => {
    const doc = parser.parse(buildFeed('rss', { ...scope, itemName: '最低生活保障', selfPath: '/feeds/220202001001/items/11' }, [viewFixture()], BASE, NOW));
    expect(doc.rss.channel.title).toBe('甲一社区 · 最低生活保障');
  });
});
