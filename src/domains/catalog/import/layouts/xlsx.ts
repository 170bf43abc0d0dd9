/**
 * .xlsx workbooks (exceljs). Every cell of a merged range reads as the range's master text, so a
 * vertically merged 一级事项 gives each row its group exactly and a merged 公开事项 header reads as
 * a repeated label. `line` is the sheet's row number.
 */
import ExcelJS from 'exceljs';
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

function sheetTable(sheet: ExcelJS.Worksheet): RawTable {
  const grid: string[][] = [];
  let width = 0;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const texts: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) texts.push(cellText(row.getCell(c)));
    // Columns past the last one holding text (formatting only) are no part of the table.
    const used = texts.reduce((last, t, i) => (t.trim() !== '' ? i + 1 : last), 0);
    width = Math.max(width, used);
    grid.push(texts);
  }
  const rows: RawRow[] = grid.map((texts, i) => ({
    cells: texts.slice(0, width).map((text) => ({ text, line: i + 1 })),
    line: i + 1,
  }));
  return { layout: XLSX, rows, warnings: [] };
}

/** One raw table per worksheet, in workbook order. */
export async function readXlsx(bytes: Uint8Array): Promise<RawTable[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type (an ArrayBuffer); a copy of the bytes is one.
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    await workbook.xlsx.load(copy as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new CatalogImportError('无法读取这个 Excel 文件：文件可能已损坏，或不是 .xlsx 格式', { cause: error });
  }
  return workbook.worksheets.map(sheetTable);
}
