import { describe, expect, it } from 'vitest';
// The parser itself, on this thread: the worker pool's transfer cost is not what is measured.
import { parseCatalogBytes as parseCatalogFile } from './parseFile.ts';
import { HEADER, ROWS, tabText, utf8 } from './fixtures.ts';

// Hostile sizes that once froze the whole server (quadratic loops in align.ts and groups.ts).
// Each must finish in a few seconds; the limits are generous for a loaded 2-core machine but far
// below what the quadratic code took (20k trailing tabs: 60 s; 8,000 blank group rows: 69 s).
describe('catalog import stays linear in its input', () => {
  it('reads a row with 100k trailing tabs', async () => {
    const text = tabText(HEADER, [ROWS[0]!.concat(Array<string>(100_000).fill('')), ROWS[2]!]);
    const started = performance.now();
    const catalog = await parseCatalogFile({ fileName: 'tabs.txt', bytes: utf8(text) });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(catalog.items.map((i) => i.name)).toEqual(['低保对象名单', '财务收支情况']);
  });

  // 100k rows of 60 bytes: under the 10 MB upload limit, the largest a user can send.
  it('fills blank 领域 and 一级事项 cells over 100k rows', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [String(i + 1), i === 0 ? '社会救助' : '', i === 0 ? '最低生活保障' : '', `事项${i + 1}`, '名单', '', '', '10个工作日内', '公示栏', '√', '', '√', '', '村级']);
    const started = performance.now();
    const catalog = await parseCatalogFile({ fileName: 'long.txt', bytes: utf8(tabText(HEADER, rows)) });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(catalog.items).toHaveLength(100_000);
    expect(catalog.items.at(-1)).toMatchObject({ domain: '社会救助', category: '最低生活保障', name: '事项100000' });
  }, 60_000);
});
