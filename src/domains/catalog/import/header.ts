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
  for (const label of labelsOf(row)) if (label) fields.add(label.sub ? label.field : groupOf(label));
  return fields;
}

/** A main header names the item and at least two other fields (公开内容, 公开时限, …). */
function isHeaderRow(row: RawRow): boolean {
  const fields = fieldsOf(row);
  return fields.has('item') && fields.size >= 3;
}

export function findHeaderRow(rows: RawRow[]): number {
  return rows.findIndex(isHeaderRow);
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
