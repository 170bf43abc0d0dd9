import { inflateRawSync } from 'node:zlib';

/**
 * Just enough ZIP reading to tell a .docx (word/…) from an .xlsx (xl/…) or an OFD file, and to
 * read the few Word parts mammoth leaves out. Uses the central directory; when the end record
 * is missing or broken (truncated or streamed archives) names come from the local headers.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** A header or footer is a few kilobytes; more than this is a zip bomb, not a document. */
const MAX_ENTRY_BYTES = 32 * 1024 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEndRecord(view: DataView): number {
  const earliest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= earliest; at -= 1) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

/** Entries of the central directory, or null when there is none to trust. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  if (bytes.length < 22) return null;
  const view = viewOf(bytes);
  const end = findEndRecord(view);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return null;
    const nameLength = view.getUint16(at + 28, true);
    entries.push({
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

function localHeaderNames(bytes: Uint8Array): string[] {
  const view = viewOf(bytes);
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
  return zipEntries(bytes)?.map((e) => e.name) ?? localHeaderNames(bytes);
}

/** The uncompressed content of a stored or deflated entry; null if it cannot be read. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = viewOf(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) return null;
  const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
  try {
    if (entry.method === STORED) return data;
    if (entry.method === DEFLATED) return inflateRawSync(data, { maxOutputLength: MAX_ENTRY_BYTES });
  } catch {
    return null;
  }
  return null;
}
