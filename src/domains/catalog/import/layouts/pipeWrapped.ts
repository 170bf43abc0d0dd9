/**
 * Pipe tables whose cells wrap across lines: a long cell continues on the next line with the
 * other cells of that line blank (or the 序号 cell blank). Such lines are joined into the row
 * above, cell by cell. Used by the pipe reader when most rows carry an item number.
 */
import type { RawRow } from '../types.ts';

const NUMBER = /^\d{1,4}[.、]?$/;

/** True when most multi-cell rows after the header start with an item number. */
function numberedTable(rows: RawRow[]): boolean {
  const wide = rows.filter((r) => r.cells.length >= 3);
  const numbered = wide.filter((r) => NUMBER.test(r.cells[0]?.text.trim() ?? ''));
  return numbered.length >= 2 && numbered.length >= wide.length * 0.4;
}

/** A wrapped line continues the text: no break between Chinese characters, a space between words. */
export function glue(before: string, after: string): string {
  const a = before.trimEnd();
  const b = after.trimStart();
  return /[\p{Script=Han}\p{P}\d]$/u.test(a) || /^[\p{Script=Han}\p{P}]/u.test(b) ? `${a}${b}` : `${a} ${b}`;
}

function joinInto(target: RawRow, row: RawRow): void {
  row.cells.forEach((cell, i) => {
    if (cell.text.trim() === '') return;
    const into = target.cells[i];
    if (!into) target.cells[i] = { ...cell };
    else into.text = into.text.trim() === '' ? cell.text : glue(into.text, cell.text);
  });
}

/** Joins continuation lines into their row; returns the rows and how many lines were joined. */
export function joinWrappedRows(rows: RawRow[]): { rows: RawRow[]; joined: number } {
  if (!numberedTable(rows)) return { rows, joined: 0 };
  const result: RawRow[] = [];
  let joined = 0;
  let inTable = false;
  for (const row of rows) {
    const first = row.cells[0]?.text.trim() ?? '';
    const last = result.at(-1);
    const wide = row.cells.length >= 3;
    if (inTable && wide && first === '' && last && last.cells.length >= 3) {
      joinInto(last, row);
      joined++;
      continue;
    }
    inTable ||= wide && NUMBER.test(first);
    result.push({ ...row, cells: row.cells.map((c) => ({ ...c })) });
  }
  return { rows: result, joined };
}
