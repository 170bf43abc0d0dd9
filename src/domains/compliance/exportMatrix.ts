// Types only here: exceljs (~10 MB) is loaded on the first export or import, not at start-up.
import type ExcelJS from 'exceljs';
import { cellText, STATUS_LABELS } from './status.ts';
import type { MatrixView } from './streetMatrix.ts';
import { STATUSES, type Status } from './types.ts';
import { chineseDate, chineseDateTime } from '../../platform/time.ts';

/** Fill colours matching the page's legend (ARGB). */
const STATUS_FILLS: Record<Status, string> = {
  overdue: 'FFF8C9C5',
  due_soon: 'FFFFE3B3',
  pending: 'FFE9E2F5',
  upcoming: 'FFDCEBFA',
  done_late: 'FFFFF3C4',
  done_on_time: 'FFCDEFD6',
  waived: 'FFE5E7EA',
};

const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const FONT = { name: '宋体', size: 10 };

function matrixSheet(book: ExcelJS.Workbook, view: MatrixView, exportedAt: Date): void {
  const sheet = book.addWorksheet('公开情况矩阵', { views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }] });
  const width = view.items.length + 4;
  sheet.getCell(1, 1).value = `${view.area.name}居务公开情况（${view.range.label}）`;
  sheet.mergeCells(1, 1, 1, width);
  sheet.getCell(1, 1).font = { ...FONT, size: 14, bold: true };
  sheet.getCell(2, 1).value = `统计日期：${chineseDate(view.today)}；导出时间：${chineseDateTime(exportedAt)}；单元格为该社区该事项在统计期内各状态的义务数（含以前各期至今仍未公开的义务，注明“往期”），底色为其中最差的状态。`;
  sheet.mergeCells(2, 1, 2, width);
  const header = ['社区（村）', ...view.items.map((i) => `${i.seq}. ${i.name}`), '已逾期合计', '往期未结', '未办结督办'];
  header.forEach((text, c) => Object.assign(sheet.getCell(3, c + 1), { value: text, font: { ...FONT, bold: true }, border: BORDER, alignment: { wrapText: true, vertical: 'middle' } }));
  view.rows.forEach((row, r) => {
    const excelRow = 4 + r;
    Object.assign(sheet.getCell(excelRow, 1), { value: row.org.name, font: FONT, border: BORDER });
    view.items.forEach((item, c) => {
      const cell = row.cells.get(item.key);
      const target = sheet.getCell(excelRow, c + 2);
      const text = cell ? cellText(cell) + (cell.carried > 0 ? `（往期 ${cell.carried}）` : '') : '—';
      Object.assign(target, { value: text, font: FONT, border: BORDER, alignment: { wrapText: true, vertical: 'top' } });
      if (cell) target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILLS[cell.worst] } };
    });
    Object.assign(sheet.getCell(excelRow, width - 2), { value: row.counts.overdue ?? 0, font: FONT, border: BORDER });
    Object.assign(sheet.getCell(excelRow, width - 1), { value: row.carriedOver, font: FONT, border: BORDER });
    Object.assign(sheet.getCell(excelRow, width), { value: row.unfinishedOrders, font: FONT, border: BORDER });
  });
  sheet.getColumn(1).width = 18;
  for (let c = 2; c <= width; c++) sheet.getColumn(c).width = 14;
  sheet.getRow(3).height = 60;
}

function legendSheet(book: ExcelJS.Workbook): void {
  const sheet = book.addWorksheet('图例');
  sheet.addRow(['状态', '含义']).font = { ...FONT, bold: true };
  const meanings: Record<Status, string> = {
    overdue: '已过应公开日期，尚未公开',
    due_soon: '3 个工作日内到期，尚未公开',
    pending: '时限待定或所需年份的节假日安排尚未录入',
    upcoming: '尚未到期',
    done_late: '已公开，但晚于应公开日期',
    done_on_time: '已在应公开日期前公开',
    waived: '经上级批准免除',
  };
  for (const s of STATUSES) {
    const row = sheet.addRow([STATUS_LABELS[s], meanings[s]]);
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_FILLS[s] } };
  }
  sheet.getColumn(1).width = 14;
  sheet.getColumn(2).width = 44;
}

/** The street matrix as .xlsx: the coloured matrix, then the legend. */
export async function exportMatrixXlsx(view: MatrixView, exportedAt: Date): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = 'Gongkai';
  book.created = exportedAt;
  matrixSheet(book, view, exportedAt);
  legendSheet(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}
