/** Finds the header rows of a raw table: the main header, its sub-header and repeated copies. */
import { cleanCellText, singleLine } from './cleanText.ts';
import { groupOf, normalizeLabel, resolveLabel, type Field, type Label } from './labels.ts';
import type { RawRow } from './types.ts';

export function cellLabel(text: string): string {
  return singleLine(cleanCellText(text));
}

function labelsOf(row: RawRow): (Label | null)[] {
  return row.cells.map((cell) => resolveLabel(cellLabel(cell.text)));
}

/** Distinct fields named by a row, sub-columns counted under their group (一级事项 → item). */
function fieldsOf(row: RawRow): Set<Field> {
  const fields = new Set<Field>();
  for (const label of labelsOf(row)) if (label && label.field !== 'unknown') fields.add(label.sub ? label.field : groupOf(label));
  return fields;
}

/** A main header names the item (or its content) and at least two other fields (公开内容, 公开时限, …). */
function isHeaderRow(row: RawRow): boolean {
  const fields = fieldsOf(row);
  return (fields.has('item') || fields.has('content')) && fields.size >= 3;
}

export function findHeaderRow(rows: RawRow[]): number {
  return rows.findIndex(isHeaderRow);
}

/** Two or three rows read as one: each cell's texts joined (a header wrapped over several lines). */
function joinRows(rows: RawRow[]): RawRow {
  const width = Math.max(...rows.map((r) => r.cells.length));
  const cells = Array.from({ length: width }, (_, i) => {
    const parts = rows.map((r) => r.cells[i]).filter((c) => c && c.text.trim() !== '');
    return { text: parts.map((c) => c!.text.trim()).join(''), line: parts[0]?.line ?? rows[0]?.line ?? null };
  });
  return { cells, line: rows[0]?.line ?? null };
}

/** A row of header fragments: several short cells and no item number, no long text. */
function looksLikeFragments(row: RawRow): boolean {
  const texts = row.cells.map((c) => cellLabel(c.text)).filter((t) => t !== '');
  return texts.length >= 2 && texts.every((t) => t.length <= 8 && !/^\d+[.、]?$/.test(t));
}

export interface HeaderSpan {
  index: number;
  /** Number of source rows the header takes (2 or 3 when it wraps). */
  span: number;
  row: RawRow;
}

/**
 * The header row, or the two or three rows that only read as a header once joined cell by cell
 * (公开 / 事项 on two lines of a text table). A row that is a header on its own wins.
 */
export function findHeader(rows: RawRow[]): HeaderSpan | null {
  const single = findHeaderRow(rows);
  const limit = single === -1 ? Math.min(rows.length, 60) : single;
  for (let i = 0; i < limit; i++) {
    if (!looksLikeFragments(rows[i]!)) continue;
    for (const span of [2, 3]) {
      const part = rows.slice(i, i + span);
      if (part.length < span || !part.every(looksLikeFragments)) break;
      const joined = joinRows(part);
      if (isHeaderRow(joined) && fieldsOf(joined).size > fieldsOf(part[0]!).size + 1) return { index: i, span, row: joined };
    }
  }
  return single === -1 ? null : { index: single, span: 1, row: rows[single]! };
}

/** True for a label that belongs under a group header (一级事项, 全社会, 主动公开, 村级). */
export function isSubLabel(label: Label | null): boolean {
  return label !== null && (label.sub !== null || ['domain', 'category', 'name'].includes(label.field));
}

/**
 * A sub-header holds sub-column labels and nothing else; cells may repeat the header above
 * (vertically merged cells in .xlsx and .docx carry the master's text).
 */
export function isSubHeaderRow(row: RawRow, header: RawRow | null): boolean {
  let subs = 0;
  for (const [i, cell] of row.cells.entries()) {
    const text = cellLabel(cell.text);
    if (text === '') continue;
    const label = resolveLabel(text);
    if (isSubLabel(label)) subs++;
    else if (!label && !(header && normalizeLabel(cellLabel(header.cells[i]?.text ?? '')) === normalizeLabel(text))) return false;
  }
  return subs > 0;
}

/** A header repeated after a page break: mostly labels, and no item number in front. */
export function isRepeatedHeader(row: RawRow): boolean {
  const texts = row.cells.map((c) => cellLabel(c.text)).filter((t) => t !== '');
  if (texts.length === 0 || /^\d+$/.test(texts[0] ?? '')) return false;
  const labelled = texts.filter((t) => resolveLabel(t) !== null).length;
  return labelled >= 3 && labelled / texts.length >= 0.6;
}
