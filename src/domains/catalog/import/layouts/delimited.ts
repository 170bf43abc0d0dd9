/**
 * One row per line, cells separated by a delimiter: tab-separated text copied from Word or a PDF
 * (seed 002: headers repeated at page breaks, channels as HTML checkboxes) and CSV saved from Excel.
 * A cell that starts with a double quote may hold delimiters and line breaks ("" is a quote),
 * as Excel writes them.
 */
import type { RawCell, RawRow, RawTable } from '../types.ts';

const TAB_ROWS = 'tab-rows';
export const CSV = 'csv';

interface Cursor {
  text: string;
  at: number;
  line: number;
}

/** Reads a quoted cell starting at the opening quote; returns its text. */
function readQuoted(cursor: Cursor): string {
  let value = '';
  cursor.at++;
  while (cursor.at < cursor.text.length) {
    const ch = cursor.text[cursor.at]!;
    if (ch === '"' && cursor.text[cursor.at + 1] === '"') {
      value += '"';
      cursor.at += 2;
    } else if (ch === '"') {
      cursor.at++;
      break;
    } else {
      if (ch === '\n') cursor.line++;
      value += ch;
      cursor.at++;
    }
  }
  return value;
}

/** Reads an unquoted cell up to the next delimiter or line end (a stray quote after text stays text). */
function readPlain(cursor: Cursor, delimiter: string): string {
  let end = cursor.at;
  while (end < cursor.text.length && cursor.text[end] !== delimiter && cursor.text[end] !== '\n') end++;
  const value = cursor.text.slice(cursor.at, end);
  cursor.at = end;
  return value;
}

function readRow(cursor: Cursor, delimiter: string): RawRow {
  const line = cursor.line;
  const cells: RawCell[] = [];
  for (;;) {
    const cellLine = cursor.line;
    const quoted = cursor.text[cursor.at] === '"';
    const value = quoted ? readQuoted(cursor) + readPlain(cursor, delimiter) : readPlain(cursor, delimiter);
    cells.push({ text: value.replace(/\r$/, ''), line: cellLine });
    if (cursor.text[cursor.at] !== delimiter) break;
    cursor.at++;
  }
  if (cursor.text[cursor.at] === '\n') {
    cursor.at++;
    cursor.line++;
  }
  return { cells, line };
}

function readDelimited(text: string, delimiter: string, layout: string): RawTable {
  const cursor: Cursor = { text: text.replace(/\r\n?/g, '\n'), at: 0, line: 1 };
  const rows: RawRow[] = [];
  while (cursor.at < cursor.text.length) rows.push(readRow(cursor, delimiter));
  return { layout, rows, warnings: [] };
}

export function readTabRows(text: string): RawTable {
  return readDelimited(text, '\t', TAB_ROWS);
}

export function readCsv(text: string): RawTable {
  return readDelimited(text, ',', CSV);
}
