import { ValidationError } from '../../../platform/errors.ts';
import { WorkerTaskError, runInWorker } from '../../../platform/workers.ts';
import type { BinaryKind, FileInput } from './readers.ts';
import { type DocumentKind, decodeText, sniffKind } from './sniff.ts';

export type { DocumentKind } from './sniff.ts';
export type { FileInput } from './readers.ts';

const READERS = new URL('./readers.ts', import.meta.url);

/**
 * The plain text of an uploaded file, its type decided from the content (magic bytes), never
 * from the name. Scanned PDFs without a text layer come back empty: there is no OCR here.
 * PDF, Word and Excel are read in the worker pool, with its time and memory limits, so a hostile
 * file costs a worker thread, not the server; plain text is decoded here, in linear time.
 */
export async function extractText(input: FileInput): Promise<{ text: string; kind: DocumentKind }> {
  const kind = sniffKind(input.fileName, input.bytes);
  if (kind === 'text') return { text: decodeText(input.fileName, input.bytes), kind };
  try {
    const text = await runInWorker<string>(READERS, 'readDocumentText', [{ fileName: input.fileName, bytes: input.bytes }, kind satisfies BinaryKind]);
    return { text, kind };
  } catch (error) {
    // A failure the readers did not foresee carries a library's English message: not for a clerk.
    if (error instanceof WorkerTaskError) throw new ValidationError(`无法读取文件「${input.fileName}」：文件已损坏或格式不正确。`);
    throw error;
  }
}
