/*
 * Issue 14: a public page costs a fixed number of SQL statements, however much is published.
 * Counted with the page cache off (every request renders), for each public page, with a little
 * data and with more records and organisations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './buildApp.ts';
import { createTestDeps, databaseKinds, type TestDeps } from '../../test/support/db.ts';
import { itemIdOf, publishRecord, seedRecordWorld } from '../../test/support/records.ts';
import { addOrganisation } from '../domains/org/index.ts';
import { loadRecord } from '../domains/record/index.ts';

/*
 * What each public page may run, on the embedded database and on PostgreSQL (which also reads the
 * context version: other instances may have changed it). The session lookup of a visitor without
 * a cookie runs none. Counted in this order, so the catalogs read by the home page are kept by
 * the pages after it. A page that needs one more statement must say why here.
 */
const BUDGET: Record<string, [pglite: number, postgres: number]> = {
  home: [5, 5],
  district: [5, 6],
  street: [5, 6],
  community: [2, 4], // the community with its lineage, its latest records; catalogs and settings are kept
  item: [2, 4],
  record: [4, 5], // the record, its versions, its organisation's lineage, its files
  search: [4, 5],
  'search in a community': [5, 6],
  feed: [4, 5],
  'item feed': [4, 6],
  screen: [5, 6],
  'sheet PDF': [4, 5],
};

describe.each(databaseKinds)('statements per public page on $name', (kind) => {
  let deps: TestDeps;
  let app: FastifyInstance;
  let pages: [name: string, url: string][];

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const [, url] of pages) {
      let n = 0;
      const stop = deps.db.observe(() => n++);
      const res = await app.inject({ url });
      stop();
      expect(res.statusCode, url).toBe(200);
      out[url] = n;
    }
    return out;
  }

  beforeAll(async () => {
    deps = await createTestDeps(kind, { env: { PAGE_CACHE_MB: '0' } });
    await seedRecordWorld(deps);
    const first = await publishRecord(deps, 'a', '财务收支情况', { title: '一月财务收支', bodyMd: '低保金 收支' });
    await publishRecord(deps, 'b', '财务收支情况', { title: '乙一财务收支', bodyMd: '收支' });
    const publicId = (await loadRecord(deps, first)).publicId;
    const item = await itemIdOf(deps, '220202001001', '财务收支情况');
    pages = [
      ['home', '/'],
      ['district', '/o/220202'],
      ['street', '/o/220202001'],
      ['community', '/o/220202001001'],
      ['item', `/o/220202001001/items/${item}`],
      ['record', `/r/${publicId}`],
      ['search', `/search?q=${encodeURIComponent('低保')}`],
      ['search in a community', `/search?q=${encodeURIComponent('财务')}&org=220202001001`],
      ['feed', '/feeds/220202001001.rss'],
      ['item feed', `/feeds/220202001001/items/${item}.rss`],
      ['screen', '/screen/220202001001/slides.json'],
      ['sheet PDF', `/r/${publicId}/sheet.pdf`],
    ];
    app = await buildApp(deps, { logger: false });
  }, 180_000);
  afterAll(async () => {
    await app.close();
    await deps.dispose();
  });

  it('stays the same when records and organisations grow', async () => {
    const small = await counts();
    for (const [name, url] of pages) expect(small[url], `${name} ${url}`).toBeLessThanOrEqual(BUDGET[name]![kind.name === 'pglite' ? 0 : 1]);
    for (let i = 0; i < 6; i++) {
      await publishRecord(deps, i % 2 ? 'a' : 'b', '财务收支情况', { title: `${i + 2}月财务收支`, bodyMd: '低保金 收支' });
    }
    const system = { id: null, name: 'test', ip: null, user: null };
    for (let i = 2; i <= 4; i++) await addOrganisation(deps, system, { code: `22020200100${i}`, name: `甲${i}社区`, kind: 'community', parentCode: '220202001' });
    // No more than before, page by page (fewer where a kept organisation tree is still current).
    const grown = await counts();
    expect(Object.keys(grown)).toEqual(Object.keys(small));
    for (const [url, n] of Object.entries(grown)) expect(n, url).toBeLessThanOrEqual(small[url]!);
  }, 180_000);

  // PGlite plans in WebAssembly, several times slower than PostgreSQL (platform/pgliteStatements.ts).
  it.runIf(kind.name === 'pglite')('plans a page’s statements once on the embedded database, not on every visit', async () => {
    const texts: string[] = [];
    const stop = deps.db.observe((text) => texts.push(text));
    const namesAfterVisit = async () => {
      await app.inject({ url: '/o/220202001001' });
      const held = await deps.db.executeSql(`select name, statement from pg_prepared_statements`);
      return new Map(held.rows.map((r) => [r.statement, r.name]));
    };
    const first = await namesAfterVisit();
    const second = await namesAfterVisit();
    stop();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      expect(first.has(text), text).toBe(true);
      expect(second.get(text), `${text} prepared again`).toBe(first.get(text));
    }
  });

  // A 低保 list's table can be thousands of rows; a page listing 20 records shows only titles.
  it('lists records without reading their bodies, tables or history', async () => {
    const lists = pages.map(([, url]) => url).filter((url) => url === '/' || /^\/o\/[^?]*$/.test(url));
    expect(lists).toHaveLength(5);
    for (const url of lists) {
      const statements: string[] = [];
      const stop = deps.db.observe((text) => statements.push(text));
      const res = await app.inject({ url });
      stop();
      expect(res.statusCode, url).toBe(200);
      const read = statements.join('\n');
      for (const column of ['"body_md"', '"tables"', '"correction_note"', '"file_name"']) expect(read, `${url} reads ${column}`).not.toContain(column);
    }
  });

  // A result quotes the text around the words found, and shows neither the 更正 history nor the files.
  it('searches without reading history or attachments', async () => {
    for (const [, url] of pages.filter(([, u]) => u.startsWith('/search'))) {
      const statements: string[] = [];
      const stop = deps.db.observe((text) => statements.push(text));
      const res = await app.inject({ url });
      stop();
      expect(res.body, url).toContain('<mark>');
      expect(statements.join('\n'), url).not.toMatch(/from "record_attachments"|from "record_versions" where/);
    }
  });
});
