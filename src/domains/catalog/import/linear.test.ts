import { describe, expect, it } from 'vitest';
// The parser itself, on this thread: the worker pool's transfer cost is not what is measured.
import { parseCatalogBytes as parseCatalogFile } from './parseFile.ts';
import { HEADER, ROWS, tabText, utf8 } from './fixtures.ts';

// Hostile shapes that once froze the whole server (quadratic loops in align.ts and groups.ts:
// 20k trailing tabs took 60 s, 8,000 blank group rows 69 s). What is checked here is the shape of
// the cost, not a wall-clock limit a loaded CI machine can miss: four times the input must cost
// well under eight times the time (linear ≈ 4, quadratic ≈ 16). Each size is timed best of
// three, after a warm-up, so a burst of load from other processes cannot fake a slope. The
// absolute figures for the largest upload (100k rows) are in bench/catalogImport.bench.ts.

async function bestOf(times: number, run: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

type Parsed = Awaited<ReturnType<typeof parseCatalogFile>>;

/** How much longer `n * 4` takes than `n`, and what the larger input parsed to. */
async function growth(make: (n: number) => Uint8Array, n: number): Promise<{ ratio: number; large: Parsed }> {
  const small = make(n);
  const bytes = make(n * 4);
  await parseCatalogFile({ fileName: 'warm.txt', bytes: small });
  const tSmall = await bestOf(3, () => parseCatalogFile({ fileName: 'small.txt', bytes: small }));
  let large: Parsed | null = null;
  const tLarge = await bestOf(3, async () => (large = await parseCatalogFile({ fileName: 'large.txt', bytes })));
  return { ratio: tLarge / Math.max(tSmall, 1), large: large! };
}

const trailingTabs = (n: number) => utf8(tabText(HEADER, [ROWS[0]!.concat(Array<string>(n).fill('')), ROWS[2]!]));

/** `n` items where only the first row names its 领域 and 一级事项 (the others inherit them). */
const blankGroups = (n: number) =>
  utf8(tabText(HEADER, Array.from({ length: n }, (_, i) => [String(i + 1), i === 0 ? '社会救助' : '', i === 0 ? '最低生活保障' : '', `事项${i + 1}`, '名单', '', '', '10个工作日内', '公示栏', '√', '', '√', '', '村级'])));

describe('catalog import stays linear in its input', () => {
  it('reads a row with many trailing tabs', async () => {
    const { ratio, large } = await growth(trailingTabs, 10_000);
    expect(large.items.map((i) => i.name)).toEqual(['低保对象名单', '财务收支情况']);
    expect(ratio).toBeLessThan(8);
  }, 60_000);

  it('fills blank 领域 and 一级事项 cells down long lists', async () => {
    const { ratio, large } = await growth(blankGroups, 1_000);
    expect(large.items).toHaveLength(4_000);
    expect(large.items.at(-1)).toMatchObject({ domain: '社会救助', category: '最低生活保障', name: '事项4000' });
    expect(ratio).toBeLessThan(8);
  }, 60_000);
});
