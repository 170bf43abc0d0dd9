/*
 * Property tests of the catalog importer (issue 13 item 4): whatever bytes arrive, `parseCatalogFile`
 * either returns items (with Chinese warnings and 时限 rules pointing into their text) or throws a
 * CatalogImportError with a Chinese message; never another error, never a stall.
 *
 * Inputs: random and hostile text, the fixture catalog (src/domains/catalog/import/fixtures.ts)
 * mutated as tab rows, CSV and `|` tables, and its .xlsx / .docx forms truncated, bit-flipped and
 * spliced, plus workbooks with hostile cell values.
 *
 * CI: fixed seed, a bounded number of cases (about 10–15 s on a laptop).
 * Longer: FUZZ_RUNS=2000 npx vitest run test/fuzz/catalogImport.fuzz.test.ts   (see test/support/fuzz.ts)
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogImportError, parseCatalogFile, type ParsedCatalog } from '../../src/domains/catalog/index.ts';
import { HEADER, ROWS, TITLE, tabText, utf8 } from '../../src/domains/catalog/import/fixtures.ts';
import { CALL_LIMIT_MS, englishWords, hostileString, NASTY_CHARS, NASTY_STRINGS, params, timeoutFor, within } from '../support/fuzz.ts';

// ---------------------------------------------------------------------------------------------
// The property every import must keep

type Outcome = { kind: 'items'; catalog: ParsedCatalog; ms: number } | { kind: 'refused'; message: string; ms: number };

/** Problems with what the importer did for one file; [] when it kept its promise. */
async function importProblems(fileName: string, bytes: Uint8Array, echoed: readonly string[] = [], limitMs = CALL_LIMIT_MS): Promise<{ problems: string[]; outcome: Outcome | null }> {
  const started = performance.now();
  let outcome: Outcome;
  try {
    const catalog = await within(limitMs, `import of ${fileName} (${bytes.length} bytes)`, parseCatalogFile({ fileName, bytes }));
    outcome = { kind: 'items', catalog, ms: performance.now() - started };
  } catch (error) {
    if (!(error instanceof CatalogImportError)) return { problems: [`threw ${String((error as Error)?.name)}: ${String((error as Error)?.message)}`], outcome: null };
    outcome = { kind: 'refused', message: error.message, ms: performance.now() - started };
  }
  const problems: string[] = [];
  const chinese = (where: string, message: string) => {
    if (!/[\u4e00-\u9fff]/.test(message)) problems.push(`${where} has no Chinese: ${JSON.stringify(message)}`);
    const english = englishWords(message, echoed);
    if (english.length > 0) problems.push(`${where} has English ${JSON.stringify(english)}: ${JSON.stringify(message.slice(0, 200))}`);
  };
  if (outcome.kind === 'refused') chinese('error', outcome.message);
  else {
    const { catalog } = outcome;
    if (!Array.isArray(catalog.items) || catalog.items.length === 0) problems.push('a catalog without items was returned instead of an error');
    for (const w of catalog.warnings) chinese('warning', w.message);
    for (const item of catalog.items) {
      for (const rule of item.rules) {
        const { start, end } = rule.span;
        if (!(start >= 0 && start < end && end <= item.timeLimitText.length)) {
          problems.push(`item ${item.seq}: rule ${rule.kind} span ${start}..${end} outside its 时限 ${JSON.stringify(item.timeLimitText.slice(0, 80))}`);
        }
      }
    }
  }
  return { problems, outcome };
}

async function expectKeptPromise(fileName: string, bytes: Uint8Array, echoed: readonly string[] = []): Promise<Outcome> {
  const { problems, outcome } = await importProblems(fileName, bytes, echoed);
  expect(problems, `${fileName}: ${problems.join('\n')}`).toEqual([]);
  return outcome!;
}

// ---------------------------------------------------------------------------------------------
// Files built from the fixture catalog

async function fixtureXlsx(rows: string[][] = ROWS): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('目录');
  sheet.addRow([TITLE]);
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row.map((cell) => cell || null));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function fixtureDocx(rows: string[][] = ROWS): Promise<Uint8Array> {
  const cell = (text: string) => new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)) });
  const doc = new Document({
    sections: [{ children: [new Paragraph(TITLE), new Table({ rows: [HEADER, ...rows].map((r) => new TableRow({ children: r.map(cell) })) })] }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/g;

const csvCell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
const asCsv = (rows: string[][]) => [TITLE, ...[HEADER, ...rows].map((r) => r.map(csvCell).join(','))].join('\r\n');
const asPipe = (rows: string[][]) => [TITLE, ...[HEADER, ...rows].map((r) => `| ${r.map((c) => c.replaceAll('|', '｜')).join(' | ')} |`)].join('\n');
const asTabs = (rows: string[][]) => tabText(HEADER, rows);

// ---------------------------------------------------------------------------------------------
// Mutations of the fixture table

type Mutation = (rows: string[][]) => string[][];

const cellValue = fc.oneof(
  { weight: 4, arbitrary: hostileString(30) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t'.repeat(50), '√', '■政府网站 □公示栏', '每月10日前', '20个工作日内', '社会救助', ...NASTY_STRINGS) },
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // Replace one cell (any row, any column) with a hostile value.
  fc.tuple(fc.nat(), fc.nat(), cellValue).map(([r, c, v]): Mutation => (rows) => rows.map((row, i) => (i === r % rows.length ? row.map((x, j) => (j === c % row.length ? v : x)) : row))),
  // Trailing tabs or empty cells on a row.
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 400 })).map(([r, n]): Mutation => (rows) => rows.map((row, i) => (i === r % rows.length ? [...row, ...Array<string>(n).fill('')] : row))),
  // Drop a cell (shifts the row).
  fc.tuple(fc.nat(), fc.nat()).map(([r, c]): Mutation => (rows) => rows.map((row, i) => (i === r % rows.length ? row.filter((_, j) => j !== c % row.length) : row))),
  // Duplicate rows, with blank group cells (领域, 一级事项) as in merged templates.
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 60 })).map(([r, n]): Mutation => (rows) => {
    const row = rows[r % rows.length]!;
    return [...rows, ...Array.from({ length: n }, (_, k) => [String(rows.length + k + 1), '', '', ...row.slice(3)])];
  }),
  // Remove a row, or every row.
  fc.nat().map((r): Mutation => (rows) => rows.filter((_, i) => i !== r % rows.length)),
  fc.constant<Mutation>(() => []),
  // Swap two columns everywhere.
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (rows) => rows.map((row) => row.map((x, j) => (j === a % row.length ? row[b % row.length]! : j === b % row.length ? row[a % row.length]! : x)))),
  // A line of noise between rows.
  fc.tuple(fc.nat(), hostileString(60)).map(([r, line]): Mutation => (rows) => [...rows.slice(0, r % (rows.length + 1)), [line], ...rows.slice(r % (rows.length + 1))]),
);

const mutatedRows = fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => ms.reduce((rows, m) => (rows.length === 0 && m.length > 0 ? rows : m(rows)), ROWS.map((r) => [...r])));

/** Strings the mutated table contains, so a warning quoting the user's own text is not "English". */
const cellsOf = (rows: string[][]) => rows.flat().filter((c) => c.length >= 3);

/** Byte-level damage: truncation, flipped bytes, inserted or deleted runs. */
function damage(bytes: Uint8Array): fc.Arbitrary<Uint8Array> {
  const at = fc.nat({ max: Math.max(0, bytes.length - 1) });
  return fc.oneof(
    at.map((i) => bytes.slice(0, i)),
    fc.array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }).map((flips) => {
      const copy = bytes.slice();
      for (const [i, b] of flips) copy[i] = b;
      return copy;
    }),
    fc.tuple(at, fc.uint8Array({ minLength: 1, maxLength: 200 })).map(([i, extra]) => new Uint8Array([...bytes.slice(0, i), ...extra, ...bytes.slice(i)])),
    fc.tuple(at, fc.integer({ min: 1, max: 2_000 })).map(([i, n]) => new Uint8Array([...bytes.slice(0, i), ...bytes.slice(i + n)])),
    // Zip local headers kept, the compressed data zeroed: "valid" entries that inflate to nothing.
    at.map((i) => {
      const copy = bytes.slice();
      copy.fill(0, i, Math.min(bytes.length, i + 512));
      return copy;
    }),
  );
}

// ---------------------------------------------------------------------------------------------

let xlsx: Uint8Array;
let docx: Uint8Array;

beforeAll(async () => {
  xlsx = await fixtureXlsx();
  docx = await fixtureDocx();
});

afterAll(async () => {
  // The importer runs in the platform worker pool (when it does): end its threads.
  const workers = (await import('../../src/platform/workers.ts').catch(() => null)) as { closeWorkers?: () => Promise<void> } | null;
  await workers?.closeWorkers?.();
});

describe('catalog import: kept cases', () => {
  it('reads the fixture in every form (the mutations start from a catalog that imports)', async () => {
    for (const [name, bytes] of [['a.txt', utf8(asTabs(ROWS))], ['a.csv', utf8(asCsv(ROWS))], ['a.md', utf8(asPipe(ROWS))], ['a.xlsx', xlsx], ['a.docx', docx]] as const) {
      const outcome = await expectKeptPromise(name, bytes);
      expect(outcome.kind === 'items' ? outcome.catalog.items.length : outcome.message, name).toBe(3);
    }
  });

  const CORPUS: [string, string, () => Uint8Array | Promise<Uint8Array>][] = [
    ['NUL in a cell', 'a.txt', () => utf8(asTabs([[...ROWS[0]!.slice(0, 7), '10个工作日\u0000内', ...ROWS[0]!.slice(8)]]))],
    ['lone surrogate in a cell', 'a.txt', () => utf8(asTabs([[...ROWS[0]!.slice(0, 3), '\ud800', ...ROWS[0]!.slice(4)]]))],
    ['BOM and CRLF', 'a.csv', () => utf8(`\ufeff${asCsv(ROWS)}`)],
    ['UTF-16 BOM then nothing', 'a.txt', () => new Uint8Array([0xff, 0xfe])],
    ['UTF-16 BOM then an odd byte', 'a.txt', () => new Uint8Array([0xfe, 0xff, 0x41])],
    ['header only, 1,000 tabs', 'a.txt', () => utf8(`${HEADER.join('\t')}${'\t'.repeat(1_000)}\n`)],
    ['an unterminated CSV quote', 'a.csv', () => utf8(`${asCsv(ROWS)}\r\n"4,"未闭合`)],
    ['a zip signature alone', 'a.xlsx', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04])],
    ['an xlsx cut in half', 'a.xlsx', () => xlsx.slice(0, xlsx.length >> 1)],
    ['a docx cut in half', 'a.docx', () => docx.slice(0, docx.length >> 1)],
    ['an xlsx named .docx', 'a.docx', () => xlsx],
    ['a docx named .txt', 'a.txt', () => docx],
    ['an empty workbook', 'a.xlsx', async () => new Uint8Array(await new ExcelJS.Workbook().xlsx.writeBuffer())],
    ['rows of only punctuation', 'a.txt', () => utf8(asTabs([HEADER.map(() => '，'), HEADER.map(() => '“'), HEADER.map(() => '|')]))],
    ['every cell a lone 时限 phrase', 'a.txt', () => utf8(asTabs([HEADER.map(() => '及时'), HEADER.map(() => '每季度')]))],
  ];

  it.each(CORPUS)('%s', async (_what, fileName, bytes) => {
    await expectKeptPromise(fileName, await bytes());
  });

  // Found by this suite. layouts/xlsx.ts sheetTable loops `c <= sheet.columnCount` for every row,
  // and exceljs's columnCount getter walks every row (node_modules/exceljs/lib/doc/worksheet.js
  // `get columnCount`), so blank rows make reading a sheet quadratic: a 6.5 KB workbook whose
  // only far cell is A3000 takes ~3.6 s, A5000 ~8 s. And the grid is rows × columns whatever is
  // filled: one cell at XFD1048576 keeps a pool worker busy until the pool's time limit (60 s,
  // then a Chinese 422), so two such uploads hold every parsing thread of a 2-core server.
  // Fixed in layouts/xlsx.ts: only rows that exist are read, columns counted once and bounded.
  // Measured in-process (layouts/xlsx.ts) as a ratio, so a loaded machine does not decide it.
  it('reading a sheet is linear in its blank rows: A1200 costs under 8× A300', async () => {
    const { readXlsx } = await import('../../src/domains/catalog/import/layouts/xlsx.ts');
    const farCell = async (address: string) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('目录');
      sheet.addRow(HEADER);
      for (const row of ROWS) sheet.addRow(row);
      sheet.getCell(address).value = '注';
      const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
      const started = performance.now();
      await readXlsx(bytes);
      return performance.now() - started;
    };
    await farCell('A10'); // warm-up
    const small = await farCell('A300');
    const large = await farCell('A1200');
    expect(large / small, `A300 ${Math.round(small)} ms, A1200 ${Math.round(large)} ms`).toBeLessThan(8);
  }, 60_000);
});

describe('catalog import under random input', () => {
  it(
    'random and hostile text: items or a Chinese CatalogImportError',
    async () => {
      const text = fc.oneof(
        hostileString(200),
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.array(fc.oneof(fc.constantFrom(...HEADER, ...NASTY_CHARS), hostileString(10)), { maxLength: 60 }).map((p) => p.join('')),
      );
      await fc.assert(
        fc.asyncProperty(text, fc.constantFrom('a.txt', 'a.csv', 'a.xlsx', 'a.docx', '', '\u0000.txt'), async (t, name) => {
          const { problems } = await importProblems(name, utf8(t), [t]);
          expect(problems).toEqual([]);
        }),
        params(60),
      );
    },
    timeoutFor(60, 100),
  );

  it(
    'random bytes: items or a Chinese CatalogImportError',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), fc.constantFrom('a.txt', 'a.xlsx', 'a.docx', 'a.bin'), async (bytes, name) => {
          const { problems } = await importProblems(name, bytes);
          expect(problems).toEqual([]);
        }),
        params(40),
      );
    },
    timeoutFor(40, 100),
  );

  it(
    'the fixture catalog mutated, as tab rows, CSV and | tables',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedRows, fc.constantFrom('tabs', 'csv', 'pipe'), async (rows, layout) => {
          const text = layout === 'tabs' ? asTabs(rows) : layout === 'csv' ? asCsv(rows) : asPipe(rows);
          const { problems } = await importProblems(`a.${layout === 'csv' ? 'csv' : 'txt'}`, utf8(text), cellsOf(rows));
          expect(problems).toEqual([]);
        }),
        params(90),
      );
    },
    timeoutFor(90, 100),
  );

  it(
    'the fixture .xlsx and .docx damaged byte by byte',
    async () => {
      const file = fc.constantFrom('xlsx', 'docx').chain((kind) => damage(kind === 'xlsx' ? xlsx : docx).map((bytes) => ({ kind, bytes })));
      await fc.assert(
        fc.asyncProperty(file, fc.boolean(), async ({ kind, bytes }, named) => {
          const { problems } = await importProblems(named ? `a.${kind}` : 'upload', bytes);
          expect(problems).toEqual([]);
        }),
        params(60),
      );
    },
    timeoutFor(60, 200),
  );

  it(
    'workbooks and Word tables with hostile cells',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedRows, fc.boolean(), async (rows, asXlsx) => {
          // Word's XML cannot hold control characters or lone surrogates; the docx library would write a broken file.
          const bytes = asXlsx ? await fixtureXlsx(rows) : await fixtureDocx(rows.map((r) => r.map((c) => c.replace(NOT_XML, ''))));
          const { problems } = await importProblems(asXlsx ? 'a.xlsx' : 'a.docx', bytes, cellsOf(rows));
          expect(problems).toEqual([]);
        }),
        params(24),
      );
    },
    timeoutFor(24, 300),
  );
});
