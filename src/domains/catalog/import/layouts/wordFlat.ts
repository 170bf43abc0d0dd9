/**
 * A Word table flattened to text, one cell per tab-indented line (seed 000):
 *
 *   ⇥序号            ← a line starting with a tab opens a cell
 *   ⇥公开主体
 *   乡（镇）人民政府   ← a line without a tab continues the cell above (a new paragraph)
 *                     ← a blank line followed by a tab line ends the row
 *
 * Blank lines followed by text without a tab are blank paragraphs inside a cell (vertically
 * centred merged cells), so they stay in that cell.
 */
import { warn } from '../messages.ts';
import type { ImportWarning, RawCell, RawRow, RawTable } from '../types.ts';

const WORD_FLAT = 'word-flat';

interface Reader {
  rows: RawRow[];
  row: RawCell[] | null;
  cell: RawCell | null;
  blankLines: number;
}

function closeRow(state: Reader): void {
  if (state.row && state.row.length > 0) state.rows.push({ cells: state.row, line: state.row[0]?.line ?? null });
  state.row = null;
  state.cell = null;
}

function openCell(state: Reader, text: string, line: number): void {
  if (state.blankLines > 0 || !state.row) closeRow(state);
  state.row ??= [];
  state.cell = { text, line };
  state.row.push(state.cell);
}

function continueCell(state: Reader, text: string, line: number): void {
  if (!state.cell) {
    // Text before the table (the title) or between rows: a row of its own.
    closeRow(state);
    state.rows.push({ cells: [{ text, line }], line });
    return;
  }
  state.cell.text += '\n'.repeat(state.blankLines + 1) + text;
}

export function readWordFlat(text: string): RawTable {
  const state: Reader = { rows: [], row: null, cell: null, blankLines: 0 };
  text.split(/\r?\n/).forEach((content, i) => {
    const line = i + 1;
    if (content.startsWith('\t')) openCell(state, content.slice(1), line);
    else if (content.trim() === '') state.blankLines++;
    else continueCell(state, content, line);
    if (content.trim() !== '' || content.startsWith('\t')) state.blankLines = 0;
  });
  closeRow(state);
  const warnings: ImportWarning[] = [];
  return { layout: WORD_FLAT, rows: mergeSplitRows(state.rows, warnings), warnings };
}

/** The usual cell count of the table's rows (rows of one cell are titles or notes). */
function usualWidth(rows: RawRow[]): number {
  const counts = new Map<number, number>();
  for (const row of rows) if (row.cells.length > 1) counts.set(row.cells.length, (counts.get(row.cells.length) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/**
 * A cell ending in a blank paragraph looks like a row end. When a short row and the next one
 * together make exactly one usual row, they were one row.
 */
function mergeSplitRows(rows: RawRow[], warnings: ImportWarning[]): RawRow[] {
  const width = usualWidth(rows);
  const result: RawRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const next = rows[i + 1];
    if (next && row.cells.length > 1 && row.cells.length < width && row.cells.length + next.cells.length === width) {
      result.push({ cells: [...row.cells, ...next.cells], line: row.line });
      const text = `该行第${row.cells.length}个单元格后有空行，看似分成了两行，已按单元格数合并为一行，请核对`;
      warnings.push(warn(null, row.line, text));
      i++;
    } else {
      result.push(row);
    }
  }
  return result;
}
