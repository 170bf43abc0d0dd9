/*
 * The backup file: a .tar.gz whose first entry is manifest.json, then the database dump, then
 * every uploaded file under files/ab/cd/<sha256> (the same layout as DATA_DIR/files).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { readTar, tarWriter } from './tar.ts';
import { BackupError } from './errors.ts';
import type { TableCounts } from './database.ts';

export const FORMAT = 'gongkai-backup';
export const VERSION = 1;

export interface Manifest {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  database: { kind: 'pglite' | 'postgres'; entry: string; sha256: string; bytes: number };
  /** Rows per table ("schema.table") in the dumped snapshot. */
  tables: TableCounts;
  files: { sha256: string; bytes: number }[];
}

const SHA = /^[0-9a-f]{64}$/;
export const fileEntry = (sha: string) => `files/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`;

/** Every stored upload under DATA_DIR/files (temporary names of unfinished writes are skipped). */
export async function listStoredFiles(root: string): Promise<{ sha256: string; bytes: number; path: string }[]> {
  const out: { sha256: string; bytes: number; path: string }[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (e.isFile() && SHA.test(e.name)) out.push({ sha256: e.name, bytes: (await stat(path)).size, path });
    }
  };
  await walk(root);
  return out.sort((a, b) => a.sha256.localeCompare(b.sha256));
}

/** Streams a stored file into the archive, checking on the way that it still matches its name. */
async function* hashed(path: string, sha: string): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    yield chunk as Buffer;
  }
  if (hash.digest('hex') !== sha) throw new BackupError(`上传文件 ${path} 的内容与其 SHA-256 文件名不符（文件已损坏），备份中止。请从原件重新上传后再备份。`);
}

export async function writeArchive(file: string, manifest: Manifest, dumpFile: string, stored: { sha256: string; bytes: number; path: string }[]): Promise<void> {
  const tar = tarWriter(file, new Date(manifest.createdAt));
  try {
    const json = Buffer.from(JSON.stringify(manifest, null, 2));
    await tar.add('manifest.json', json.length, json);
    await tar.add(manifest.database.entry, manifest.database.bytes, createReadStream(dumpFile));
    for (const f of stored) await tar.add(fileEntry(f.sha256), f.bytes, hashed(f.path, f.sha256));
    await tar.finish();
  } catch (err) {
    tar.abort();
    throw err;
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function parseManifest(bytes: Buffer): Manifest {
  let m: Manifest;
  try {
    m = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch {
    throw new BackupError('备份文件的清单（manifest.json）无法解析，文件已损坏。');
  }
  if (m.format !== FORMAT) throw new BackupError('这不是 Gongkai 的备份文件（清单格式不符）。');
  if (m.version > VERSION) throw new BackupError(`备份文件格式版本 ${m.version} 比本程序支持的 ${VERSION} 新，请先升级 Gongkai 再恢复。`);
  return m;
}

export interface ArchiveHandlers {
  /** Called first, before anything else is read: a wrong target can stop here. */
  manifest(m: Manifest): Promise<void> | void;
  /** An uploaded file, whose hash has been checked against its name and the manifest. */
  file?(sha256: string, bytes: Buffer): Promise<void>;
}

/** Reads and checks a backup: every entry against the manifest; the dump is written to dumpFile. */
export async function readArchive(file: string, dumpFile: string, on: ArchiveHandlers): Promise<Manifest> {
  let manifest: Manifest | null = null;
  const seen = new Set<string>();
  await readTar(file, async (name, size, body) => {
    if (!manifest) {
      if (name !== 'manifest.json' || size > 64 << 20) throw new BackupError('这不是 Gongkai 的备份文件（第一个条目不是 manifest.json）。');
      manifest = parseManifest(await collect(body));
      await on.manifest(manifest);
    } else if (name === manifest.database.entry) {
      const out = createWriteStream(dumpFile, { mode: 0o600 });
      const hash = createHash('sha256');
      for await (const chunk of body) {
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
      }
      out.end();
      await once(out, 'close');
      if (hash.digest('hex') !== manifest.database.sha256) throw new BackupError('备份中的数据库转储与清单记录的 SHA-256 不符，备份文件已损坏。');
      seen.add(name);
    } else if (name.startsWith('files/')) {
      const sha = name.split('/').pop() ?? '';
      const bytes = await collect(body);
      if (createHash('sha256').update(bytes).digest('hex') !== sha) throw new BackupError(`备份中的文件 ${sha} 内容与其 SHA-256 不符，备份文件已损坏。`);
      await on.file?.(sha, bytes);
      seen.add(name);
    }
  });
  return checkComplete(manifest, seen);
}

function checkComplete(manifest: Manifest | null, seen: Set<string>): Manifest {
  if (!manifest) throw new BackupError('备份文件是空的（没有清单）。');
  const m: Manifest = manifest;
  if (!seen.has(m.database.entry)) throw new BackupError('备份文件中缺少数据库转储。');
  const missing = m.files.filter((f) => !seen.has(fileEntry(f.sha256)));
  if (missing.length > 0) throw new BackupError(`备份文件中缺少 ${missing.length} 个清单所列的上传文件，例如 ${missing[0]!.sha256}。`);
  return m;
}

async function collect(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}
