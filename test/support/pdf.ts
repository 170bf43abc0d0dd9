/** Reading a PDF as a person and a phone would: pdftotext (poppler-utils) for the words, a QR scan of a rendered page. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRImport from 'jsqr';
import { PNG } from 'pngjs';
import PDFDocument from 'pdfkit';

// jsqr is CommonJS: its default export arrives as the module itself or as .default, depending on the loader.
const jsQR = ((jsQRImport as unknown as { default?: unknown }).default ?? jsQRImport) as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

const dir = mkdtempSync(join(tmpdir(), 'gk-pdf-'));
let n = 0;

/** Writes the PDF to a temp file (kept for looking at) and returns its path. */
export function savePdf(pdf: Buffer, name = `doc-${++n}.pdf`): string {
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

/** Text of each page in reading layout, whitespace removed so wrapped lines read as one. */
export function pdfText(file: string): string[] {
  const out = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return out
    .split('\f')
    .filter((p) => p.trim() !== '')
    .map((p) => p.replace(/\s+/g, ''));
}

/** Renders page `page` at 150 dpi (pdftoppm) and decodes the QR code on it (jsQR). */
export function qrOnPage(file: string, page = 1): string | null {
  const prefix = `page-${++n}`;
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', String(page), '-l', String(page), file, join(dir, prefix)]);
  const png = readdirSync(dir).find((f) => f.startsWith(prefix + '-') && f.endsWith('.png'))!;
  const image = PNG.sync.read(readFileSync(join(dir, png)));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** A one-page PDF in pdfkit's built-in font with `text` as its text layer (ASCII only). */
export async function pdfWith(text: string): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
