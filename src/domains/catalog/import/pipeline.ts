/**
 * From a raw table (any layout) to a parsed catalog: header by meaning, sub-columns, page breaks,
 * row repair, items, group filling, and the file-level warnings.
 */
import { buildDraft, type DataRow, type Draft } from './buildItem.ts';
import { cleanCellText, singleLine } from './cleanText.ts';
import { buildColumns, type ColumnModel } from './columns.ts';
import { fillGroups } from './groups.ts';
import { cellLabel, findHeader, isRepeatedHeader, isSubHeaderRow } from './header.ts';
import { FIELD_NAMES, type Field } from './labels.ts';
import { quotedList, warn } from './messages.ts';
import { convertTraditional } from './traditional.ts';
import { mappingColumns, type ColumnMapping } from './mapping.ts';
import type { Column } from './recognizers.ts';
import { CatalogImportError, type ColumnGuess, type ImportWarning, type ParsedCatalog, type RawRow, type RawTable } from './types.ts';

export const NOT_A_CATALOG = '无法识别为公开事项目录清单：未找到“公开事项”“公开时限”等表头';

const isBlankRow = (row: RawRow): boolean => row.cells.every((c) => cellLabel(c.text) === '');

/** The catalog's title: the line above the table that names a 清单/目录, else the first one. */
function findTitle(rows: RawRow[]): string | null {
  const texts = rows
    .map((row) => [...new Set(row.cells.map((c) => singleLine(cleanCellText(c.text))).filter((t) => t !== ''))].join(' '))
    .map((t) => t.replace(/^#+\s*/, '').trim())
    .filter((t) => t !== '');
  return texts.find((t) => /清单|目录|公开/.test(t)) ?? texts[0] ?? null;
}

/**
 * Text outside the table: a line of its own, or one text merged across the whole row
 * (注：… under an .xlsx table). A lone number is a cut-off item, not a note.
 */
function noteText(row: RawRow): string | null {
  const texts = row.cells.map((c) => cellLabel(c.text)).filter((t) => t !== '');
  const distinct = new Set(texts);
  const [text] = distinct;
  if (distinct.size !== 1 || !text || /^\d+[.、]?$/.test(text)) return null;
  return row.cells.length === 1 || texts.length >= 3 ? text : null;
}

/** Data rows after the header; repeated headers count as page breaks, text outside the table is reported. */
function collectDataRows(rows: RawRow[], header: RawRow, warnings: ImportWarning[]): DataRow[] {
  const data: DataRow[] = [];
  let page = 0;
  for (const row of rows) {
    if (isBlankRow(row)) continue;
    if (isRepeatedHeader(row)) {
      page++;
      continue;
    }
    if (isSubHeaderRow(row, header)) continue;
    const note = noteText(row);
    if (note !== null) {
      warnings.push(warn(null, row.line, `表格外的文字“${note.slice(0, 30)}”未导入`));
      continue;
    }
    data.push({ row, page, isLast: false });
  }
  const last = data.at(-1);
  if (last) last.isLast = true;
  return data;
}

const EXPECTED: Field[] = ['content', 'legalBasis', 'responsible', 'timeLimit', 'channels', 'audience', 'method', 'level'];
const SUB_NAMES: Partial<Record<Field, string>> = { audience: '全社会/特定群体', method: '主动公开/依申请公开', level: '县级/乡级/村级' };

function modelWarnings(model: ColumnModel, header: RawRow): ImportWarning[] {
  const result: ImportWarning[] = [];
  const fields = new Set(model.columns.map((c) => c.field));
  const missing = EXPECTED.filter((f) => !fields.has(f));
  if (missing.length > 0) {
    result.push(warn(null, header.line, `表格中没有${quotedList(missing.map((f) => FIELD_NAMES[f]))}列，这些字段已留空`));
  }
  const inferred = model.inferred.filter((f) => SUB_NAMES[f]);
  if (inferred.length > 0) {
    const names = inferred.map((f) => `“${FIELD_NAMES[f]}”分为${SUB_NAMES[f]}`).join('，');
    result.push(warn(null, header.line, `表头没有标出子列，已按内容推断：${names}，请核对`));
  }
  const unknown = model.columns.filter((c) => c.field === 'unknown' && c.label !== '').map((c) => c.label);
  if (unknown.length > 0) result.push(warn(null, header.line, `未识别的列${quotedList(unknown)}已忽略`));
  return result;
}

/** The most common number of non-blank-trailing cells of the data rows. */
function usualWidth(rows: RawRow[]): number {
  const counts = new Map<number, number>();
  for (const row of rows) {
    let width = row.cells.length;
    while (width > 0 && row.cells[width - 1]!.text.trim() === '') width--;
    counts.set(width, (counts.get(width) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
}

/** The header and the columns: read by meaning, or as the user's mapping says. */
function locateColumns(rows: RawRow[], mapping: ColumnMapping | null): { headerIndex: number; span: number; header: RawRow | null } {
  if (mapping?.headerLine) {
    const index = rows.findIndex((r) => r.line === mapping.headerLine);
    if (index === -1) throw new CatalogImportError(`文件中没有第${mapping.headerLine}行，请重新指定表头所在的行`);
    return { headerIndex: index, span: 1, header: rows[index]! };
  }
  const found = findHeader(rows);
  if (found) return { headerIndex: found.index, span: found.span, header: found.row };
  if (!mapping) throw new CatalogImportError(noHeaderMessage(rows));
  // No header read by meaning: the table starts at the first row of several cells, and that row is
  // its header when it holds words where the mapping puts the item number (栏一 above 1).
  const first = rows.findIndex((r) => r.cells.filter((c) => c.text.trim() !== '').length >= 2);
  const seqAt = mapping.columns.indexOf('seq');
  const isNumber = (row: RawRow | undefined) => /^\s*\d{1,6}[.、]?\s*$/.test(row?.cells[seqAt]?.text ?? '');
  if (first !== -1 && seqAt !== -1 && !isNumber(rows[first]) && isNumber(rows[first + 1])) return { headerIndex: first, span: 1, header: rows[first]! };
  return { headerIndex: first - 1, span: 1, header: null };
}

/** The refusal for a table whose header is not recognised: what was found and how to map it. */
function noHeaderMessage(rows: RawRow[]): string {
  const table = rows.filter((r) => r.cells.length >= 2);
  if (table.length < 2) return `${NOT_A_CATALOG}。文件中没有找到表格，请把目录清单整理为表格（Excel、Word 表格或每列用制表符分隔的文本）后再导入`;
  const width = Math.max(...table.map((r) => r.cells.length));
  const sample = table[0]!.cells.map((c, i) => `第${i + 1}列“${singleLine(cleanCellText(c.text)).slice(0, 12)}”`).join('、');
  return `未能识别表头：文件中有一个${width}列的表格（${sample}），但看不出各列的含义。请指定每一列对应的字段：网页上在“列对应”一步选择，命令行用 --columns（例如 --columns 'seq,name,content,timeLimit'）`;
}

function guesses(columns: Column[], header: RawRow | null, first: RawRow | undefined): ColumnGuess[] {
  return columns.map((c, i) => ({
    label: header ? cellLabel(header.cells[i]?.text ?? '') : '',
    key: c.field === 'unknown' ? '-' : c.sub && c.field !== 'level' ? `${c.field}.${c.sub}` : c.field === 'item' ? 'name' : c.field,
    score: c.score ?? (c.field === 'unknown' ? 0 : 1),
    sample: singleLine(cleanCellText(first?.cells[i]?.text ?? '')).slice(0, 30),
  }));
}

export function buildCatalog(table: RawTable, mapping: ColumnMapping | null = null): ParsedCatalog {
  const warnings: ImportWarning[] = [...table.warnings];
  const rows = convertTraditional(table.rows, warnings);
  const { headerIndex, span, header } = locateColumns(rows, mapping);
  const next = rows[headerIndex + span];
  const sub = next && header && !mapping && isSubHeaderRow(next, header) ? next : null;
  const dataRows = collectDataRows(rows.slice(headerIndex + span + (sub ? 1 : 0)), header ?? { cells: [], line: null }, warnings);
  if (dataRows.length === 0) throw new CatalogImportError('找到了公开事项目录的表头，但表格中没有任何事项');
  const model: ColumnModel = mapping
    ? { columns: mappingColumns(mapping, header?.cells.map((c) => cellLabel(c.text)) ?? []), inferred: [] }
    : buildColumns(header!, sub, dataRows.map((d) => d.row));
  if (!mapping) warnings.push(...modelWarnings(model, header!));
  const itemWarnings: ImportWarning[] = [];
  const drafts: Draft[] = [];
  let previous: Draft | null = null;
  dataRows.forEach((data, i) => {
    const draft = buildDraft(model.columns, data, i, itemWarnings, previous && { cells: previous.cells, line: previous.line });
    if (draft) drafts.push((previous = draft));
  });
  if (drafts.length === 0) throw new CatalogImportError('找到了公开事项目录的表头，但没有读出任何完整的事项');
  fillGroups(drafts, model.columns.some((c) => c.field === 'name') && model.columns.some((c) => c.field === 'category'), itemWarnings);
  // Row order; warnings about the whole table (no line) come last.
  itemWarnings.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  return {
    title: findTitle(rows.slice(0, Math.max(0, header ? headerIndex : headerIndex + 1))),
    layout: table.layout,
    items: drafts.map((d) => d.item),
    warnings: [...warnings, ...itemWarnings],
    columns: guesses(model.columns, header, dataRows[0]?.row),
    tableWidth: usualWidth(dataRows.map((d) => d.row)),
  };
}
