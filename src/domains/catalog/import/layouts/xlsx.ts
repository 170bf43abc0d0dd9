/**
 * .xlsx workbooks (exceljs). Every cell of a merged range reads as the range's master text, so a
 * vertically merged 一级事项 gives each row its group exactly and a merged 公开事项 header reads as
 * a repeated label. `line` is the sheet's row number.
 */
// Types only here: exceljs (~10 MB) is loaded on the first export or import, not at start-up.
import type ExcelJS from 'exceljs';
import { CatalogImportError, type RawRow, type RawTable } from '../types.ts';

const XLSX = 'xlsx';

function cellText(cell: ExcelJS.Cell): string {
  try {
    return cell.text ?? '';
  } catch {
    // exceljs throws on a few broken values (odd rich text, shared formulas): read them as blank.
    return '';
  }
}

// A catalog has a dozen or two columns; a cell far to the right (XFD1048576) is formatting debris.
const MAX_COLUMNS = 100;

function sheetTable(sheet: ExcelJS.Worksheet): RawTable {
  // Only rows that hold something, and a column count read once: exceljs's columnCount walks every
  // row, and a sheet with one stray cell at row 5000 (or 1,048,576) is otherwise quadratic.
  const columns = Math.min(sheet.columnCount, MAX_COLUMNS);
  const grid: { line: number; texts: string[] }[] = [];
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const texts: string[] = [];
    for (let c = 1; c <= columns; c++) texts.push(cellText(row.getCell(c)));
    // Columns past the last one holding text (formatting only) are no part of the table.
    const used = texts.reduce((last, t, i) => (t.trim() !== '' ? i + 1 : last), 0);
    if (used === 0) return;
    width = Math.max(width, used);
    grid.push({ line, texts });
  });
  const rows: RawRow[] = grid.map(({ line, texts }) => ({
    cells: texts.slice(0, width).map((text) => ({ text, line })),
    line,
  }));
  return { layout: XLSX, rows, warnings: [] };
}

/** One raw table per worksheet, in workbook order. */
export async function readXlsx(bytes: Uint8Array): Promise<RawTable[]> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer); a copy of the bytes is one.
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await workbook.xlsx.load(copy as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new CatalogImportError('无法读取这个 Excel 文件：文件可能已损坏，或不是 .xlsx 格式', { cause: error });
  }
  return workbook.worksheets.map(sheetTable);
}
