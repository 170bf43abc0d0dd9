/**
 * The catalog's PDF is drawn in the worker pool, like every other PDF: on the request thread the
 * first export loaded pdfkit and both full fonts into the server for good (+25 MB), and a long
 * catalog held every other request while it was drawn.
 */
import { runInWorker } from '../../../platform/workers.ts';
import type { ParsedItem } from '../import/types.ts';

const RENDERER = new URL('./pdf.ts', import.meta.url);
/** A district's catalog of a few hundred items takes a few seconds on a loaded machine. */
const EXPORT_TIMEOUT_MS = 60_000;

export async function exportCatalogPdf(title: string, items: ParsedItem[]): Promise<Buffer> {
  const bytes = await runInWorker<Uint8Array>(RENDERER, 'renderCatalogPdf', [title, items], { timeoutMs: EXPORT_TIMEOUT_MS });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
