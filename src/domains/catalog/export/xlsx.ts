/**
 * Exports a catalog as .xlsx in the standard layout: a title row, two header rows with merged
 * group headers (公开事项 over 领域/一级事项/二级事项, 公开对象 over 全社会/特定群体, 公开方式 over
 * 主动/依申请), and 领域/一级事项 merged down their runs like the originals. Importing the file
 * gives the same items back.
 */
// Types only here: exceljs (~10 MB) is loaded on the first export or import, not at start-up.
import type ExcelJS from 'exceljs';
import type { ParsedItem } from '../import/types.ts';
import { exportColumns, runsOf, type ExportColumn } from './columns.ts';

const TITLE_ROW = 1;
const GROUP_ROW = 2;
const LABEL_ROW = 3;
const FIRST_DATA_ROW = 4;

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};
const FONT = { name: '宋体', size: 10 };

function writeHeader(sheet: ExcelJS.Worksheet, title: string, columns: ExportColumn[]): void {
  sheet.getCell(TITLE_ROW, 1).value = title;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, columns.length);
  Object.assign(sheet.getCell(TITLE_ROW, 1), {
    font: { ...FONT, size: 16, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
  });
  sheet.getRow(TITLE_ROW).height = 32;
  let c = 0;
  while (c < columns.length) {
    const column = columns[c]!;
    let end = c;
    while (column.group && columns[end + 1]?.group === column.group) end++;
    if (column.group) {
      sheet.getCell(GROUP_ROW, c + 1).value = column.group;
      sheet.mergeCells(GROUP_ROW, c + 1, GROUP_ROW, end + 1);
      columns.slice(c, end + 1).forEach((sub, i) => (sheet.getCell(LABEL_ROW, c + i + 1).value = sub.label));
    } else {
      sheet.getCell(GROUP_ROW, c + 1).value = column.label;
      sheet.mergeCells(GROUP_ROW, c + 1, LABEL_ROW, c + 1);
    }
    c = end + 1;
  }
}

/** Merges 领域 and 一级事项 down their runs; a lone 一级事项 equal to its 二级事项 spans both. */
function mergeRuns(sheet: ExcelJS.Worksheet, columns: ExportColumn[], items: ParsedItem[]): void {
  columns.forEach((column, c) => {
    if (!column.mergeRuns) return;
    const keys = items.map((item) => (column.value(item) === '' ? '' : `${item.domain ?? ''}\u0000${column.value(item)}`));
    const runs = runsOf(column.mergeRuns === 'domain' ? items.map((i) => i.domain ?? '') : keys);
    for (const [first, last] of runs) sheet.mergeCells(FIRST_DATA_ROW + first, c + 1, FIRST_DATA_ROW + last, c + 1);
    if (column.mergeRuns !== 'category') return;
    const inRun = new Set(runs.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, k) => first + k)));
    items.forEach((item, r) => {
      if (!inRun.has(r) && item.category && item.category === item.name) {
        sheet.mergeCells(FIRST_DATA_ROW + r, c + 1, FIRST_DATA_ROW + r, c + 2);
      }
    });
  });
}

function styleTable(sheet: ExcelJS.Worksheet, columns: ExportColumn[], lastRow: number): void {
  for (let r = GROUP_ROW; r <= lastRow; r++) {
    for (let c = 1; c <= columns.length; c++) {
      const cell = sheet.getCell(r, c);
      cell.border = BORDER;
      cell.font = { ...FONT, bold: r < FIRST_DATA_ROW };
      const centred = r < FIRST_DATA_ROW || (columns[c - 1]?.width ?? 10) <= 9;
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: centred ? 'center' : 'left' };
      if (r < FIRST_DATA_ROW) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    }
  }
  columns.forEach((column, c) => (sheet.getColumn(c + 1).width = column.width));
}

export async function exportCatalogXlsx(title: string, items: ParsedItem[]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('公开事项目录', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: LABEL_ROW }],
  });
  sheet.pageSetup.printTitlesRow = `${GROUP_ROW}:${LABEL_ROW}`;
  const columns = exportColumns(items);
  writeHeader(sheet, title, columns);
  items.forEach((item, r) => {
    columns.forEach((column, c) => {
      const value = column.value(item);
      sheet.getCell(FIRST_DATA_ROW + r, c + 1).value = column.label === '序号' ? Number(value) : value;
    });
  });
  mergeRuns(sheet, columns, items);
  styleTable(sheet, columns, FIRST_DATA_ROW + items.length - 1);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
