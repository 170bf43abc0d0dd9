import { inflateSync, constants } from 'node:zlib';
import { ValidationError } from '../../../platform/errors.ts';
import { tooLargeError } from '../../../platform/workers.ts';

/**
 * pdf.js inflates every stream it reads in full, with no ceiling: a 195 KB PDF whose content
 * stream expands to 200 MB held the server for half a minute. Every stream of a PDF sits in the
 * file itself (object streams cannot hold streams), so the Flate streams are measured here against
 * one budget before pdf.js sees the file.
 */
export const PDF_LIMITS = {
  /** All streams together, inflated; text-heavy real PDFs are a few megabytes. */
  maxExpandedBytes: 50 * 1024 * 1024,
  maxPages: 2000,
  /** Characters of extracted text; a scanner reading more than this is reading a bomb. */
  maxChars: 5_000_000,
};

const STREAM = /(?<!end)stream\r?\n/g;

/** Bytes inflated from one Flate stream, at most budget + 1; 0 for data that is not Flate. */
function inflatedSize(data: Uint8Array, budget: number): number {
  try {
    // A sync flush accepts streams cut short, as pdf.js does.
    return inflateSync(data, { maxOutputLength: budget + 1, finishFlush: constants.Z_SYNC_FLUSH }).length;
  } catch (error) {
    return error instanceof RangeError ? budget + 1 : 0;
  }
}

/** The stream's dictionary, just before the keyword, declares an image. */
function isImage(text: string, keywordAt: number): boolean {
  const dictionary = text.slice(Math.max(0, keywordAt - 2048), keywordAt);
  const ownStart = dictionary.lastIndexOf(' obj');
  return /\/Subtype\s*\/Image/.test(ownStart < 0 ? dictionary : dictionary.slice(ownStart));
}

/** Throws 413 when the PDF's Flate streams together expand past the limit. */
export function assertPdfWithinLimits(bytes: Uint8Array, maxExpandedBytes = PDF_LIMITS.maxExpandedBytes): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let budget = maxExpandedBytes;
  const streams = new RegExp(STREAM);
  for (let match = streams.exec(text); match !== null; match = streams.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    streams.lastIndex = end + 'endstream'.length; // never look for keywords inside the data
    // Only a zlib header (0x78) can start a Flate stream. Images are skipped: text extraction never
    // decodes them, and a scanned PDF's page images may rightly expand to hundreds of megabytes.
    if (bytes[start] !== 0x78 || isImage(text, match.index)) continue;
    budget -= inflatedSize(bytes.subarray(start, end), budget);
    if (budget < 0) throw tooLargeError();
  }
}

export function assertPageCount(fileName: string, pages: number): void {
  if (pages > PDF_LIMITS.maxPages) {
    throw new ValidationError(`无法检查文件「${fileName}」：PDF 页数过多（${pages} 页，上限 ${PDF_LIMITS.maxPages} 页），请拆分后再上传。`);
  }
}

export function assertCharCount(fileName: string, chars: number): void {
  if (chars > PDF_LIMITS.maxChars) {
    throw new ValidationError(`无法检查文件「${fileName}」：文件中的文字过多（超过 ${PDF_LIMITS.maxChars} 字），请拆分后再上传。`);
  }
}
