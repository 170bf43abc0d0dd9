/** Screen pages planned on the server: every row once, headers repeated, windows and playlists obeyed. */
import { describe, expect, it } from 'vitest';
import { accountsFixture, subsidyTable, viewFixture } from '../fixtures.ts';
import { paginate, tableWidths, type Block } from './paginate.ts';
import { currentRecords, inWindows, schedule, type Playlist } from './playlist.ts';
import { buildSlides, slidesHash } from './slides.ts';

const tablesOf = (blocks: Block[]) => blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');

describe('screen pagination', () => {
  it.each(['landscape', 'portrait'] as const)('pages a 100-row list on %s with caption and header on every page', (o) => {
    const pages = paginate(viewFixture({ tables: [subsidyTable(100)] }), o);
    expect(pages.length).toBeGreaterThan(3);
    const withTable = pages.filter((p) => tablesOf(p.blocks).length > 0);
    const rows = withTable.flatMap((p) => tablesOf(p.blocks).flatMap((t) => t.rows));
    expect(rows).toHaveLength(100);
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 100 }, (_, i) => String(i + 1)));
    withTable.forEach((p, i) => {
      const [t] = tablesOf(p.blocks);
      expect(t!.columns.map((c) => c.name)).toEqual(['序号', '姓名', '身份证号', '联系电话', '保障人数', '月保障金额']);
      expect(t!.continued).toBe(i > 0);
      expect(t!.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    });
    pages.forEach((p, i) => {
      expect(p).toMatchObject({ page: i + 1, pages: pages.length });
      expect(p.blocks[0]).toMatchObject({ kind: 'title', continued: i > 0 });
    });
  });

  it('splits a long body between lines and indents only the start of a paragraph', () => {
    const long = '社区居民委员会按照要求公开本季度的各项工作情况，接受居民监督。'.repeat(40);
    const pages = paginate(viewFixture({ bodyText: long, tables: [] }), 'landscape');
    expect(pages.length).toBeGreaterThan(1);
    const paras = pages.flatMap((p) => p.blocks.filter((b): b is Extract<Block, { kind: 'para' }> => b.kind === 'para'));
    expect(paras.map((b) => b.text).join('')).toBe(long);
    expect(paras.map((b) => b.indent)).toEqual([true, ...paras.slice(1).map(() => false)]);
  });

  it('keeps masked IDs and mobiles whole on a landscape screen and breaks them at one fixed place on portrait', () => {
    const table = subsidyTable(5);
    const wide = tableWidths(table, 1792, 36, 12)!;
    expect(wide).toMatchObject({ wrap: false });
    expect(wide.widths).toHaveLength(6);
    const [portraitTable] = tablesOf(paginate(viewFixture({ tables: [table] }), 'portrait').flatMap((p) => p.blocks));
    expect(portraitTable!.rows[0]![2]).toBe('220202\u200b********1000');
    expect(portraitTable!.rows[0]![3]).toBe('138\u200b****5600');
    const [landscapeTable] = tablesOf(paginate(viewFixture({ tables: [table] }), 'landscape').flatMap((p) => p.blocks));
    expect(landscapeTable!.em).toBeGreaterThan(0.7);
    expect(landscapeTable!.rows[0]![2]).toBe('220202********1000');
  });

  it('shows a correction note and the note left when a list was taken down', () => {
    const [page] = paginate(viewFixture({ version: 2, correctionNote: '更正保障人数', tables: [], listWithdrawnNote: '公示期满后不再公开名单内容。' }), 'landscape');
    expect(page!.blocks.filter((b) => b.kind === 'note').map((b) => (b as { text: string }).text)).toEqual(['更正说明：更正保障人数', '公示期满后不再公开名单内容。']);
  });
});

describe('screen playlist', () => {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

  it('knows daily windows, including one past midnight', () => {
    expect(inWindows([], minutes('03:00'))).toBe(true);
    expect(inWindows([{ from: '07:00', to: '21:30' }], minutes('07:00'))).toBe(true);
    expect(inWindows([{ from: '07:00', to: '21:30' }], minutes('21:30'))).toBe(false);
    expect(inWindows([{ from: '22:00', to: '06:00' }], minutes('23:59'))).toBe(true);
    expect(inWindows([{ from: '22:00', to: '06:00' }], minutes('05:59'))).toBe(true);
    expect(inWindows([{ from: '22:00', to: '06:00' }], minutes('12:00'))).toBe(false);
    expect(inWindows([{ from: '08:00', to: '09:00' }, { from: '18:00', to: '20:00' }], minutes('19:00'))).toBe(true);
  });

  it('plays records in their publicity period and the latest of each item, never withdrawn or 特定群体 ones', () => {
    const old = viewFixture({ id: 'old00001', publishedAt: new Date('2026-09-01T09:00:00+08:00'), publicityEndsOn: '2026-09-08' });
    const running = viewFixture({ id: 'run00001', publishedAt: new Date('2026-10-29T09:00:00+08:00'), publicityEndsOn: '2026-11-05' });
    const latest = viewFixture({ id: 'new00001' });
    const views = [old, running, latest, accountsFixture(), viewFixture({ id: 'res00001', audience: 'residents' }), accountsFixture({ id: 'wd000001', publishedAt: new Date('2026-10-31T09:00:00+08:00'), withdrawal: { at: new Date(), reason: '错' } })];
    const current = currentRecords(views, '2026-11-02');
    expect(current.get(viewFixture().itemKey)!.map((v) => v.id)).toEqual(['new00001', 'run00001']);
    expect(current.get(accountsFixture().itemKey)!.map((v) => v.id)).toEqual(['a3f8c1x5']);
  });

  it('plays the items the catalog puts on the screen unless staff excluded them; ticked items first, with their seconds and windows', () => {
    const views = [viewFixture(), accountsFixture()]; // both items require 公开栏（电子屏）
    const accounts = accountsFixture().itemKey;
    const playlist: Playlist = { entries: [{ itemKey: accounts, seconds: 30, windows: [{ from: '08:00', to: '12:00' }] }], excluded: [], defaultSeconds: 15, onHours: [] };
    const run = (p: Playlist, v = views) => schedule(v, p, '2026-11-02').map((s) => [s.view.id, s.seconds, s.windows.length]);
    expect(run(playlist)).toEqual([['a3f8c1x5', 30, 1], ['k7d2m9q4', 15, 0]]);
    expect(run({ ...playlist, excluded: [viewFixture().itemKey] })).toEqual([['a3f8c1x5', 30, 1]]);
    expect(run({ ...playlist, excluded: [accounts] })).toEqual([['k7d2m9q4', 15, 0]]);
    expect(run({ ...playlist, entries: [] })).toEqual([['k7d2m9q4', 15, 0], ['a3f8c1x5', 15, 0]]);
    const webOnly = viewFixture({ id: 'web00001', itemKey: 'web-only', requiredChannels: ['政府网站'] });
    expect(run({ ...playlist, entries: [] }, [webOnly])).toEqual([]);
    expect(run({ ...playlist, entries: [{ itemKey: 'web-only', seconds: 20, windows: [] }] }, [webOnly])).toEqual([['web00001', 20, 0]]);
  });

  it('builds slides with a QR code per record and a hash that changes only with the content', () => {
    const opts = { orientation: 'landscape' as const, today: '2026-11-02', baseUrl: 'https://gk.example.cn' };
    const playlist: Playlist = { entries: [], excluded: [], defaultSeconds: 15, onHours: [] };
    const a = buildSlides([viewFixture()], playlist, opts);
    expect(a[0]).toMatchObject({ recordId: 'k7d2m9q4', published: '发布日期：2026年10月30日', publicity: '公示期至 2026年11月6日' });
    expect(a[0]!.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(slidesHash(a, playlist)).toBe(slidesHash(buildSlides([viewFixture()], playlist, opts), playlist));
    expect(slidesHash(a, playlist)).not.toBe(slidesHash(buildSlides([viewFixture({ title: '新标题' })], playlist, opts), playlist));
  });
});
