import type { FastifyReply } from 'fastify';

/** RFC 5987: the Chinese file name survives in every browser. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  return `${kind}; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

interface Download {
  bytes: Uint8Array;
  mimeType: string;
  fileName: string;
}

/** A stored file: pictures and PDFs open in the browser, other files download. */
export function sendDownload(reply: FastifyReply, file: Download, cacheControl: string) {
  const inline = file.mimeType.startsWith('image/') || file.mimeType === 'application/pdf';
  return reply
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.fileName))
    .header('cache-control', cacheControl)
    .type(file.mimeType)
    .send(file.bytes);
}
