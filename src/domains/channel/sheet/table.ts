/**
 * A record's table on paper: column widths from the content, the header row repeated on every
 * page the table runs onto (with the caption marked 续), and a row never split across pages.
 */
import type { ColumnType, PublicTable } from '../../record/index.ts';
import { printable } from './pdfKit.ts';

export interface Frame {
  doc: PDFKit.PDFDocument;
  left: number;
  width: number;
  /** Lowest y content may reach on the current page. */
  bottom: number;
  scale: number;
  /** Starts a new page for the same record and returns the y to continue at. */
  newPage(): number;
}

const ALIGN: Record<ColumnType, 'left' | 'center' | 'right'> = {
  text: 'left',
  person_name: 'center',
  id_number: 'center',
  phone: 'center',
  public_phone: 'center',
  amount: 'right',
  date: 'center',
  integer: 'center',
};

/** Natural widths, then shared out: narrow columns keep theirs, wide ones split what is left. */
export function columnWidths(doc: PDFKit.PDFDocument, table: PublicTable, total: number, size: number, pad: number): number[] {
  doc.fontSize(size);
  const natural = table.columns.map((col, i) => {
    const texts = [col.name, ...table.rows.slice(0, 200).map((r) => r[i] ?? '')];
    return Math.max(...texts.map((t) => doc.font(t === col.name ? 'bold' : 'regular').widthOfString(printable(t) || ' '))) + 2 * pad + 1;
  });
  const sum = natural.reduce((a, b) => a + b, 0);
  if (sum <= total) return natural.map((w) => (w * total) / sum);
  const fair = total / natural.length;
  const narrow = natural.map((w) => w <= fair);
  const fixed = natural.reduce((a, w, i) => a + (narrow[i] ? w : 0), 0);
  const wideSum = natural.reduce((a, w, i) => a + (narrow[i] ? 0 : w), 0);
  return natural.map((w, i) => (narrow[i] ? w : ((total - fixed) * w) / wideSum));
}

interface Grid {
  frame: Frame;
  table: PublicTable;
  widths: number[];
  size: number;
  pad: number;
}

function rowHeight(g: Grid, texts: string[], bold: boolean): number {
  const { doc } = g.frame;
  doc.font(bold ? 'bold' : 'regular').fontSize(g.size);
  return Math.max(...texts.map((t, i) => doc.heightOfString(printable(t) || ' ', { width: g.widths[i]! - 2 * g.pad }))) + 2 * g.pad;
}

function drawRow(g: Grid, texts: string[], y: number, height: number, header: boolean): void {
  const { doc, left } = g.frame;
  let x = left;
  doc.font(header ? 'bold' : 'regular').fontSize(g.size).lineWidth(0.6 * g.frame.scale);
  texts.forEach((text, i) => {
    const w = g.widths[i]!;
    if (header) doc.rect(x, y, w, height).fillAndStroke('#f3e3e1', '#444444');
    else doc.rect(x, y, w, height).stroke('#444444');
    doc.fillColor('#000000').text(printable(text), x + g.pad, y + g.pad, {
      width: w - 2 * g.pad,
      height: height - 2 * g.pad + 1,
      ellipsis: true,
      align: header ? 'center' : ALIGN[g.table.columns[i]?.type ?? 'text'],
    });
    x += w;
  });
}

function drawCaption(g: Grid, y: number, continued: boolean): number {
  const { doc, left, width, scale } = g.frame;
  doc.font('bold').fontSize(11 * scale).fillColor('#000000');
  doc.text(`${g.table.caption || '附表'}${continued ? '（续）' : ''}`, left, y, { width, align: 'center' });
  return doc.y + 4 * scale;
}

/** Draws the table from y; returns the y below it. */
export function drawTable(frame: Frame, table: PublicTable, startY: number): number {
  const size = 9.5 * frame.scale;
  const pad = 3.5 * frame.scale;
  const g: Grid = { frame, table, widths: columnWidths(frame.doc, table, frame.width, size, pad), size, pad };
  const header = table.columns.map((c) => c.name);
  const headerH = rowHeight(g, header, true);
  let y = startY;
  // Caption, header and first row stay together.
  const firstH = table.rows[0] ? rowHeight(g, table.rows[0], false) : 0;
  if (y + 30 * frame.scale + headerH + firstH > frame.bottom) y = frame.newPage();
  y = drawCaption(g, y, false);
  drawRow(g, header, y, headerH, true);
  y += headerH;
  for (const row of table.rows) {
    const room = frame.bottom - y;
    const h = rowHeight(g, row, false);
    if (h > room) {
      y = drawCaption(g, frame.newPage(), true);
      drawRow(g, header, y, headerH, true);
      y += headerH;
    }
    const height = Math.min(h, frame.bottom - y);
    drawRow(g, row, y, height, false);
    y += height;
  }
  if (table.rows.length === 0) {
    frame.doc.font('regular').fontSize(size).text('（无内容）', frame.left, y + pad, { width: frame.width, align: 'center' });
    y = frame.doc.y;
  }
  return y + 10 * frame.scale;
}
