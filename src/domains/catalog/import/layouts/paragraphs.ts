/**
 * One paragraph per cell, blank lines between every paragraph (a Word table saved as text by
 * some tools, or a PDF copied cell by cell). The header paragraphs give the number of columns;
 * a data row starts at the next item number, so a long cell split over several paragraphs comes
 * out as surplus cells, which the row repair joins into 公开内容 or 公开依据 and reports.
 */
import { resolveLabel } from '../labels.ts';
import type { RawRow, RawTable } from '../types.ts';
import { joinMarkLines, numberedLines, type TextLine } from './lineCells.ts';

export const PARAGRAPHS = 'paragraphs';

/** Paragraphs: runs of non-blank lines joined, split at blank lines. */
function paragraphsOf(text: string): TextLine[] {
  const result: TextLine[] = [];
  let open = false;
  for (const line of numberedLines(text)) {
    if (line.text === '') {
      open = false;
      continue;
    }
    if (open) result.at(-1)!.text += `\n${line.text}`;
    else result.push({ ...line });
    open = true;
  }
  return result;
}

const isSeq = (text: string, expected: number): boolean => new RegExp(`^${expected}[.、]?$`).test(text.trim());

export function readParagraphs(text: string): RawTable {
  const paragraphs = joinMarkLines(paragraphsOf(text));
  const start = paragraphs.findIndex((p) => resolveLabel(p.text) !== null);
  let end = start;
  while (end < paragraphs.length && end >= 0 && resolveLabel(paragraphs[end]!.text) !== null) end++;
  const rows: RawRow[] = paragraphs.slice(0, Math.max(0, start)).map((p) => ({ cells: [p], line: p.line }));
  const header = paragraphs.slice(start, end);
  rows.push({ cells: header, line: header[0]?.line ?? null });
  const numbered = /^序号?$|^编号$/.test(header[0]?.text ?? '');
  const rest = paragraphs.slice(end);
  if (numbered) {
    let expected = 1;
    for (const p of rest) {
      if (isSeq(p.text, expected) || rows.length === 1 + Math.max(0, start)) {
        rows.push({ cells: [p], line: p.line });
        if (isSeq(p.text, expected)) expected++;
      } else {
        rows.at(-1)!.cells.push(p);
      }
    }
  } else {
    for (let i = 0; i < rest.length; i += header.length) {
      const cells = rest.slice(i, i + header.length);
      rows.push({ cells, line: cells[0]?.line ?? null });
    }
  }
  return { layout: PARAGRAPHS, rows, warnings: [] };
}
