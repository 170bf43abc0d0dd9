import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storageFor } from './storage.ts';

describe('file storage', () => {
  it('stores bytes once by their hash, leaves no temporary file, and reads them back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gk-storage-'));
    const storage = storageFor({ dataDir });
    const bytes = new TextEncoder().encode('低保对象名单');
    const sha = await storage.put(bytes);
    expect(sha).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await storage.put(bytes)).toBe(sha);
    expect(readdirSync(join(dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4)))).toEqual([sha]);
    expect((await storage.get(sha))!.toString('utf8')).toBe('低保对象名单');
  });

  it('answers null for unknown or malformed hashes instead of reading elsewhere', async () => {
    const storage = storageFor({ dataDir: mkdtempSync(join(tmpdir(), 'gk-storage-')) });
    expect(await storage.get('0'.repeat(64))).toBeNull();
    expect(await storage.get('../../etc/passwd')).toBeNull();
  });
});
