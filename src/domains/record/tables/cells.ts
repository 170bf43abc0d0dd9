import { maskText, maskValue, phoneKey, scanText } from '../privacy/index.ts';
import type { Cell, ColumnType } from '../types.ts';
import { chineseDate } from '../../../platform/time.ts';

type CellResult = { ok: true; value: Cell } | { ok: false; error: string };

const MAX_TEXT = 500;

/**
 * A value already masked by us ("110105********0003") is kept; anything else in an ID or phone
 * column is masked by the column's rule, whatever it contains. A value with stars that still
 * holds a whole personal number is masked again by the scanner.
 */
function maskTyped(kind: 'id_card' | 'mobile', value: string): string {
  if (value.includes('*')) return maskText(value).text;
  return maskValue(kind, value);
}

/**
 * What a phone cell may show, beyond the mask (see privacy/publicPhones.ts):
 * - `publicPhones`: the organisation's own listed numbers; a cell equal to one is shown as written,
 *   in any phone column, also in a list of people (the 监督委员会's hotline beside its members);
 * - `peopleListed`: the table names people (a name or ID column). Then a 公开电话 column is no
 *   different from a personal one: a resident's number typed into it stays masked.
 * Without a context everything is masked, as before.
 */
export interface CellContext {
  publicPhones?: ReadonlySet<string>;
  peopleListed?: boolean;
}

// A landline with area code, a 400/800 line or a short hotline: what an office publishes. Mobiles
// are left out on purpose: a mobile belongs to a person unless the organisation listed it.
const OFFICE_NUMBER = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4}|\d{5,6})$/;

function phoneCell(type: 'phone' | 'public_phone', value: string, ctx: CellContext): string {
  if (!value.includes('*') && ctx.publicPhones?.has(phoneKey(value))) return value;
  const compact = value.replace(/[\s（）()]/g, '');
  if (type === 'public_phone' && !ctx.peopleListed && OFFICE_NUMBER.test(compact) && scanText(value).length === 0) return value;
  return maskTyped('mobile', value);
}

function parseAmount(raw: string): number | null {
  const clean = raw.replace(/[,，\s]/g, '').replace(/^[¥￥]|元$/g, '');
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] === '-' ? -fen : fen;
}

function pad(n: string): string {
  return n.padStart(2, '0');
}

/** 2026-10-30, 2026/10/30, 2026.10.30, 2026年10月30日 → '2026-10-30' when the day exists. */
export function parseDateText(raw: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(raw.trim());
  if (!m) return null;
  const iso = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().startsWith(iso) ? iso : null;
}

/** Reads one cell as its column's type; the error names the problem in Chinese. */
export function parseCell(type: ColumnType, raw: string, ctx: CellContext = {}): CellResult {
  const value = raw.trim();
  if (value === '') return { ok: true, value: null };
  switch (type) {
    case 'text':
    case 'person_name':
      return value.length > MAX_TEXT ? { ok: false, error: `内容超过 ${MAX_TEXT} 个字` } : { ok: true, value };
    case 'id_number':
      return { ok: true, value: maskTyped('id_card', value.slice(0, 60)) };
    case 'phone':
    case 'public_phone':
      return { ok: true, value: phoneCell(type, value.slice(0, 60), ctx) };
    case 'amount': {
      const fen = parseAmount(value);
      return fen === null ? { ok: false, error: `“${value}”不是金额（例如 1234.50）` } : { ok: true, value: fen };
    }
    case 'date': {
      const iso = parseDateText(value);
      return iso === null ? { ok: false, error: `“${value}”不是日期（例如 2026-10-30）` } : { ok: true, value: iso };
    }
    case 'integer': {
      const clean = value.replace(/[,，]/g, '');
      return /^-?\d{1,12}$/.test(clean) ? { ok: true, value: Number(clean) } : { ok: false, error: `“${value}”不是整数` };
    }
  }
}

/** 123450 分 → "1,234.50". */
export function formatAmount(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** What a reader sees in a cell; personal numbers masked whatever the column says. */
export function displayCell(type: ColumnType, cell: Cell, ctx: CellContext = {}): string {
  if (cell === null || cell === '') return '';
  if (type === 'amount' && typeof cell === 'number') return `${formatAmount(cell)} 元`;
  if (type === 'date' && typeof cell === 'string' && parseDateText(cell)) return chineseDate(cell);
  if (type === 'id_number') return maskTyped('id_card', String(cell));
  if (type === 'phone' || type === 'public_phone') return phoneCell(type, String(cell), ctx);
  return maskText(String(cell)).text;
}

/** The value as staff edit it in the table text box: amounts as 1234.50, dates as ISO. */
export function editCell(type: ColumnType, cell: Cell): string {
  if (cell === null) return '';
  if (type === 'amount' && typeof cell === 'number') return formatAmount(cell).replace(/,/g, '');
  return String(cell);
}

/** Does the table name people? Then its phone numbers are theirs unless the organisation listed them. */
export function listsPeople(columns: { type: ColumnType }[]): boolean {
  return columns.some((c) => c.type === 'person_name' || c.type === 'id_number');
}
