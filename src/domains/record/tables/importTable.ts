import type ExcelJS from 'exceljs';
import { ValidationError } from '../../../platform/errors.ts';
import { maskValue } from '../privacy/index.ts';
import { decodeText } from '../privacy/sniff.ts';
import { buildTable, MAX_ROWS, splitRows, type BuiltTable } from './build.ts';

export interface TableFile {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * A number of more than 15 significant digits typed into Excel as a number: Excel kept only
 * its first 15–17 digits, so the scanner can no longer recognise the ID or card it was, yet
 * most of its true digits would be published. It is masked as the personal number its length
 * says it was, whatever the column.
 */
function longNumber(value: number, warnings: Set<string>): string {
  warnings.add('有超过 15 位的长数字被 Excel 存成了数值（身份证号、银行卡号等会丢失末几位），已按个人号码遮盖；请在 Excel 中把该列设为“文本”后重新录入。');
  const digits = Math.abs(value) < 1e21 ? Math.abs(value).toFixed(0) : String(Math.abs(value));
  const kind = digits.length === 18 || digits.length === 15 ? 'id_card' : 'bank_card';
  return maskValue(kind, digits);
}

function cellString(value: ExcelJS.CellValue, warnings: Set<string>): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') {
    if (Math.abs(value) >= 1e15) return longNumber(value, warnings);
    // 15 digits still fit a double exactly; the scanner reads them, but the user should know.
    if (Math.abs(value) >= 1e14) warnings.add('有长数字被 Excel 存成了数值（身份证号等会丢失末几位），请在 Excel 中把该列设为“文本”后重新录入。');
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((p) => p.text).join('');
  if ('result' in value) return cellString((value as { result?: ExcelJS.CellValue }).result ?? null, warnings);
  if ('text' in value) return String((value as { text: unknown }).text);
  return '';
}

async function xlsxRows(bytes: Uint8Array, warnings: Set<string>): Promise<{ rows: string[][]; sheet: string }> {
  // Loaded here: exceljs holds ~28 MB of RSS, which a server that never imports a table need not pay.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new ValidationError('无法读取这个 Excel 文件：文件可能已损坏。');
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw new ValidationError('这个 Excel 文件里没有数据。');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (rows.length > MAX_ROWS + 1) return;
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) {
      const cell = row.getCell(c);
      cells.push(cell.type === Excel.ValueType.Merge ? '' : cellString(cell.value, warnings).trim());
    }
    if (cells.some((x) => x !== '')) rows.push(cells);
  });
  return { rows, sheet: sheet.name };
}

/** A leading title row ("2026年10月低保对象名单") spans one cell; the header is the first wide row. */
function headerIndex(rows: string[][]): number {
  const widths = rows.map((r) => r.filter((c) => c !== '').length);
  const widest = Math.max(0, ...widths);
  return Math.max(0, widths.findIndex((w) => w >= Math.min(2, widest)));
}

/**
 * Reads a table from an uploaded .xlsx or .csv. The type is sniffed from the content: a ZIP
 * spreadsheet is read as Excel, plain text as CSV or tab-separated; anything else is refused.
 * ID and phone columns come back masked.
 */
export async function importTable(file: TableFile): Promise<BuiltTable & { warnings: string[] }> {
  const { fileTypeFromBuffer } = await import('file-type'); // ~10 MB, for uploads only
  const sniffed = await fileTypeFromBuffer(file.bytes);
  const warnings = new Set<string>();
  let rows: string[][];
  let caption = file.fileName.replace(/\.[^.]+$/, '');
  if (sniffed?.ext === 'xlsx') {
    const read = await xlsxRows(file.bytes, warnings);
    rows = read.rows;
    if (!/^Sheet\d*$/i.test(read.sheet)) caption = read.sheet;
  } else if (!sniffed) {
    rows = splitRows(decodeText(file.fileName, file.bytes));
  } else {
    throw new ValidationError(`“${file.fileName}”是 ${sniffed.ext} 文件。表格只能从 Excel（.xlsx）或 CSV 文件导入。`);
  }
  const start = headerIndex(rows);
  if (start > 0 && rows[0]!.filter(Boolean).length === 1) caption = rows[0]!.find(Boolean) ?? caption;
  const [header = [], ...body] = rows.slice(start);
  if (header.length === 0 || body.length === 0) throw new ValidationError('没有读到表格内容：第一行应为列名，下面每行一条记录。');
  const built = buildTable(caption, header, body);
  return { ...built, warnings: [...warnings] };
}
