/**
 * Office files (.docx, .xlsx) are zip archives, and a few hundred kilobytes of zip can expand to
 * gigabytes. The libraries that read them (JSZip inside mammoth and exceljs) inflate everything
 * in memory without limit, so the archive is measured here first: from the central directory
 * (declared sizes, free) and then by inflating each entry against a running budget, because the
 * declared sizes are written by whoever made the file and may lie.
 */
import { inflateRawSync } from 'node:zlib';
import { tooLargeError } from './workers.ts';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** Zip64 marks a size too large for 32 bits: never a document we can handle. */
const ZIP64 = 0xffffffff;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export interface ZipLimits {
  /** Sum of the uncompressed sizes of all entries. */
  maxTotalBytes: number;
  /** Uncompressed bytes per compressed byte of an entry larger than a megabyte. */
  maxRatio: number;
  maxEntries: number;
}

/** Real Office files are a few megabytes unpacked and compress text about 10:1. */
export const OFFICE_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 50 * 1024 * 1024, maxRatio: 200, maxEntries: 10_000 };

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
export function centralDirectory(bytes: Uint8Array): ZipEntry[] | null {
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
      uncompressedSize: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** The compressed bytes of an entry, located through its local header; null if out of bounds. */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = viewOf(bytes);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) return null;
  const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  return bytes.subarray(dataStart, dataStart + entry.compressedSize);
}

/** The uncompressed content of a stored or deflated entry, at most `maxBytes`; null if unreadable. */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Uint8Array | null {
  const data = entryData(bytes, entry);
  if (data === null) return null;
  if (entry.method === STORED) return data;
  if (entry.method !== DEFLATED) return null;
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
}

function declaredTooLarge(entries: ZipEntry[], limits: ZipLimits): boolean {
  if (entries.length > limits.maxEntries) return true;
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize === ZIP64 || e.compressedSize === ZIP64) return true;
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)) return true;
    total += e.uncompressedSize;
  }
  return total > limits.maxTotalBytes;
}

/** Inflated size of a deflated entry, counting no further than `budget + 1` bytes. */
function inflatedSize(data: Uint8Array, budget: number): number {
  try {
    return inflateRawSync(data, { maxOutputLength: budget + 1 }).length;
  } catch (error) {
    // Past the budget zlib throws RangeError (ERR_BUFFER_TOO_LARGE); corrupt data is the reader's to report.
    return error instanceof RangeError ? budget + 1 : 0;
  }
}

/**
 * Throws 413 '文件展开后过大' when the archive would expand past the limits. Archives without a
 * readable directory pass: JSZip cannot open them either and reports them as damaged.
 */
export function assertZipWithinLimits(bytes: Uint8Array, limits: ZipLimits = OFFICE_ZIP_LIMITS): void {
  const entries = centralDirectory(bytes);
  if (entries === null) return;
  if (declaredTooLarge(entries, limits)) throw tooLargeError();
  let budget = limits.maxTotalBytes;
  for (const entry of entries) {
    const data = entryData(bytes, entry);
    if (data === null) continue;
    budget -= entry.method === DEFLATED ? inflatedSize(data, budget) : data.length;
    if (budget < 0) throw tooLargeError();
  }
}
