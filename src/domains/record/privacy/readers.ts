/**
 * The readers of PDF, Word and Excel files. They run in a pool worker (extractText.ts sends them
 * there): each library inflates what it reads in memory, so the archive or the PDF's streams are
 * measured first and the worker's heap and time limits catch whatever slips past.
 */
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { AppError, ValidationError } from '../../../platform/errors.ts';
import { assertZipWithinLimits } from '../../../platform/zipGuard.ts';
import { assertCharCount, assertPageCount, assertPdfWithinLimits } from './pdfGuard.ts';
import { officeExtraText } from './officeExtras.ts';

export interface FileInput {
  fileName: string;
  bytes: Uint8Array;
}

export type BinaryKind = 'pdf' | 'docx' | 'xlsx';

function unreadable(fileName: string, what: string): ValidationError {
  return new ValidationError(`无法读取文件「${fileName}」：${what}文件已损坏或格式不正确。`);
}

/** The body as mammoth reads it, then the parts it skips (officeExtras.ts) after a blank line. */
async function docxText(input: FileInput): Promise<string> {
  assertZipWithinLimits(input.bytes);
  let body: string;
  try {
    body = (await mammoth.extractRawText({ buffer: Buffer.from(input.bytes) })).value;
  } catch {
    throw unreadable(input.fileName, 'Word ');
  }
  const extra = officeExtraText(input.bytes);
  return extra === '' ? body : `${body.replace(/\n+$/, '')}\n\n${extra}`;
}

function isoDate(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** The text a reader sees in a cell; dates as ISO so they never look like long digit runs. */
function cellValueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDate(value);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return cellValueText((value as { result?: ExcelJS.CellValue }).result ?? null);
  }
  if ('hyperlink' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/** Every cell of every sheet: one line per row, cells tab-separated, a blank line between sheets. */
async function xlsxText(input: FileInput): Promise<string> {
  assertZipWithinLimits(input.bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types ask for an ArrayBuffer; at run time it hands a Node Buffer to JSZip as is.
    await workbook.xlsx.load(Buffer.from(input.bytes) as unknown as ArrayBuffer);
  } catch {
    throw unreadable(input.fileName, 'Excel ');
  }
  const sheets: string[] = [];
  workbook.eachSheet((sheet) => {
    const lines: string[] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const cells: string[] = [];
      for (let col = 1; col <= row.cellCount; col += 1) {
        const cell = row.getCell(col);
        // A merged range's other cells repeat the master's value; count it once.
        cells.push(cell.type === ExcelJS.ValueType.Merge ? '' : cellValueText(cell.value));
      }
      lines.push(cells.join('\t'));
    });
    sheets.push(lines.join('\n'));
  });
  const extra = officeExtraText(input.bytes);
  return [...sheets, ...(extra === '' ? [] : [extra])].join('\n\n');
}

async function pdfText(input: FileInput): Promise<string> {
  assertPdfWithinLimits(input.bytes);
  // Loaded on demand: pdf.js is large and only PDF uploads need it.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(input.bytes), // pdf.js detaches the buffer it is given
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    disableFontFace: true,
  });
  try {
    const doc = await task.promise;
    assertPageCount(input.fileName, doc.numPages);
    const pages: string[] = [];
    let chars = 0;
    for (let p = 1; p <= doc.numPages; p += 1) {
      const content = await (await doc.getPage(p)).getTextContent();
      pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
      chars += pages[pages.length - 1]!.length;
      assertCharCount(input.fileName, chars);
    }
    return pages.join('\n');
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof Error && error.name === 'PasswordException') {
      throw new ValidationError(`无法检查文件「${input.fileName}」：PDF 已加密，请上传未加密的文件。`);
    }
    throw unreadable(input.fileName, 'PDF ');
  } finally {
    await task.destroy();
  }
}

const READERS: Record<BinaryKind, (input: FileInput) => Promise<string>> = { pdf: pdfText, docx: docxText, xlsx: xlsxText };

/** The worker task: the text of a file whose kind the caller has already sniffed. */
export async function readDocumentText(input: FileInput, kind: BinaryKind): Promise<string> {
  return READERS[kind](input);
}
