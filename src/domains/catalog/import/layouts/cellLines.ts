/**
 * One cell per line, rows separated by blank lines (a table pasted from a web page or a PDF
 * without tabs). A cell of several paragraphs cannot be told apart from several cells here;
 * such rows come out with surplus cells, which the row repair then reports.
 */
import { resolveLabel } from '../labels.ts';
import type { RawRow, RawTable } from '../types.ts';
import { joinMarkLines } from './lineCells.ts';

const CELL_LINES = 'cell-lines';

/** Splits the lines above the header labels (the title) off the header block. */
function splitTitle(block: RawRow): RawRow[] {
  const first = block.cells.findIndex((cell) => resolveLabel(cell.text) !== null);
  if (first <= 0) return [block];
  const titles = block.cells.slice(0, first).map((cell) => ({ cells: [cell], line: cell.line }));
  const rest = block.cells.slice(first);
  return [...titles, { cells: rest, line: rest[0]?.line ?? null }];
}

export function readCellLines(text: string): RawTable {
  const blocks: RawRow[] = [];
  let current: RawRow | null = null;
  text.split(/\r?\n/).forEach((content, i) => {
    const line = i + 1;
    if (content.trim() === '') {
      current = null;
      return;
    }
    if (!current) {
      current = { cells: [], line };
      blocks.push(current);
    }
    current.cells.push({ text: content.trim(), line });
  });
  const headerAt = blocks.findIndex((block) => block.cells.filter((c) => resolveLabel(c.text)).length >= 3);
  for (const block of blocks) block.cells = joinMarkLines(block.cells.map((c) => ({ text: c.text, line: c.line ?? 0 })));
  const rows = blocks.flatMap((block, i) => (i === headerAt ? splitTitle(block) : [block]));
  return { layout: CELL_LINES, rows, warnings: [] };
}
