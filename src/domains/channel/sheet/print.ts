/**
 * Printing happens in the worker pool: a month board of a busy community is seconds of CPU, and
 * eight people asking for it at once used to stall every other request on the request thread.
 * In a worker it waits its turn (the pool's queue and time limit apply) while pages keep loading.
 *
 * Views are guarded here, on the request thread, before they cross to the renderer: guard.ts
 * reaches the record domain's index, and through it Fastify, the database drivers and the
 * Markdown stack, which the worker would otherwise load (and hold, ~40 MB) to draw a PDF.
 */
import { runInWorker } from '../../../platform/workers.ts';
import type { PublicRecordView } from '../../record/index.ts';
import { guardView } from '../guard.ts';
import type { PrintDocument } from './renderDocument.ts';
import type { BoardInput, SheetOptions } from './renderSheet.ts';

const RENDERER = new URL('./renderSheet.ts', import.meta.url);
const DOCUMENT_RENDERER = new URL('./renderDocument.ts', import.meta.url);
/** A month board of a few hundred records is well under this on a loaded two-core machine. */
const PRINT_TIMEOUT_MS = 60_000;

async function render(name: 'renderSheetPdf' | 'renderBoardPdf' | 'renderDocumentPdf', args: unknown[]): Promise<Buffer> {
  // The PDF crosses the thread boundary as a Uint8Array; Fastify wants a Buffer to set the length.
  const module = name === 'renderDocumentPdf' ? DOCUMENT_RENDERER : RENDERER;
  const bytes = await runInWorker<Uint8Array>(module, name, args, { timeoutMs: PRINT_TIMEOUT_MS });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function printSheet(view: PublicRecordView, opts: SheetOptions): Promise<Buffer> {
  return render('renderSheetPdf', [guardView(view), opts]);
}

export function printBoard(board: BoardInput, opts: SheetOptions): Promise<Buffer> {
  return render('renderBoardPdf', [{ ...board, views: board.views.map(guardView) }, opts]);
}

/** A plain A4 document described as data (annual report, reply letter), for later floors. */
export function printDocument(document: PrintDocument): Promise<Buffer> {
  return render('renderDocumentPdf', [document]);
}
