import { ValidationError } from '../../../platform/errors.ts';
import { listZipEntries } from './zipEntries.ts';

export type DocumentKind = 'text' | 'docx' | 'xlsx' | 'pdf';

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

function unsupported(fileName: string, why: string): ValidationError {
  return new ValidationError(`无法检查文件「${fileName}」：${why}`);
}

/** Binary formats people do upload, each with the advice a clerk can act on. */
const KNOWN_BINARIES: Array<{ signature: number[]; why: string }> = [
  { signature: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], why: '这是旧版 Office 文件（.doc、.xls、.wps），请另存为 .docx 或 .xlsx 后再上传。' },
  { signature: [0x89, 0x50, 0x4e, 0x47], why: '这是图片（PNG），系统无法识别图片中的文字，请上传含文字的文档。' },
  { signature: [0xff, 0xd8, 0xff], why: '这是图片（JPEG），系统无法识别图片中的文字，请上传含文字的文档。' },
  { signature: [0x47, 0x49, 0x46, 0x38], why: '这是图片（GIF），系统无法识别图片中的文字，请上传含文字的文档。' },
  { signature: [0x52, 0x61, 0x72, 0x21], why: '这是 RAR 压缩包，请解压后逐个上传文件。' },
  { signature: [0x37, 0x7a, 0xbc, 0xaf], why: '这是 7z 压缩包，请解压后逐个上传文件。' },
  { signature: [0x1f, 0x8b], why: '这是 gzip 压缩文件，请解压后再上传。' },
];

/** "%PDF-" may follow a little junk; readers accept it anywhere in the first kilobyte. */
function isPdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

function zipKind(fileName: string, bytes: Uint8Array): DocumentKind {
  const entries = listZipEntries(bytes);
  if (entries.some((e) => e.startsWith('word/'))) return 'docx';
  if (entries.some((e) => e.startsWith('xl/'))) return 'xlsx';
  if (entries.some((e) => e === 'OFD.xml')) throw unsupported(fileName, '暂不支持 OFD 版式文件，请导出为 PDF 后再上传。');
  throw unsupported(fileName, '这是压缩包，不是 Word（.docx）或 Excel（.xlsx）文件，请解压后逐个上传。');
}

/** Decides the kind from the bytes alone; the file name's extension is not trusted. */
export function sniffKind(fileName: string, bytes: Uint8Array): DocumentKind {
  if (isPdf(bytes)) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return zipKind(fileName, bytes);
  }
  const known = KNOWN_BINARIES.find((k) => startsWith(bytes, k.signature));
  if (known !== undefined) throw unsupported(fileName, known.why);
  return 'text';
}

function looksBinary(bytes: Uint8Array): boolean {
  let controls = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls += 1;
  }
  return controls > bytes.length / 100;
}

/**
 * UTF-8 first (BOM optional), UTF-16 when it carries a BOM (Notepad's "Unicode"), and
 * GB18030 for the GBK text files many offices still save; anything else is binary.
 */
export function decodeText(fileName: string, bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (looksBinary(bytes)) throw unsupported(fileName, '文件格式无法识别，只支持文本、Word（.docx）、Excel（.xlsx）和 PDF 文件。');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw unsupported(fileName, '文本编码无法识别，请以 UTF-8 编码保存后再上传。');
    }
  }
}
