/*
 * A minimal streaming ustar writer and reader (regular files only) inside gzip, so a backup is one
 * `.tar.gz` that `tar -tzf` can list and any operator can unpack by hand, without a dependency.
 * Entries are streamed: neither the database dump nor the uploaded files are held in memory whole.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import type { Readable } from 'node:stream';

const BLOCK = 512;
const MAX_OCTAL = 0o77777777777;

function writeBase256(h: Buffer, size: number): void {
  h[124] = 0x80;
  for (let i = 135, n = size; i > 124; i--, n = Math.floor(n / 256)) h[i] = n % 256;
}

function readSize(h: Buffer, octalText: string): number {
  if (!(h[124]! & 0x80)) return parseInt(octalText.trim() || '0', 8);
  let n = 0;
  for (let i = 125; i < 136; i++) n = n * 256 + h[i]!;
  return n;
}

export function header(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 99) throw new Error(`备份条目名过长：${name}`);
  const h = Buffer.alloc(BLOCK);
  const field = (value: string, offset: number, length: number) => h.write(value, offset, length, 'ascii');
  const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0') + '\0';
  h.write(name, 0, 100, 'utf8');
  field(octal(0o644, 8), 100, 8);
  field(octal(0, 8), 108, 8);
  field(octal(0, 8), 116, 8);
  if (size <= MAX_OCTAL) field(octal(size, 12), 124, 12);
  else writeBase256(h, size); // a dump of 8 GiB or more: the GNU extension every tar reads
  field(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12);
  field(' '.repeat(8), 148, 8); // the checksum is computed with its own field as spaces
  field('0', 156, 1);
  field('ustar\u000000', 257, 8);
  let sum = 0;
  for (const byte of h) sum += byte;
  field(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

export interface TarWriter {
  /** Adds one entry; `body` must yield exactly `size` bytes. */
  add(name: string, size: number, body: Buffer | AsyncIterable<Buffer>): Promise<void>;
  /** Writes the end marker and waits until the file is written. */
  finish(): Promise<void>;
  /** Gives up: closes the file without an end marker (the caller removes it). */
  abort(): void;
}

export function tarWriter(file: string, mtime = new Date()): TarWriter {
  const gzip = createGzip();
  const out = createWriteStream(file, { mode: 0o600 });
  gzip.pipe(out);
  const failed = new Promise<never>((_, reject) => {
    gzip.once('error', reject);
    out.once('error', reject);
  });
  failed.catch(() => undefined); // surfaced by the next write or by finish()
  const write = async (chunk: Buffer) => {
    if (!gzip.write(chunk)) await Promise.race([once(gzip, 'drain'), failed]);
  };
  return {
    async add(name, size, body) {
      await write(header(name, size, mtime));
      let written = 0;
      for await (const chunk of Buffer.isBuffer(body) ? [body] : body) {
        written += chunk.length;
        await write(chunk);
      }
      if (written !== size) throw new Error(`备份条目 ${name} 在写入时大小改变（应为 ${size} 字节，实际 ${written} 字节）`);
      if (size % BLOCK) await write(Buffer.alloc(BLOCK - (size % BLOCK)));
    },
    async finish() {
      gzip.end(Buffer.alloc(BLOCK * 2));
      await Promise.race([once(out, 'close'), failed]);
    },
    abort() {
      gzip.destroy();
      out.destroy();
    },
  };
}

/** Pulls exact byte counts out of a stream of chunks. */
class ByteReader {
  private chunks: Buffer[] = [];
  private length = 0;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  private async fill(n: number): Promise<boolean> {
    while (this.length < n) {
      const next = await this.source.next();
      if (next.done) return false;
      this.chunks.push(next.value);
      this.length += next.value.length;
    }
    return true;
  }

  /** Up to n bytes, fewer only at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    const all = Buffer.concat(this.chunks);
    const out = all.subarray(0, n);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.length = Math.max(0, all.length - n);
    return out;
  }

  /** The next n bytes as a stream of pieces (at most 1 MiB each); `skip()` discards what is unread. */
  body(n: number): { pieces: AsyncIterable<Buffer>; skip(): Promise<void> } {
    let left = n;
    const next = async () => {
      const piece = await this.read(Math.min(left, 1 << 20));
      if (piece.length === 0) throw new Error('备份文件不完整（在条目中间结束）');
      left -= piece.length;
      return piece;
    };
    async function* pieces() {
      while (left > 0) yield await next();
    }
    const skip = async () => {
      while (left > 0) await next();
    };
    return { pieces: pieces(), skip };
  }
}

export type EntryHandler = (name: string, size: number, body: AsyncIterable<Buffer>) => Promise<void>;

export function parseHeader(h: Buffer): { name: string; size: number; type: string } {
  const text = (offset: number, length: number) => h.subarray(offset, offset + length).toString('utf8').replace(/\0.*$/s, '');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  if (parseInt(text(148, 8).trim(), 8) !== sum) throw new Error('备份文件已损坏（tar 条目头校验和不符）');
  return { name: text(0, 100), size: readSize(h, text(124, 12)), type: text(156, 1) || '0' };
}

/** Calls onEntry for every regular file in order; the body not consumed by onEntry is skipped. */
export async function readTar(file: string, onEntry: EntryHandler): Promise<void> {
  const stream: Readable = createReadStream(file).pipe(createGunzip());
  const reader = new ByteReader(stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>);
  try {
    for (;;) {
      const h = await reader.read(BLOCK);
      if (h.length < BLOCK) throw new Error('备份文件不完整（缺少结尾标记）');
      if (h.every((b) => b === 0)) return;
      const { name, size, type } = parseHeader(h);
      const body = reader.body(size);
      if (type === '0') await onEntry(name, size, body.pieces);
      await body.skip(); // whatever onEntry left unread
      if (size % BLOCK) await reader.read(BLOCK - (size % BLOCK));
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' || (err as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') {
      throw new Error('备份文件已损坏或不是 gzip 压缩的备份（解压失败）');
    }
    throw err;
  } finally {
    stream.destroy();
  }
}
