/**
 * A catalog as a printable A4 landscape PDF table, drawn in the worker pool (printPdf.ts). Chinese
 * text uses Noto Sans SC (platform/fonts.ts: its common cut unless a character needs the full
 * fonts); the header row is repeated on every page and a row that does not fit the rest of a page
 * starts on the next one. Only a row taller than a whole page is shrunk, and as a last resort cut
 * with an ellipsis.
 */
// pdfkit is loaded by the worker that renders, never by the request thread.
import type PDFKitDocument from 'pdfkit';
import { registerFonts, withGlyphs } from '../../../platform/fonts.ts';
import type { ParsedItem } from '../import/types.ts';
import { channelsText } from './columns.ts';

interface PdfColumn {
  label: string;
  weight: number;
  value: (item: ParsedItem) => string;
}

const both = (a: boolean | null, b: boolean | null, names: [string, string]): string =>
  [a ? names[0] : '', b ? names[1] : ''].filter(Boolean).join('、');

function pdfColumns(items: ParsedItem[]): PdfColumn[] {
  const columns: (PdfColumn | null)[] = [
    { label: '序号', weight: 0.4, value: (i) => String(i.seq) },
    items.some((i) => i.domain) ? { label: '领域', weight: 0.8, value: (i) => i.domain ?? '' } : null,
    { label: '一级事项', weight: 0.9, value: (i) => i.category ?? '' },
    { label: '二级事项', weight: 1, value: (i) => i.name },
    { label: '公开内容（要素）', weight: 2.3, value: (i) => i.content },
    items.some((i) => i.websiteColumn) ? { label: '政府网站公开栏目', weight: 0.9, value: (i) => i.websiteColumn ?? '' } : null,
    { label: '公开依据', weight: 2.2, value: (i) => i.legalBasis.join('\n') },
    { label: '公开主体', weight: 1.1, value: (i) => i.responsibleBodies.join('\n') },
    { label: '公开时限', weight: 1.3, value: (i) => i.timeLimitText },
    { label: '公开渠道和载体', weight: 1.5, value: channelsText },
    { label: '公开对象', weight: 0.7, value: (i) => both(i.audience.society, i.audience.specificGroups, ['全社会', '特定群体']) },
    { label: '公开方式', weight: 0.7, value: (i) => both(i.method.proactive, i.method.onRequest, ['主动公开', '依申请公开']) },
    { label: '公开层级', weight: 0.6, value: (i) => i.level ?? '' },
  ];
  return columns.filter((c): c is PdfColumn => c !== null);
}

const PAD = 3;
const FONT_SIZE = 7.5;
const MIN_FONT_SIZE = 5.5;

interface Layout {
  doc: PDFKit.PDFDocument;
  columns: PdfColumn[];
  widths: number[];
  left: number;
  bottom: number;
}

function rowHeight(layout: Layout, texts: string[], size: number): number {
  layout.doc.fontSize(size);
  const heights = texts.map((t, i) => layout.doc.heightOfString(t || ' ', { width: (layout.widths[i] ?? 0) - 2 * PAD }));
  return Math.max(...heights) + 2 * PAD;
}

function drawRow(layout: Layout, texts: string[], y: number, height: number, opts: { size: number; header: boolean }): void {
  const { doc } = layout;
  doc.font(opts.header ? 'bold' : 'regular').fontSize(opts.size);
  let x = layout.left;
  texts.forEach((text, i) => {
    const width = layout.widths[i] ?? 0;
    if (opts.header) doc.rect(x, y, width, height).fillAndStroke('#e7eef7', '#333333').fillColor('#000000');
    else doc.rect(x, y, width, height).stroke('#333333');
    doc.text(text, x + PAD, y + PAD, {
      width: width - 2 * PAD,
      height: height - 2 * PAD,
      ellipsis: true,
      align: opts.header || width < 40 ? 'center' : 'left',
    });
    x += width;
  });
}

function headerHeight(layout: Layout): number {
  layout.doc.font('bold');
  const height = rowHeight(layout, layout.columns.map((c) => c.label), FONT_SIZE);
  layout.doc.font('regular');
  return height;
}

function drawHeader(layout: Layout, y: number): number {
  const height = headerHeight(layout);
  drawRow(layout, layout.columns.map((c) => c.label), y, height, { size: FONT_SIZE, header: true });
  return y + height;
}

/** Font size and height for a row: smaller type only when the row would not fit on a page at all. */
function fitRow(layout: Layout, texts: string[], pageRoom: number): { size: number; height: number } {
  for (let size = FONT_SIZE; size >= MIN_FONT_SIZE; size -= 0.5) {
    const height = rowHeight(layout, texts, size);
    if (height <= pageRoom) return { size, height };
  }
  return { size: MIN_FONT_SIZE, height: pageRoom };
}

function drawTable(layout: Layout, title: string, items: ParsedItem[]): void {
  const { doc } = layout;
  doc.font('bold').fontSize(14).text(title, layout.left, doc.page.margins.top, { width: layout.widths.reduce((a, b) => a + b, 0), align: 'center' });
  let y = drawHeader(layout, doc.y + 8);
  const pageRoom = layout.bottom - headerHeight(layout) - doc.page.margins.top;
  for (const item of items) {
    const texts = layout.columns.map((c) => withGlyphs(c.value(item)));
    const { size, height } = fitRow(layout, texts, pageRoom);
    if (y + height > layout.bottom) {
      doc.addPage();
      y = drawHeader(layout, doc.page.margins.top);
    }
    drawRow(layout, texts, y, height, { size, header: false });
    y += height;
  }
}

/** 第 N 页 / 共 M 页 under each page; the bottom margin is lifted so pdfkit adds no page. */
function numberPages(doc: PDFKit.PDFDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).text(`第 ${i + 1} 页 / 共 ${range.count} 页`, 0, doc.page.height - bottom + 10, { width: doc.page.width, align: 'center' });
    doc.page.margins.bottom = bottom;
  }
}

/** The worker task behind `exportCatalogPdf` (printPdf.ts). */
export async function renderCatalogPdf(title: string, items: ParsedItem[]): Promise<Buffer> {
  const { default: PDFDocument } = (await import('pdfkit')) as { default: typeof PDFKitDocument };
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 28, bufferPages: true, info: { Title: title } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc, title, items);
  const columns = pdfColumns(items);
  const usable = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  const widths = columns.map((c) => (usable * c.weight) / total);
  const layout: Layout = { doc, columns, widths, left: doc.page.margins.left, bottom: doc.page.height - doc.page.margins.bottom };
  drawTable(layout, title, items);
  numberPages(doc);
  doc.end();
  return done;
}
