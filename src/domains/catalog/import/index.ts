/**
 * Catalog import: reads a 公开事项目录清单 from text, .xlsx or .docx, whatever its table layout,
 * into items with typed 时限 rules and Chinese warnings for everything a human should check.
 */
import { NOT_READABLE, decodeText, detectTextLayout, sniff, type TextLayout } from './detect.ts';
import { readCellLines } from './layouts/cellLines.ts';
import { readCsv, readTabRows } from './layouts/delimited.ts';
import { readDocx } from './layouts/docx.ts';
import { readPipe } from './layouts/pipe.ts';
import { readWordFlat } from './layouts/wordFlat.ts';
import { readXlsx } from './layouts/xlsx.ts';
import { NOT_A_CATALOG, buildCatalog } from './pipeline.ts';
import { toSimplified } from './traditional.ts';
import { CatalogImportError, type ImportWarning, type ParsedCatalog, type RawTable } from './types.ts';

export { CatalogImportError } from './types.ts';
export type { ImportWarning, ParsedCatalog, ParsedItem } from './types.ts';

/** Largest file accepted; real catalogs are well under 1 MB. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const TEXT_READERS: Record<TextLayout, (text: string) => RawTable> = {
  'word-flat': readWordFlat,
  'tab-rows': readTabRows,
  pipe: readPipe,
  csv: readCsv,
  'cell-lines': readCellLines,
};

const REFUSALS: Record<string, string> = {
  zip: '这是一个压缩文件，但不是 Excel（.xlsx）或 Word（.docx）文件，无法导入',
  'old-office': '这是旧版 Excel（.xls）或 Word（.doc）文件，请在 Office 或 WPS 中另存为 .xlsx 或 .docx 后再导入',
  pdf: '暂不支持直接导入 PDF 文件，请将其中的表格复制到 Excel 或 Word 后保存再导入',
  binary: NOT_READABLE,
};

/** The first table (worksheet, Word table) that reads as a catalog. */
function firstCatalog(tables: RawTable[]): ParsedCatalog {
  let firstError: CatalogImportError | null = null;
  for (const table of tables) {
    try {
      return buildCatalog(table);
    } catch (error) {
      if (!(error instanceof CatalogImportError)) throw error;
      firstError ??= error;
    }
  }
  throw firstError ?? new CatalogImportError(`${NOT_A_CATALOG}（文件中没有表格）`);
}

function readText(bytes: Uint8Array): RawTable {
  const warnings: ImportWarning[] = [];
  const text = decodeText(bytes, warnings);
  if (text.trim() === '') throw new CatalogImportError('文件为空，没有可导入的内容');
  // Headers written in Traditional characters (公開時限) are recognised once converted.
  const layout = detectTextLayout(text) ?? detectTextLayout(toSimplified(text));
  if (!layout) throw new CatalogImportError(NOT_A_CATALOG);
  const table = TEXT_READERS[layout](text);
  return { ...table, warnings: [...warnings, ...table.warnings] };
}

async function parse(fileName: string, bytes: Uint8Array): Promise<ParsedCatalog> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    const size = (bytes.length / 1024 / 1024).toFixed(1);
    throw new CatalogImportError(`文件过大（${size} MB），目录清单文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  }
  if (bytes.length === 0) throw new CatalogImportError('文件为空，没有可导入的内容');
  const kind = sniff(bytes, fileName);
  if (kind === 'xlsx') return firstCatalog(await readXlsx(bytes));
  if (kind === 'docx') return firstCatalog(await readDocx(bytes));
  if (kind !== 'text') throw new CatalogImportError(REFUSALS[kind] ?? NOT_READABLE);
  return buildCatalog(readText(bytes));
}

/**
 * Reads a catalog file. Throws CatalogImportError (Chinese message) when the file is not a
 * catalog or cannot be read; every other failure is turned into one as well, so callers never
 * show a stack trace.
 */
export async function parseCatalogFile(input: { fileName: string; bytes: Uint8Array }): Promise<ParsedCatalog> {
  try {
    if (!(input?.bytes instanceof Uint8Array)) throw new CatalogImportError('没有收到文件内容，请重新选择文件');
    return await parse(String(input.fileName ?? ''), input.bytes);
  } catch (error) {
    if (error instanceof CatalogImportError) throw error;
    throw new CatalogImportError('导入失败：文件内容无法解析，请确认这是公开事项目录清单（文本、.xlsx 或 .docx 文件）', { cause: error });
  }
}
