/**
 * The catalog parser proper, run in a pool worker by index.ts: the readers and the layout
 * heuristics are linear in intent, but a hostile file must cost a worker thread, not the server.
 */
import { AppError } from '../../../platform/errors.ts';
import { assertZipWithinLimits } from '../../../platform/zipGuard.ts';
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

export const PARSE_FAILED = '导入失败：文件内容无法解析，请确认这是公开事项目录清单（文本、.xlsx 或 .docx 文件）';

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
  if (bytes.length === 0) throw new CatalogImportError('文件为空，没有可导入的内容');
  const kind = sniff(bytes, fileName);
  // exceljs and mammoth inflate the whole archive in memory: measure it before they do.
  if (kind === 'xlsx' || kind === 'docx') assertZipWithinLimits(bytes);
  if (kind === 'xlsx') return firstCatalog(await readXlsx(bytes));
  if (kind === 'docx') return firstCatalog(await readDocx(bytes));
  if (kind !== 'text') throw new CatalogImportError(REFUSALS[kind] ?? NOT_READABLE);
  return buildCatalog(readText(bytes));
}

/** The worker task. Every failure becomes a CatalogImportError whose Chinese message is shown as is. */
export async function parseCatalogBytes(input: { fileName: string; bytes: Uint8Array }): Promise<ParsedCatalog> {
  try {
    return await parse(input.fileName, input.bytes);
  } catch (error) {
    if (error instanceof CatalogImportError) throw error;
    if (error instanceof AppError) throw new CatalogImportError(error.message, { cause: error });
    throw new CatalogImportError(PARSE_FAILED, { cause: error });
  }
}

/**
 * The worker task as index.ts calls it: the catalog as JSON text. A structured clone of a
 * 100k-item catalog costs the receiving (request) thread several times what JSON.parse does.
 */
export async function parseCatalogJson(input: { fileName: string; bytes: Uint8Array }): Promise<string> {
  return JSON.stringify(await parseCatalogBytes(input));
}
