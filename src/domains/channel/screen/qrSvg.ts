/** A QR code as a small SVG data URL (CSP allows data: images), drawn from the module matrix. */
import { createRequire } from 'node:module';
import type QRCodeLib from 'qrcode';

// Required on the first code drawn, not imported: qrcode holds ~10 MB of RSS, and only the
// screen and the sheet's QR image need it. It is CommonJS, so a synchronous require keeps
// qrSvg synchronous for its callers.
const require = createRequire(import.meta.url);
let lib: typeof QRCodeLib | null = null;

export function qrSvg(text: string): string {
  lib ??= require('qrcode') as typeof QRCodeLib;
  const qr = lib.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const q = 2;
  let d = '';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.modules.data[r * n + c]) d += `M${c + q} ${r + q}h1v1h-1z`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n + 2 * q} ${n + 2 * q}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

export const qrDataUrl = (text: string): string => `data:image/svg+xml;base64,${Buffer.from(qrSvg(text)).toString('base64')}`;
