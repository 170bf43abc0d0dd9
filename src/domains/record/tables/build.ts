import { scanText } from '../privacy/index.ts';
import type { Cell, ColumnType, RecordTable } from '../types.ts';
import { editCell, listsPeople, parseCell, parseDateText, type CellContext } from './cells.ts';

export const MAX_ROWS = 2000;
const MAX_COLUMNS = 30;

const HEADER_RULES: [RegExp, ColumnType][] = [
  [/身份证|证件号|公民身份号码/, 'id_number'],
  [/公开电话|监督电话|举报电话|咨询电话|服务电话|办公电话|热线/, 'public_phone'],
  [/电话|手机|联系方式/, 'phone'],
  [/姓名|名字|户主|申请人|被公示人|救助对象|成员$/, 'person_name'],
  [/金额|（元）|\(元\)|元）|元\)|补助|补贴|保障金|救助金|收入|支出|余额|合计|资金/, 'amount'],
  [/日期|时间|年月日/, 'date'],
  [/人数|人口|年龄|序号|数量|户数|口数|编号$/, 'integer'],
];

/** A column's type from its header, else from its content; ID and phone win when the content says so. */
export function detectType(header: string, values: string[]): ColumnType {
  const filled = values.map((v) => v.trim()).filter(Boolean);
  const all = (test: (v: string) => boolean) => filled.length > 0 && filled.every(test);
  const fromHeader = HEADER_RULES.find(([re]) => re.test(header))?.[1];
  if (all((v) => scanText(v).some((f) => f.kind === 'id_card'))) return 'id_number';
  if (all((v) => scanText(v).some((f) => f.kind === 'mobile'))) return fromHeader === 'id_number' ? 'id_number' : 'phone';
  if (fromHeader && all((v) => parseCell(fromHeader, v).ok)) return fromHeader;
  if (fromHeader === 'id_number' || fromHeader === 'phone' || fromHeader === 'public_phone') return fromHeader; // mask whatever is there
  if (all((v) => parseDateText(v) !== null)) return 'date';
  return 'text';
}

export interface BuiltTable {
  table: RecordTable;
  errors: string[];
}

/** Parses every cell with its column's type; problems come back by row and column name. */
export function buildTable(caption: string, header: string[], rows: string[][], types?: ColumnType[], publicPhones?: ReadonlySet<string>): BuiltTable {
  const errors: string[] = [];
  if (header.length > MAX_COLUMNS) errors.push(`表格最多 ${MAX_COLUMNS} 列，这张表有 ${header.length} 列。`);
  if (rows.length > MAX_ROWS) errors.push(`表格最多 ${MAX_ROWS} 行，这张表有 ${rows.length} 行。`);
  const names = header.slice(0, MAX_COLUMNS).map((h, i) => h.trim().slice(0, 60) || `第${i + 1}列`);
  const detected = names.map((name, i) => ({ name, type: types?.[i] ?? detectType(name, rows.map((r) => r[i] ?? '')) }));
  const peopleListed = listsPeople(detected);
  // 联系电话 of a table that names nobody (offices, service points) is the offices' number.
  const columns = detected.map((c, i) => (!types?.[i] && !peopleListed && c.type === 'phone' && /联系电话/.test(c.name) ? { ...c, type: 'public_phone' as const } : c));
  const ctx: CellContext = { publicPhones, peopleListed };
  const out: Cell[][] = rows.slice(0, MAX_ROWS).map((row, r) =>
    columns.map((col, c) => {
      const result = parseCell(col.type, row[c] ?? '', ctx);
      if (result.ok) return result.value;
      if (errors.length < 20) errors.push(`第 ${r + 1} 行“${col.name}”列：${result.error}`);
      return null;
    }),
  );
  return { table: { caption: caption.trim().slice(0, 200), columns, rows: out }, errors };
}

/** Splits pasted text: tab-separated when there are tabs (pasted from Excel), else CSV. */
export function splitRows(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.some((l) => l.includes('\t'))) return lines.filter((l) => l.trim() !== '').map((l) => l.split('\t'));
  return parseCsv(text);
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
    } else field += ch;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** The table as staff edit it: a header line, then one tab-separated line per row. */
export function tableToTsv(table: RecordTable): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const lines = [table.columns.map((c) => clean(c.name)).join('\t')];
  for (const row of table.rows) lines.push(table.columns.map((c, i) => clean(editCell(c.type, row[i] ?? null))).join('\t'));
  return lines.join('\n');
}

/** Reads an edited table back with the column types staff chose. */
export function tableFromTsv(caption: string, text: string, types: (ColumnType | undefined)[], publicPhones?: ReadonlySet<string>): BuiltTable {
  const [header = [], ...rows] = splitRows(text);
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  const fullHeader = Array.from({ length: width }, (_, i) => header[i] ?? '');
  const chosen = types.length > 0 ? fullHeader.map((h, i) => types[i] ?? detectType(h, rows.map((r) => r[i] ?? ''))) : undefined;
  return buildTable(caption, fullHeader, rows, chosen, publicPhones);
}
