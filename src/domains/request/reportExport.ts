import type ExcelJS from 'exceljs';
import type { PrintBlock, PrintDocument } from '../channel/index.ts';
import type { AnnualReport } from './annualReport.ts';
import { SUMMARY_COLUMNS, type YearSummary } from './communitySummary.ts';
import { reportSections, reportTitle, type ReportSection, type ReportTable } from './reportLayout.ts';

/* The annual report as .xlsx (one sheet, tables with borders) and as a PrintDocument for the PDF. */

const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const FONT = { name: '宋体', size: 10.5 };
const INDENT = ['', '　', '　　'];

function writeTable(sheet: ExcelJS.Worksheet, t: ReportTable, start: number): number {
  let r = start;
  const width = t.head.length + 1;
  sheet.getCell(r, 1).value = t.caption;
  sheet.getCell(r, 1).font = { ...FONT, bold: true };
  r++;
  const heads: string[][] = t.groups ? [['', ...t.groups.flatMap((g) => [g.label, ...Array<string>(g.span - 1).fill(g.label)])], ['', ...t.head]] : [['', ...t.head]];
  for (const head of heads) {
    head.forEach((text, c) => Object.assign(sheet.getCell(r, c + 1), { value: text, font: { ...FONT, bold: true }, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }));
    r++;
  }
  if (t.groups) {
    // Merge the grouping row: 法人或其他组织 over its five columns; 自然人 and 总计 over both rows.
    let c = 2;
    for (const g of t.groups) {
      if (g.span > 1) sheet.mergeCells(start + 1, c, start + 1, c + g.span - 1);
      else sheet.mergeCells(start + 1, c, start + 2, c);
      c += g.span;
    }
    sheet.getCell(start + 1, width).value = '总计';
    sheet.mergeCells(start + 1, 1, start + 2, 1);
  }
  for (const line of t.lines) {
    Object.assign(sheet.getCell(r, 1), { value: INDENT[line.level] + line.label, font: { ...FONT, bold: line.level === 0 }, border: BORDER, alignment: { wrapText: true, vertical: 'middle' } });
    for (let c = 0; c < t.head.length; c++) {
      Object.assign(sheet.getCell(r, c + 2), { value: line.cells ? line.cells[c] ?? '' : '', font: FONT, border: BORDER, alignment: { horizontal: 'center', vertical: 'middle' } });
    }
    r++;
  }
  if (t.note) sheet.getCell(r++, 1).value = t.note;
  return r + 1;
}

function writeSection(sheet: ExcelJS.Worksheet, s: ReportSection, start: number): number {
  let r = start;
  sheet.getCell(r, 1).value = s.title;
  sheet.getCell(r, 1).font = { ...FONT, size: 12, bold: true };
  r++;
  for (const p of s.paragraphs) {
    sheet.getCell(r, 1).value = p;
    sheet.getCell(r, 1).alignment = { wrapText: true, vertical: 'top' };
    sheet.mergeCells(r, 1, r, 8);
    sheet.getRow(r).height = 32;
    r++;
  }
  for (const t of s.tables) r = writeTable(sheet, t, r);
  return r + 1;
}

/** exceljs (~28 MB of RSS) loads on the first export, not in every server that could export. */
async function newBook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  return new Excel.Workbook();
}

export async function annualReportXlsx(report: AnnualReport): Promise<Buffer> {
  const book = await newBook();
  book.creator = 'Gongkai';
  const sheet = book.addWorksheet(`${report.year}年度报告`);
  sheet.getCell(1, 1).value = reportTitle(report);
  sheet.getCell(1, 1).font = { ...FONT, size: 15, bold: true };
  sheet.mergeCells(1, 1, 1, 8);
  let r = 3;
  for (const s of reportSections(report)) r = writeSection(sheet, s, r);
  sheet.getColumn(1).width = 58;
  for (let c = 2; c <= 8; c++) sheet.getColumn(c).width = 11;
  return Buffer.from(await book.xlsx.writeBuffer());
}

function tableBlocks(t: ReportTable): PrintBlock[] {
  const caption = t.groups ? `${t.caption}（商业企业至其他为法人或其他组织）` : t.caption;
  const rows = t.lines.map((l) => [INDENT[l.level] + l.label, ...t.head.map((_, c) => (l.cells ? String(l.cells[c] ?? '') : ''))]);
  const blocks: PrintBlock[] = [{ kind: 'table', caption, columns: [{ name: '项目', align: 'left' }, ...t.head.map((name) => ({ name, align: 'center' as const }))], rows }];
  if (t.note) blocks.push({ kind: 'note', text: t.note });
  return blocks;
}

export function annualReportDocument(report: AnnualReport): PrintDocument {
  const blocks: PrintBlock[] = [];
  for (const s of reportSections(report)) {
    blocks.push({ kind: 'heading', text: s.title });
    for (const p of s.paragraphs) blocks.push({ kind: 'paragraph', text: p });
    for (const t of s.tables) blocks.push(...tableBlocks(t));
  }
  blocks.push({ kind: 'signature', lines: [report.org.name, report.madeOn] });
  return { masthead: report.org.name, title: reportTitle(report), blocks, footer: reportTitle(report) };
}

/** The 居务公开 year summary as .xlsx: one row per community, then 合计. */
export async function yearSummaryXlsx(summary: YearSummary): Promise<Buffer> {
  const book = await newBook();
  book.creator = 'Gongkai';
  const sheet = book.addWorksheet(`${summary.year}年居务公开汇总`);
  const width = SUMMARY_COLUMNS.length + 1;
  sheet.getCell(1, 1).value = `${summary.org.name}${summary.year}年居务公开情况汇总`;
  sheet.getCell(1, 1).font = { ...FONT, size: 14, bold: true };
  sheet.mergeCells(1, 1, 1, width);
  sheet.getCell(2, 1).value = `统计日期：${summary.madeOn}。公开事项按合规统计口径（本年义务及以前年度仍未公开的义务）；查询、疑义按本年收到。`;
  sheet.mergeCells(2, 1, 2, width);
  ['社区（村）', ...SUMMARY_COLUMNS.map((c) => c.head)].forEach((text, c) => Object.assign(sheet.getCell(3, c + 1), { value: text, font: { ...FONT, bold: true }, border: BORDER, alignment: { wrapText: true, horizontal: 'center' } }));
  [...summary.lines, summary.total].forEach((line, i) => {
    Object.assign(sheet.getCell(4 + i, 1), { value: line.name, font: { ...FONT, bold: line === summary.total }, border: BORDER });
    SUMMARY_COLUMNS.forEach((col, c) => Object.assign(sheet.getCell(4 + i, c + 2), { value: col.value(line), font: FONT, border: BORDER, alignment: { horizontal: 'center' } }));
  });
  sheet.getColumn(1).width = 22;
  for (let c = 2; c <= width; c++) sheet.getColumn(c).width = 10;
  return Buffer.from(await book.xlsx.writeBuffer());
}
