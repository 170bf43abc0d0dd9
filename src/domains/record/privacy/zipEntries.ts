/**
 * Lists the entry names of a ZIP archive, enough to tell a .docx (word/…) from an .xlsx (xl/…)
 * or an OFD file without unpacking anything. Reads the central directory; when the end record
 * is missing or broken (truncated or streamed archives) it falls back to the local headers.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function findEndRecord(view: DataView): number {
  const earliest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= earliest; at -= 1) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

function centralDirectoryNames(bytes: Uint8Array, view: DataView): string[] | null {
  const end = findEndRecord(view);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function localHeaderNames(bytes: Uint8Array, view: DataView): string[] {
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let at = 0; at + 30 <= bytes.length; at += 1) {
    if (view.getUint32(at, true) !== LOCAL_SIGNATURE) continue;
    const nameLength = view.getUint16(at + 26, true);
    names.push(decoder.decode(bytes.subarray(at + 30, at + 30 + nameLength)));
  }
  return names;
}

export function listZipEntries(bytes: Uint8Array): string[] {
  if (bytes.length < 22) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return centralDirectoryNames(bytes, view) ?? localHeaderNames(bytes, view);
}
