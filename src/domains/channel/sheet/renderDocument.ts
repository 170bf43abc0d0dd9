/**
 * A plain official document on A4 (an annual report, a reply letter) drawn with the sheet's fonts
 * and table code: a masthead, a title, headings, paragraphs, tables whose header repeats on every
 * page, a signature block, and page numbers. Later domains describe the document as data
 * (`PrintDocument`) and print it through `printDocument` in print.ts, in the worker pool.
 */
import { chineseDate } from '../../../platform/time.ts';
import type { ColumnType } from '../../record/index.ts';
import { openDocument, printable } from './pdfKit.ts';
import { drawTable, type Frame } from './table.ts';

export type PrintBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; /** false for a salutation (“王某某：”), flush left. */ indent?: boolean }
  | { kind: 'note'; text: string }
  | { kind: 'table'; caption: string; columns: { name: string; align: 'left' | 'right' | 'center' }[]; rows: string[][] }
  | { kind: 'signature'; lines: string[] };

export interface PrintDocument {
  /** Red line at the top: the organisation that issues the document. */
  masthead: string;
  title: string;
  /** Under the title, e.g. the letter's number. */
  subtitle?: string;
  blocks: PrintBlock[];
  /** Printed beside the page number on every page ('YYYY-MM-DD' is shown as a Chinese date). */
  footer: string;
}

const RED = '#b3261e';
const MARGIN = { top: 56, bottom: 64, left: 62, right: 62 };
const ALIGN_TYPE: Record<'left' | 'right' | 'center', ColumnType> = { left: 'text', right: 'amount', center: 'integer' };

function frameOf(doc: PDFKit.PDFDocument): Frame {
  return {
    doc,
    left: MARGIN.left,
    scale: 1,
    get width() {
      return doc.page.width - MARGIN.left - MARGIN.right;
    },
    get bottom() {
      return doc.page.height - MARGIN.bottom;
    },
    newPage: () => {
      doc.addPage();
      return MARGIN.top;
    },
  };
}

function head(doc: PDFKit.PDFDocument, d: PrintDocument, width: number): void {
  doc.font('bold').fontSize(20).fillColor(RED).text(printable(d.masthead), MARGIN.left, MARGIN.top, { width, align: 'center', characterSpacing: 2 });
  const y = doc.y + 4;
  doc.save().lineWidth(2).moveTo(MARGIN.left, y).lineTo(MARGIN.left + width, y).stroke(RED).restore();
  doc.fillColor('#000000').font('bold').fontSize(17).text(printable(d.title), MARGIN.left, y + 14, { width, align: 'center' });
  if (d.subtitle) doc.font('regular').fontSize(10.5).fillColor('#444444').text(printable(d.subtitle), { width, align: 'center' });
  doc.fillColor('#000000').moveDown(0.8);
}

function block(doc: PDFKit.PDFDocument, b: PrintBlock, frame: Frame): void {
  const width = frame.width;
  const left = MARGIN.left;
  // A heading keeps a few lines of what follows on its page; other blocks need a line or two.
  if (doc.y > frame.bottom - (b.kind === 'heading' ? 140 : 40)) doc.addPage();
  switch (b.kind) {
    case 'heading':
      doc.font('bold').fontSize(13).text(printable(b.text), left, doc.y + 4, { width });
      doc.moveDown(0.3);
      return;
    case 'paragraph':
      doc.font('regular').fontSize(12).text(printable(b.text), left, doc.y, { width, indent: b.indent === false ? 0 : 24, lineGap: 4, paragraphGap: 6, align: 'justify' });
      return;
    case 'note':
      doc.font('regular').fontSize(9.5).fillColor('#444444').text(printable(b.text), left, doc.y, { width, lineGap: 2, paragraphGap: 4 });
      doc.fillColor('#000000');
      return;
    case 'table': {
      const table = { caption: b.caption, columns: b.columns.map((c) => ({ name: c.name, type: ALIGN_TYPE[c.align] })), rows: b.rows };
      doc.y = drawTable(frame, table, doc.y + 2);
      return;
    }
    case 'signature':
      if (doc.y + 20 * b.lines.length + 20 > frame.bottom) doc.addPage();
      doc.moveDown(1).font('regular').fontSize(12);
      for (const line of b.lines) doc.text(printable(/^\d{4}-\d{2}-\d{2}$/.test(line) ? chineseDate(line) : line), left, doc.y, { width: width - 24, align: 'right' });
  }
}

function pageNumbers(doc: PDFKit.PDFDocument, footer: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    doc.font('regular').fontSize(9).fillColor('#555555').text(`${printable(footer)}\u3000第 ${i - range.start + 1} 页 / 共 ${range.count} 页`, MARGIN.left, doc.page.height - 40, { width, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
}

export async function renderDocumentPdf(d: PrintDocument): Promise<Buffer> {
  const { doc, done } = openDocument('A4', d.title, MARGIN, d);
  doc.addPage();
  const frame = frameOf(doc);
  head(doc, d, frame.width);
  for (const b of d.blocks) block(doc, b, frame);
  pageNumbers(doc, d.footer);
  doc.end();
  return done;
}
