/**
 * Markdown-like tables: one row per line, cells between `|`, an optional |---| rule under the
 * header, <br> for line breaks inside a cell and \| for a literal bar. Lines without a bar
 * (the title above the table) become rows of one cell.
 */
import type { RawRow, RawTable } from '../types.ts';
import { joinWrappedRows } from './pipeWrapped.ts';

const PIPE = 'pipe';

const RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function splitCells(line: string): string[] {
  const cells = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.replace(/\\\|/g, '|').replace(/<br\s*\/?>/gi, '\n'));
  return cells.map((cell) => cell.trim());
}

export function readPipe(text: string): RawTable {
  const rows: RawRow[] = [];
  text.split(/\r?\n/).forEach((content, i) => {
    const line = i + 1;
    if (RULE.test(content) && content.includes('-')) return;
    const cells = content.includes('|') ? splitCells(content) : [content];
    rows.push({ cells: cells.map((cell) => ({ text: cell, line })), line });
  });
  const wrapped = joinWrappedRows(rows);
  return { layout: wrapped.joined > 0 ? 'pipe-wrapped' : PIPE, rows: wrapped.rows, warnings: [] };
}
