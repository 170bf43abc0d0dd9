/** Issue 13: feed entries carry record titles as text, and no link is built from the Host header. */
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app/buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../../../test/support/db.ts';
import { seedSeedCatalogs } from '../../../../test/support/compliance.ts';
import { viewFixture } from '../fixtures.ts';
import { baseUrl, publicUrlWarning } from '../links.ts';
import { buildFeed, type FeedScope } from './buildFeed.ts';

const scope: FeedScope = { communityName: '甲一社区', homePath: '/o/220202001001', selfPath: '/feeds/220202001001' };
const HOSTILE_TITLE = '关于<img src=x onerror=alert(1)>“A&amp;B”的公示';
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

/** What a reader shows for an Atom text construct of type="html": the markup decoded as HTML. */
const renderedHtmlText = (html: string): string | null => (/[<>]/.test(html) ? null : html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));

describe('feed entries show a record title as typed', () => {
  const view = viewFixture({ title: HOSTILE_TITLE, bodyText: '正文 <script>alert(1)</script> & 其他' });

  it('Atom: a type="html" title and summary carry escaped text, no live markup', () => {
    const entry = parser.parse(buildFeed('atom', scope, [view], 'https://gk.example.cn', new Date())).feed.entry;
    expect(entry.title['@type']).toBe('html');
    expect(renderedHtmlText(entry.title['#text'])).toBe(HOSTILE_TITLE);
    expect(renderedHtmlText(entry.summary['#text'])).toContain('<script>alert(1)</script> & 其他');
  });

  it('RSS: the HTML description is escaped, the plain title kept as is', () => {
    const item = parser.parse(buildFeed('rss', scope, [view], 'https://gk.example.cn', new Date())).rss.channel.item;
    expect(item.title).toBe(HOSTILE_TITLE);
    expect(renderedHtmlText(item.description)).toContain('<script>alert(1)</script> & 其他');
  });

  it('JSON Feed: title and summary are plain text already', () => {
    const item = (JSON.parse(buildFeed('json', scope, [view], 'https://gk.example.cn', new Date())) as { items: Record<string, string>[] }).items[0]!;
    expect(item.title).toBe(HOSTILE_TITLE);
  });
});

describe('links never come from the Host header', () => {
  it('uses PUBLIC_URL, else the configured listen address, and warns once when PUBLIC_URL is unset', () => {
    expect(baseUrl({ publicUrl: 'https://gk.example.cn/', host: '0.0.0.0', port: 80 }, { protocol: 'http', host: 'evil.example' })).toBe('https://gk.example.cn');
    expect(baseUrl({ publicUrl: null, host: '10.1.2.3', port: 3000 }, { protocol: 'http', host: 'evil.example' })).toBe('http://10.1.2.3:3000');
    expect(publicUrlWarning({ publicUrl: null, host: '10.1.2.3', port: 3000 })).toContain('未设置 PUBLIC_URL');
    expect(publicUrlWarning({ publicUrl: 'https://gk.example.cn', host: '10.1.2.3', port: 3000 })).toBeNull();
  });
});

describe.each(databaseKinds)('a cached feed with PUBLIC_URL unset on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  beforeAll(async () => {
    deps = await createTestDeps(kind, { env: { HOST: '10.1.2.3', PORT: '8080' } });
    await seedSeedCatalogs(deps);
    app = await buildApp(deps, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('does not reflect a forged Host into the feed', async () => {
    for (const format of ['rss', 'atom', 'json']) {
      const res = await app.inject({ method: 'GET', url: `/feeds/220202004001.${format}`, headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toContain('public');
      expect(res.body).not.toContain('evil.example');
      expect(res.body).toContain('http://10.1.2.3:8080/feeds/220202004001');
    }
  });
});
