/**
 * Catalog import: reads a 公开事项目录清单 from text, .xlsx or .docx, whatever its table layout,
 * into items with typed 时限 rules and Chinese warnings for everything a human should check.
 */
import { AppError } from '../../../platform/errors.ts';
import { WorkerTaskError, runInWorker } from '../../../platform/workers.ts';
import { PARSE_FAILED } from './parseFile.ts';
import type { ColumnMapping } from './mapping.ts';
import { CatalogImportError, type ParsedCatalog } from './types.ts';

export { CatalogImportError } from './types.ts';
export { MAPPING_KEYS, checkMapping, parseColumnsOption, type ColumnMapping } from './mapping.ts';
export type { ColumnGuess, ImportWarning, ParsedCatalog, ParsedItem } from './types.ts';

/** Largest file accepted; real catalogs are well under 1 MB. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const PARSER = new URL('./parseFile.ts', import.meta.url);
/** A 100k-row catalog near the upload limit takes about 15 s on a busy two-core machine. */
const PARSE_TIMEOUT_MS = 60_000;

/** Checks that cost nothing stay here, so an oversized file is never copied to a worker. */
function checkInput(input: { fileName: string; bytes: Uint8Array }): void {
  if (!(input?.bytes instanceof Uint8Array)) throw new CatalogImportError('没有收到文件内容，请重新选择文件');
  if (input.bytes.length > MAX_IMPORT_BYTES) {
    const size = (input.bytes.length / 1024 / 1024).toFixed(1);
    throw new CatalogImportError(`文件过大（${size} MB），目录清单文件不能超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
  }
}

/**
 * Reads a catalog file, in the worker pool (platform/workers.ts: time and memory limits). Throws
 * CatalogImportError (Chinese message) when the file is not a catalog, cannot be read or hits a
 * limit; every other failure is turned into one as well, so callers never show a stack trace.
 */
export async function parseCatalogFile(input: { fileName: string; bytes: Uint8Array; mapping?: ColumnMapping | null }): Promise<ParsedCatalog> {
  checkInput(input);
  try {
    const json = await runInWorker<string>(PARSER, 'parseCatalogJson', [{ fileName: String(input.fileName ?? ''), bytes: input.bytes, mapping: input.mapping ?? null }], {
      timeoutMs: PARSE_TIMEOUT_MS,
    });
    return JSON.parse(json) as ParsedCatalog;
  } catch (error) {
    if (error instanceof WorkerTaskError && error.taskErrorName === 'CatalogImportError') throw new CatalogImportError(error.message);
    if (error instanceof AppError) throw new CatalogImportError(error.message, { cause: error });
    throw new CatalogImportError(PARSE_FAILED, { cause: error });
  }
}
