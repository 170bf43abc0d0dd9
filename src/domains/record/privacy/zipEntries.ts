import { type ZipEntry, centralDirectory, inflateEntry } from '../../../platform/zipGuard.ts';

/**
 * Just enough ZIP reading to tell a .docx (word/…) from an .xlsx (xl/…) or an OFD file, and to
 * read the few Word parts mammoth leaves out. Uses the central directory (platform/zipGuard.ts,
 * which also measures archives before they are expanded); when the end record is missing or
 * broken (truncated or streamed archives) names come from the local headers.
 */

const LOCAL_SIGNATURE = 0x04034b50;
/** A header or footer is a few kilobytes; more than this is a zip bomb, not a document. */
const MAX_ENTRY_BYTES = 32 * 1024 * 1024;

/** Entries of the central directory, or null when there is none to trust. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  return centralDirectory(bytes);
}

function localHeaderNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
  return inflateEntry(bytes, entry, MAX_ENTRY_BYTES);
}
