/** Turns one aligned data row into a ParsedItem (groups are filled later, see groups.ts). */
import { parseTimeLimit } from '../rules/parseTimeLimit.ts';
import { normalizeWidth } from '../rules/numerals.ts';
import { alignRow, type Previous } from './align.ts';
import { cleanCellText, isPlaceholder, singleLine } from './cleanText.ts';
import { parseChannels, splitBodies, splitLegalBasis } from './fields.ts';
import { ITEM_KEYS, type Field } from './labels.ts';
import { readAudience, readLevel, readMethod } from './marks.ts';
import { warn } from './messages.ts';
import type { Column } from './recognizers.ts';
import { repairWarning } from './repairs.ts';
import { timeLimitWarnings, stripLeakedNumber } from './timeLimit.ts';
import type { ImportWarning, ParsedItem, RawCell, RawRow } from './types.ts';

export interface DataRow {
  row: RawRow;
  /** Counts page breaks (repeated headers) seen before the row. */
  page: number;
  isLast: boolean;
}

/** An item before its blank 领域/一级事项 are filled from its neighbours. */
export interface Draft {
  item: ParsedItem;
  page: number;
  line: number | null;
  /** The row's own 一级事项 and 二级事项, before any filling. */
  ownCategory: string;
  ownName: string;
  /** The row as laid over the columns, for the merged-cell repair of the next row. */
  cells: (RawCell | null)[];
}

type Cells = Map<Field, { column: Column; cell: RawCell | null }[]>;

function byField(columns: Column[], cells: (RawCell | null)[]): Cells {
  const map: Cells = new Map();
  columns.forEach((column, i) => {
    const list = map.get(column.field) ?? [];
    list.push({ column, cell: cells[i] ?? null });
    map.set(column.field, list);
  });
  return map;
}

function rawOf(cells: Cells, field: Field): string {
  return (cells.get(field) ?? []).map((c) => c.cell?.text ?? '').join('\n');
}

function textOf(cells: Cells, field: Field): string {
  return cleanCellText(rawOf(cells, field));
}

function lineOf(cells: Cells, field: Field): number | null {
  return (cells.get(field) ?? []).find((c) => c.cell)?.cell?.line ?? null;
}

function subCells(cells: Cells, field: Field): { sub: string | null; text: string }[] {
  return (cells.get(field) ?? []).filter((c) => c.cell).map((c) => ({ sub: c.column.sub, text: c.cell?.text ?? '' }));
}

function sourceOf(cells: Cells): ParsedItem['source'] {
  const source: ParsedItem['source'] = {};
  for (const [field, list] of cells) {
    const present = list.filter((c) => c.cell);
    if (field === 'unknown' || present.length === 0) continue;
    const text = present.map((c) => c.cell?.original ?? c.cell?.text ?? '').join('\t');
    source[ITEM_KEYS[field]] = { text, line: present[0]?.cell?.line ?? null };
  }
  return source;
}

function readSeq(cells: Cells, fallback: number): number {
  const text = normalizeWidth(singleLine(textOf(cells, 'seq')));
  const match = /^(\d{1,6})[.、]?$/.exec(text);
  return match ? Number(match[1]) : fallback;
}

export function buildDraft(columns: Column[], data: DataRow, index: number, warnings: ImportWarning[], previous: Previous | null = null): Draft | null {
  const alignment = alignRow(columns, data.row, previous);
  const cells = byField(columns, alignment.cells);
  const seq = readSeq(cells, index + 1);
  const line = data.row.line;
  const ownName = singleLine(textOf(cells, 'name'));
  const ownCategory = singleLine(textOf(cells, 'category'));
  const content = textOf(cells, 'content');
  if (ownName === '' && ownCategory === '' && content === '') {
    if (data.isLast) warnings.push(warn(null, line, '最后一行内容不完整（没有事项名称和公开内容），已跳过，请核对原文件是否被截断'));
    return null;
  }
  const repair = repairWarning(columns, alignment.repair, { seq, line, cellCount: data.row.cells.length, isLast: data.isLast });
  if (repair) warnings.push(repair);
  const item = itemFromCells(cells, seq, line, content, warnings);
  return { item, page: data.page, line, ownCategory, ownName, cells: alignment.cells };
}

function itemFromCells(cells: Cells, seq: number, line: number | null, content: string, warnings: ImportWarning[]): ParsedItem {
  const timeLine = lineOf(cells, 'timeLimit') ?? line;
  const legalRaw = textOf(cells, 'legalBasis');
  const leak = stripLeakedNumber(textOf(cells, 'timeLimit'), legalRaw);
  if (leak.warning) warnings.push(warn(seq, timeLine, leak.warning, 'timeLimitText'));
  const parsed = parseTimeLimit(leak.text);
  if (cells.has('timeLimit')) warnings.push(...timeLimitWarnings(leak.text, parsed, seq, timeLine));
  const website = singleLine(textOf(cells, 'websiteColumn'));
  return {
    seq,
    domain: singleLine(textOf(cells, 'domain')),
    category: singleLine(textOf(cells, 'category')),
    name: singleLine(textOf(cells, 'name')),
    content,
    websiteColumn: isPlaceholder(website) ? null : website,
    legalBasis: splitLegalBasis(legalRaw),
    responsibleBodies: splitBodies(textOf(cells, 'responsible')),
    timeLimitText: leak.text,
    rules: parsed.rules,
    channels: parseChannels(rawOf(cells, 'channels'), textOf(cells, 'channels')),
    audience: readAudience(subCells(cells, 'audience')),
    method: readMethod(subCells(cells, 'method')),
    level: readLevel(subCells(cells, 'level')),
    source: sourceOf(cells),
  };
}
