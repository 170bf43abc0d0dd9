/*
 * Where uploaded bytes live, addressed by their SHA-256: a local directory today; S3-compatible
 * object storage (MinIO) can stand behind the same interface later (DESIGN §4). Domains keep
 * only the hash in their rows.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncPath } from './fsync.ts';

export interface FileStorage {
  /** Stores the bytes durably (on disk before this returns) and gives their SHA-256. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes of a stored hash, or null when there are none. */
  get(sha256: string): Promise<Buffer | null>;
}

const SHA = /^[0-9a-f]{64}$/;

/**
 * DATA_DIR/files/ab/cd/<sha256>: the same content is stored once, whoever uploads it. Written to a
 * temporary name, fsynced, renamed and the directory fsynced, so the row that names the hash
 * (committed after put returns) never points at a missing or half-written file after a crash.
 */
function localStorage(root: string): FileStorage {
  const dirOf = (sha: string) => join(root, sha.slice(0, 2), sha.slice(2, 4));
  return {
    async put(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const target = join(dirOf(sha), sha);
      if (await stat(target).catch(() => null)) return sha;
      await mkdir(dirOf(sha), { recursive: true });
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      const handle = await open(temp, 'w', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
      await fsyncPath(dirOf(sha));
      return sha;
    },
    async get(sha) {
      if (!SHA.test(sha)) return null;
      return readFile(join(dirOf(sha), sha)).catch(() => null);
    },
  };
}

export function storageFor(config: { dataDir: string }): FileStorage {
  return localStorage(join(config.dataDir, 'files'));
}
