/**
 * Lays a data row over the columns. A row with a surplus or missing cell is repaired when one
 * repair fits the columns clearly better than any other (by the meaning of the cells), and the
 * repair, or the failure to find one, is reported by the caller.
 */
import { scoreCell, scoreRow, type Column } from './recognizers.ts';
import type { RawCell, RawRow } from './types.ts';

export type Repair =
  /** Surplus cells joined into column `column`. `missingEnd` counts blank cells added at the end. */
  | { kind: 'merged'; column: number; extra: RawCell[]; missingEnd: number }
  /** Surplus cells that fit nowhere clearly; left out of the item. */
  | { kind: 'dropped'; extra: RawCell[] }
  /** Blank cells inserted before column `column`. */
  | { kind: 'inserted'; column: number; count: number }
  /** Cells missing at the end of the row. */
  | { kind: 'missing'; columns: number[] }
  /** Leading cells taken from the row above (cells merged vertically in Word), before column `column`. */
  | { kind: 'inherited'; column: number; count: number; fromLine: number | null };

export interface Alignment {
  /** One entry per column; null where the row has no cell for it. */
  cells: (RawCell | null)[];
  repair: Repair | null;
}

// Free-text columns where a cell split in two is common; the first wins a tie in the warnings only.
const MERGE_TARGETS = ['content', 'legalBasis'];

function textsOf(cells: (RawCell | null)[]): string[] {
  return cells.map((c) => c?.text ?? '');
}

function padTo(cells: (RawCell | null)[], width: number): (RawCell | null)[] {
  return [...cells, ...Array<null>(Math.max(0, width - cells.length)).fill(null)].slice(0, width);
}

function mergeCells(cells: RawCell[]): RawCell {
  return { text: cells.map((c) => c.text).join('\n'), line: cells[0]?.line ?? null };
}

function mergeCandidates(columns: Column[], cells: RawCell[]): Alignment[] {
  const width = columns.length;
  if (cells.length < width) return [];
  const surplus = Math.max(1, cells.length - width);
  const result: Alignment[] = [];
  columns.forEach((column, t) => {
    if (!MERGE_TARGETS.includes(column.field) || t + surplus >= cells.length) return;
    const merged = [...cells.slice(0, t), mergeCells(cells.slice(t, t + surplus + 1)), ...cells.slice(t + surplus + 1)];
    const extra = cells.slice(t + 1, t + surplus + 1);
    result.push({ cells: padTo(merged, width), repair: { kind: 'merged', column: t, extra, missingEnd: width - merged.length } });
  });
  return result;
}

function insertCandidates(width: number, cells: RawCell[]): Alignment[] {
  // With as many cells as columns, an inserted blank pushes out the last cell, which must be blank.
  const source = cells.length >= width && cells.at(-1)?.text.trim() === '' ? cells.slice(0, -1) : cells;
  const count = width - source.length;
  if (count <= 0) return [];
  const result: Alignment[] = [];
  for (let j = 0; j < source.length; j++) {
    const padded = [...source.slice(0, j), ...Array<null>(count).fill(null), ...source.slice(j)];
    result.push({ cells: padded, repair: { kind: 'inserted', column: j, count } });
  }
  return result;
}

/** The best candidate when it beats the plain reading by a clear margin and has no equal. */
function pickClearWinner(columns: Column[], candidates: Alignment[], baseline: number): Alignment | null {
  const scored = candidates.map((c) => ({ c, score: scoreRow(columns, textsOf(c.cells)) }));
  scored.sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  if (!first || first.score < baseline + 2) return null;
  if (second && second.score === first.score && textsOf(second.c.cells).join('\t') !== textsOf(first.c.cells).join('\t')) return null;
  return first.c;
}

/**
 * A row whose leading cells (领域, 一级事项) were merged with the row above arrives short and
 * slides left. Its reading with those cells copied from the row above, as the .xlsx reader gets
 * them, when that reads better than the row as it stands.
 */
function inheritLeading(columns: Column[], cells: RawCell[], previous: Previous | null, plainScore: number): Alignment | null {
  const width = columns.length;
  const count = width - cells.length;
  // A few merged cells, not a row cut short (a truncated last row is reported as such).
  if (!previous || count <= 0 || count > 3 || cells.length < 3) return null;
  const numbered = columns[0]?.field === 'seq' && /^\s*\d{1,4}[.、]?\s*$/.test(cells[0]?.text ?? '');
  let best: { alignment: Alignment; score: number } | null = null;
  // Only leading cells (领域, 一级事项): a cell missing further right is a blank (see insertCandidates).
  for (let at = numbered ? 1 : 0; at <= (numbered ? 1 : 0); at++) {
    const copied = previous.cells.slice(at, at + count).map((c) => (c ? { ...c } : null));
    if (copied.length < count || copied.some((c) => !c || c.text.trim() === '')) continue;
    const merged = [...cells.slice(0, at), ...copied, ...cells.slice(at)];
    const score = scoreRow(columns, textsOf(merged)) - at * 0.01;
    if (!best || score > best.score) best = { alignment: { cells: merged, repair: { kind: 'inherited', column: at, count, fromLine: previous.line } }, score };
  }
  return best && best.score > plainScore ? best.alignment : null;
}

/** The row above as it was laid over the columns. */
export interface Previous {
  cells: (RawCell | null)[];
  line: number | null;
}

export function alignRow(columns: Column[], row: RawRow, previous: Previous | null = null): Alignment {
  const width = columns.length;
  // Blank cells past the last column are an artefact of trailing tabs, not data (cut in one
  // slice: a row of 100k trailing tabs must not be copied 100k times).
  let end = row.cells.length;
  while (end > width && row.cells[end - 1]!.text.trim() === '') end -= 1;
  const cells = end === row.cells.length ? row.cells : row.cells.slice(0, end);
  const plain = padTo(cells, width);
  const fits = plain.every((cell, i) => scoreCell(columns[i]!, cell?.text ?? '') >= 0);
  if (cells.length === width && fits) return { cells: plain, repair: null };
  const plainScore = scoreRow(columns, textsOf(plain));
  const inherited = inheritLeading(columns, cells, previous, plainScore);
  const candidates = [...mergeCandidates(columns, cells), ...insertCandidates(width, cells)];
  const winner = pickClearWinner(columns, candidates, plainScore);
  if (inherited && (!winner || scoreRow(columns, textsOf(inherited.cells)) >= scoreRow(columns, textsOf(winner.cells)))) return inherited;
  if (winner) return winner;
  if (cells.length > width) return { cells: plain, repair: { kind: 'dropped', extra: cells.slice(width) } };
  if (cells.length < width) {
    return { cells: plain, repair: { kind: 'missing', columns: Array.from({ length: width - cells.length }, (_, i) => cells.length + i) } };
  }
  return { cells: plain, repair: null };
}
