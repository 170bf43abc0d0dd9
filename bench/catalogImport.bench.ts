import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCatalogBytes } from '../src/domains/catalog/import/parseFile.ts';
import { HEADER, ROWS, tabText, utf8 } from '../src/domains/catalog/import/fixtures.ts';

/*
 * The catalog parser on the largest inputs a user can upload (10 MB): 100k rows whose blank
 * 领域/一级事项 cells are filled from above, and one row with 100k trailing tabs. Targets (on a
 * quiet 2-core box): 100k rows under 20 s, the tabs under 5 s; reported per row against a
 * 1k-row file parsed in the same run, so the slope shows even when the machine is loaded.
 * The CI test (src/domains/catalog/import/linear.test.ts) checks only the slope.
 *   node --import tsx bench/catalogImport.bench.ts
 */

const rows = (n: number) =>
  utf8(tabText(HEADER, Array.from({ length: n }, (_, i) => [String(i + 1), i === 0 ? '社会救助' : '', i === 0 ? '最低生活保障' : '', `事项${i + 1}`, '名单', '', '', '10个工作日内', '公示栏', '√', '', '√', '', '村级'])));

async function timed(fileName: string, bytes: Uint8Array): Promise<number> {
  const started = performance.now();
  await parseCatalogBytes({ fileName, bytes });
  return performance.now() - started;
}

export async function runCatalogImportBench(): Promise<string[]> {
  await timed('warm.txt', rows(1_000));
  const small = await timed('1k.txt', rows(1_000));
  const large = await timed('100k.txt', rows(100_000));
  const tabs = await timed('tabs.txt', utf8(tabText(HEADER, [ROWS[0]!.concat(Array<string>(100_000).fill('')), ROWS[2]!])));
  const perRow = (ms: number, n: number) => ((ms / n) * 1000).toFixed(1);
  return [
    `catalog import: 100k rows ${(large / 1000).toFixed(1)} s (target < 20 s) | ${perRow(large, 100_000)} µs/row vs ${perRow(small, 1_000)} µs/row at 1k | ratio ${(large / 100 / small).toFixed(1)}× (linear ≈ 1)`,
    `catalog import: a row with 100k trailing tabs ${(tabs / 1000).toFixed(1)} s (target < 5 s)`,
  ];
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? '')).href) {
  for (const line of await runCatalogImportBench()) console.log(line);
}
