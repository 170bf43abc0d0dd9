/**
 * Columns aligned with runs of spaces (a PDF converted with its layout kept, a table typed in a
 * plain-text editor). Cells are placed by where they start on the line, measured against where
 * the header labels start, so blank cells and cells wrapped onto the next lines land in the
 * right column. Positions are measured both in characters and in display width (a Chinese
 * character is two columns wide); whichever lines up with the header better is used.
 */
import { resolveLabel } from '../labels.ts';
import type { RawCell, RawRow, RawTable } from '../types.ts';
import { glue } from './pipeWrapped.ts';

export const SPACED = 'spaced';

interface Chunk {
  text: string;
  chars: number;
  width: number;
}

const SEPARATOR = /(?: {2,}|\t+|\u3000+)/;

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\uFFEF]/u.test(ch) && !/[\uFF61-\uFF9F]/.test(ch) ? 2 : 1;
  return width;
}

export function chunksOf(line: string): Chunk[] {
  const chunks: Chunk[] = [];
  const re = new RegExp(`[^ \\t\\u3000]+(?: [^ \\t\\u3000]+)*`, 'g');
  for (let m = re.exec(line); m; m = re.exec(line)) {
    chunks.push({ text: m[0], chars: m.index, width: displayWidth(line.slice(0, m.index)) });
  }
  return chunks;
}

/** Number of header labels on a line split at runs of two or more spaces. */
export function spacedLabels(line: string): number {
  if (!SEPARATOR.test(line.trim())) return 0;
  return line.trim().split(SEPARATOR).filter((t) => resolveLabel(t) !== null).length;
}

type Metric = 'chars' | 'width';

/** The column a chunk starting at `at` falls in: the last header start at or before it (with slack). */
function columnAt(starts: number[], at: number): number {
  let column = 0;
  starts.forEach((start, i) => {
    if (start <= at + 2) column = i;
  });
  return column;
}

/** How far the data chunks start from the nearest header start, summed: smaller lines up better. */
function misfit(starts: number[], lines: Chunk[][], metric: Metric): number {
  let total = 0;
  for (const chunks of lines) for (const c of chunks) total += Math.min(...starts.map((s) => Math.abs(s - c[metric])));
  return total;
}

export function readSpaced(text: string): RawTable {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.reduce((best, line, i) => (spacedLabels(line) > spacedLabels(lines[best] ?? '') ? i : best), 0);
  const header = chunksOf(lines[headerAt] ?? '');
  const rows: RawRow[] = lines.slice(0, headerAt).filter((l) => l.trim() !== '').map((l, i) => ({ cells: [{ text: l.trim(), line: i + 1 }], line: i + 1 }));
  rows.push({ cells: header.map((c) => ({ text: c.text, line: headerAt + 1 })), line: headerAt + 1 });
  const data = lines.slice(headerAt + 1).map((l) => chunksOf(l));
  const metric: Metric = misfit(header.map((c) => c.width), data, 'width') < misfit(header.map((c) => c.chars), data, 'chars') ? 'width' : 'chars';
  const starts = header.map((c) => c[metric]);
  const numbered = /^序号?$|^编号$/.test(header[0]?.text ?? '');
  let current: RawRow | null = null;
  data.forEach((chunks, i) => {
    const line = headerAt + i + 2;
    if (chunks.length === 0) return;
    const cells: RawCell[] = header.map(() => ({ text: '', line }));
    for (const chunk of chunks) {
      const cell = cells[columnAt(starts, chunk[metric])]!;
      cell.text = cell.text === '' ? chunk.text : `${cell.text} ${chunk.text}`;
    }
    // A line with an item number (or, without a 序号 column, with a first cell) starts a row;
    // any other line continues the cells of the row above.
    const first = cells[0]!.text;
    const isNumber = /^\d{1,4}[.、]?$/.test(first);
    if (numbered && first !== '' && !isNumber) {
      // Text in the 序号 column that is no number: a note under the table or a section title.
      rows.push({ cells: [{ text: lines[headerAt + i + 1]!.trim(), line }], line });
      current = null;
      return;
    }
    if (!current || (numbered ? isNumber : first !== '')) {
      current = { cells, line };
      rows.push(current);
      return;
    }
    const row: RawRow = current;
    cells.forEach((cell, c) => {
      if (cell.text === '') return;
      const target = row.cells[c]!;
      target.text = target.text === '' ? cell.text : glue(target.text, cell.text);
    });
  });
  return { layout: SPACED, rows, warnings: [] };
}
