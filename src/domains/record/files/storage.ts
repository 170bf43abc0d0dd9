import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Where attachment bytes live, by their SHA-256: a local directory now, object storage later. */
export interface FileStorage {
  put(bytes: Uint8Array): Promise<string>;
  get(sha256: string): Promise<Buffer | null>;
}

const SHA = /^[0-9a-f]{64}$/;

/** DATA_DIR/files/ab/cd/<sha256>: the same content is stored once, whoever uploads it. */
export function localStorage(root: string): FileStorage {
  const pathOf = (sha: string) => join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
  return {
    async put(bytes) {
      const sha = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(sha);
      if (await stat(target).catch(() => null)) return sha;
      await mkdir(join(root, sha.slice(0, 2), sha.slice(2, 4)), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(temp, bytes, { mode: 0o640 });
      await rename(temp, target);
      return sha;
    },
    async get(sha) {
      if (!SHA.test(sha)) return null;
      return readFile(pathOf(sha)).catch(() => null);
    },
  };
}

export function storageFor(config: { dataDir: string }): FileStorage {
  return localStorage(join(config.dataDir, 'files'));
}
