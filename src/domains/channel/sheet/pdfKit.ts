/**
 * pdfkit set-up shared by the sheet and the month board: Noto Sans SC from npm (never a system
 * font), a Buffer out, and QR codes drawn as vector squares so they print sharp at any size.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { registerFonts, withGlyphs } from '../../../platform/fonts.ts';

export type PaperSize = 'A4' | 'A3';

/** `drawn`: everything the document will print from data (its input), to choose the fonts by. */
export function openDocument(size: PaperSize, title: string, margins: { top: number; bottom: number; left: number; right: number }, drawn: unknown) {
  const doc = new PDFDocument({ size, layout: 'portrait', margins, bufferPages: true, autoFirstPage: false, info: { Title: title, Creator: '公开 · 居务村务公开平台' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc, title, drawn);
  return { doc, done };
}

/** A QR code of `text` with its quiet zone, `size` points wide, top-left at (x, y). */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      // Cells overlap by a hair so no white seams appear between them when rasterised.
      if (qr.modules.data[r * n + c]) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill('#000000').restore();
}

/** Characters the font has no glyph for, drawn with ones it has; tabs as spaces. */
export function printable(text: string): string {
  return withGlyphs(text).replace(/\t/g, ' ');
}
