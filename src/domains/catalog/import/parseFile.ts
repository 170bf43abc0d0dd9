/**
 * The catalog parser proper, run in a pool worker by index.ts: the readers and the layout
 * heuristics are linear in intent, but a hostile file must cost a worker thread, not the server.
 */
import { AppError } from '../../../platform/errors.ts';
import { assertZipWithinLimits } from '../../../platform/zipGuard.ts';
import { NOT_READABLE, decodeText, detectTextLayout, sniff, type TextLayout } from './detect.ts';
import { readCellLines } from './layouts/cellLines.ts';
import { readListStyle } from './layouts/listStyle.ts';
import { readParagraphs } from './layouts/paragraphs.ts';
import { readSpaced } from './layouts/spaced.ts';
import { readCsv, readTabRows } from './layouts/delimited.ts';
import { readDocx } from './layouts/docx.ts';
import { readPipe } from './layouts/pipe.ts';
import { readWordFlat } from './layouts/wordFlat.ts';
import { readXlsx } from './layouts/xlsx.ts';
import { NOT_A_CATALOG, buildCatalog } from './pipeline.ts';
import { checkMapping, type ColumnMapping } from './mapping.ts';
import { toSimplified } from './traditional.ts';
import { CatalogImportError, type ImportWarning, type ParsedCatalog, type RawTable } from './types.ts';

export const PARSE_FAILED = '导入失败：文件内容无法解析，请确认这是公开事项目录清单（文本、.xlsx 或 .docx 文件）';

const TEXT_READERS: Record<TextLayout, (text: string) => RawTable> = {
  'word-flat': readWordFlat,
  'tab-rows': readTabRows,
  pipe: readPipe,
  csv: readCsv,
  'cell-lines': readCellLines,
  spaced: readSpaced,
  paragraphs: readParagraphs,
  list: readListStyle,
};

const REFUSALS: Record<string, string> = {
  zip: '这是一个压缩文件，但不是 Excel（.xlsx）或 Word（.docx）文件，无法导入',
  'old-office': '这是旧版 Excel（.xls）或 Word（.doc）文件，请在 Office 或 WPS 中另存为 .xlsx 或 .docx 后再导入',
  pdf: '暂不支持直接导入 PDF 文件，请将其中的表格复制到 Excel 或 Word 后保存再导入',
  binary: NOT_READABLE,
};

/** The first table (worksheet, Word table) that reads as a catalog. */
function firstCatalog(tables: RawTable[], mapping: ColumnMapping | null): ParsedCatalog {
  let firstError: CatalogImportError | null = null;
  for (const table of tables) {
    try {
      return buildCatalog(table, mapping);
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
  const layout = detectTextLayout(text) ?? detectTextLayout(toSimplified(text)) ?? guessTableLayout(text);
  if (!layout) throw new CatalogImportError(NO_TABLE);
  const table = TEXT_READERS[layout](text);
  return { ...table, warnings: [...warnings, ...table.warnings] };
}

/** Text whose header is not recognised: still a table when most lines split the same way. */
function guessTableLayout(text: string): TextLayout | null {
  const lines = text.split(/\r?\n/).slice(0, 500).filter((l) => l.trim() !== '');
  const share = (re: RegExp) => lines.filter((l) => re.test(l)).length / Math.max(1, lines.length);
  if (share(/\t\S/) >= 0.5) return 'tab-rows';
  if (share(/\|.*\|/) >= 0.5) return 'pipe';
  if (share(/\S {2,}\S/) >= 0.5) return 'spaced';
  return null;
}

const NO_TABLE = `${NOT_A_CATALOG}。文件中没有找到表格：请把目录清单整理为表格（Excel、Word 表格，或每列用制表符分隔的文本），或写成“一、党务公开”下列出“1. 事项名称”的清单后再导入`;

async function parse(fileName: string, bytes: Uint8Array, mapping: ColumnMapping | null): Promise<ParsedCatalog> {
  if (bytes.length === 0) throw new CatalogImportError('文件为空，没有可导入的内容');
  const kind = sniff(bytes, fileName);
  // exceljs and mammoth inflate the whole archive in memory: measure it before they do.
  if (kind === 'xlsx' || kind === 'docx') assertZipWithinLimits(bytes);
  if (kind === 'xlsx') return firstCatalog(await readXlsx(bytes), mapping);
  if (kind === 'docx') return firstCatalog(await readDocx(bytes), mapping);
  if (kind !== 'text') throw new CatalogImportError(REFUSALS[kind] ?? NOT_READABLE);
  return buildCatalog(readText(bytes), mapping);
}

/** The worker task. Every failure becomes a CatalogImportError whose Chinese message is shown as is. */
export async function parseCatalogBytes(input: { fileName: string; bytes: Uint8Array; mapping?: ColumnMapping | null }): Promise<ParsedCatalog> {
  try {
    return await parse(input.fileName, input.bytes, input.mapping ? checkMapping(input.mapping) : null);
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
export async function parseCatalogJson(input: { fileName: string; bytes: Uint8Array; mapping?: ColumnMapping | null }): Promise<string> {
  return JSON.stringify(await parseCatalogBytes(input));
}
