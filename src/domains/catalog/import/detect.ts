/**
 * Tells what a file is: a zip (.xlsx/.docx), an old Office or PDF file, binary data, or text; and
 * for text, which layout the catalog table uses. Decoding accepts UTF-8 (with or without BOM),
 * UTF-16 with BOM, and GB18030/GBK as saved by older Chinese Windows tools.
 */
import { resolveLabel } from './labels.ts';
import { looksLikeList } from './layouts/listStyle.ts';
import { spacedLabels } from './layouts/spaced.ts';
import { warn } from './messages.ts';
import { CatalogImportError, type ImportWarning } from './types.ts';

export const NOT_READABLE = '文件不是文本、Excel（.xlsx）或 Word（.docx）格式，无法导入';

export type FileKind = 'xlsx' | 'docx' | 'zip' | 'old-office' | 'pdf' | 'binary' | 'text';

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

function contains(bytes: Uint8Array, ascii: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ascii, 0, 'latin1');
}

export function sniff(bytes: Uint8Array, fileName: string): FileKind {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // Zip entry names are stored uncompressed, so the main part's name shows which Office file it is.
    if (contains(bytes, 'xl/workbook')) return 'xlsx';
    if (contains(bytes, 'word/document')) return 'docx';
    if (/\.xlsx$/i.test(fileName)) return 'xlsx';
    return /\.docx$/i.test(fileName) ? 'docx' : 'zip';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'old-office';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  const hasBom16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  return !hasBom16 && controlByteShare(bytes.subarray(0, 65536)) > 0.01 ? 'binary' : 'text';
}

/** Share of control bytes other than tab, line breaks and form feed: none in UTF-8 or GBK text. */
function controlByteShare(bytes: Uint8Array): number {
  let controls = 0;
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  return controls / Math.max(1, bytes.length);
}

function decodeWith(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Share of control characters (other than tab and line breaks) and replacement characters. */
function controlShare(text: string): number {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0xfffd) controls++;
  }
  return controls / Math.max(1, text.length);
}

export function decodeText(bytes: Uint8Array, warnings: ImportWarning[]): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf8 = decodeWith('utf-8', bytes);
  const text = utf8 ?? decodeWith('gb18030', bytes);
  if (text === null) throw new CatalogImportError('无法识别文件的文字编码，请另存为 UTF-8 编码的文本文件后再导入');
  if (utf8 === null) warnings.push(warn(null, null, '文件编码为 GBK/GB18030，已自动转换'));
  if (controlShare(text.slice(0, 65536)) > 0.01) throw new CatalogImportError(NOT_READABLE);
  return text.replace(/^\uFEFF/, '');
}

export type TextLayout = 'word-flat' | 'tab-rows' | 'pipe' | 'csv' | 'cell-lines' | 'spaced' | 'paragraphs' | 'list';

const isLabel = (text: string): boolean => resolveLabel(text.trim()) !== null;

/** Longest run of consecutive lines that are each a header label (tab-indented or not). */
function labelRun(lines: string[], tabbed: boolean): number {
  let best = 0;
  let run = 0;
  for (const line of lines) {
    const fits = tabbed ? /^\t[^\t]+$/.test(line) && isLabel(line) : !line.includes('\t') && isLabel(line);
    run = fits ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** Most header labels found on one line when split at the delimiter. */
function labelsPerLine(lines: string[], delimiter: string): number {
  return Math.max(0, ...lines.map((line) => (line.includes(delimiter) ? line.split(delimiter).filter(isLabel).length : 0)));
}

/** Longest run of header labels each on a line of its own with blank lines between (one paragraph per cell). */
function paragraphRun(lines: string[]): number {
  let best = 0;
  let run = 0;
  let blanks = 0;
  for (const line of lines) {
    if (line.trim() === '') {
      blanks++;
      continue;
    }
    const fits = !line.includes('\t') && isLabel(line);
    run = fits ? (run > 0 && blanks === 0 ? 0 : run + 1) : 0;
    if (!fits) run = 0;
    blanks = 0;
    best = Math.max(best, run);
  }
  return best;
}

export function detectTextLayout(text: string): TextLayout | null {
  const lines = text.split(/\r?\n/).slice(0, 500);
  if (labelRun(lines, true) >= 3) return 'word-flat';
  const scores: [TextLayout, number][] = [
    ['tab-rows', labelsPerLine(lines, '\t')],
    ['pipe', labelsPerLine(lines, '|')],
    ['csv', labelsPerLine(lines, ',')],
    ['spaced', Math.max(0, ...lines.map((l) => (l.includes('\t') || l.includes('|') ? 0 : spacedLabels(l))))],
  ];
  const [layout, score] = scores.sort((a, b) => b[1] - a[1])[0]!;
  if (score >= 3) return layout;
  if (labelRun(lines, false) >= 3) return 'cell-lines';
  if (paragraphRun(lines) >= 3) return 'paragraphs';
  return looksLikeList(text) ? 'list' : null;
}
