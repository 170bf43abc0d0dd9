import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { header, parseHeader, readTar, tarWriter } from './tar.ts';

describe('the backup tar format', () => {
  it('round-trips entries of any size, and GNU tar reads it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-tar-'));
    try {
      const file = join(dir, 't.tar.gz');
      const entries: [string, Buffer][] = [
        ['manifest.json', Buffer.from('{"清单":1}')],
        ['files/ab/cd/big', Buffer.alloc(3 * 1024 * 1024 + 7, 7)],
        ['empty', Buffer.alloc(0)],
      ];
      const tar = tarWriter(file);
      for (const [name, bytes] of entries) await tar.add(name, bytes.length, bytes);
      await tar.finish();
      const read: [string, Buffer][] = [];
      await readTar(file, async (name, _size, body) => {
        const chunks: Buffer[] = [];
        for await (const c of body) chunks.push(c);
        read.push([name, Buffer.concat(chunks)]);
      });
      // Compared as hex digests: a deep equality over megabytes of bytes is needlessly slow.
      const digest = (list: [string, Buffer][]) => list.map(([n, b]) => `${n}:${createHash('sha256').update(b).digest('hex')}`);
      expect(digest(read)).toEqual(digest(entries));
      expect(execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n')).toEqual(entries.map(([n]) => n));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes sizes of 8 GiB and more in base-256, and reads them back', () => {
    expect(parseHeader(header('database.pgdump', 9_000_000_001, new Date())).size).toBe(9_000_000_001);
    expect(parseHeader(header('small', 12345, new Date())).size).toBe(12345);
  });
});
