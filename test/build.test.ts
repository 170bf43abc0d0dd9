import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Packages a compiled module loads with it: its static imports and its chunks', transitively. */
function staticPackages(dir: string, entry: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
  if (seen.has(entry)) return found;
  seen.add(entry);
  const code = readFileSync(join(dir, entry), 'utf8');
  for (const [, spec] of code.matchAll(/^(?:import|export)\b[^;]*?["']([^"']+)["'];?$/gm)) {
    if (spec!.startsWith('./')) staticPackages(dir, spec!.slice(2), seen, found);
    else if (!spec!.startsWith('node:')) found.add(spec!);
  }
  return found;
}

/** bin/build.mjs: the server that `npm start` runs, compiled ahead (no tsx in the process). */
describe('the compiled server', () => {
  it('has an entry for the CLI and one for each worker task, named after its source', { timeout: 60_000 }, () => {
    const dir = execFileSync(process.execPath, ['bin/build.mjs'], { encoding: 'utf8' }).trim();
    expect(existsSync(join(dir, 'cli.main.mjs'))).toBe(true);
    for (const task of ['domains.channel.sheet.renderSheet', 'domains.channel.sheet.renderDocument', 'domains.catalog.import.parseFile', 'domains.record.privacy.readers']) {
      expect(existsSync(join(dir, `${task}.mjs`)), task).toBe(true);
    }
    // Files beside the sources are found from the source's place, not the bundle's.
    expect(readFileSync(join(dir, 'cli.main.mjs'), 'utf8')).toContain('"../../src/platform/migrate.ts"');
    // Unchanged sources reuse the build.
    expect(execFileSync(process.execPath, ['bin/build.mjs'], { encoding: 'utf8' }).trim()).toBe(dir);
  });

  // A worker holds what its task's module graph imports: through the record domain's index the
  // print worker once loaded Fastify, PGlite, pg and the Markdown stack (~50 MB) to draw a PDF.
  it('gives the print worker only pdfkit and qrcode to load', { timeout: 60_000 }, () => {
    const dir = execFileSync(process.execPath, ['bin/build.mjs'], { encoding: 'utf8' }).trim();
    for (const task of ['domains.channel.sheet.renderSheet.mjs', 'domains.channel.sheet.renderDocument.mjs']) {
      expect([...staticPackages(dir, task)].sort(), task).toEqual(['pdfkit', 'qrcode']);
    }
    // The walk does see packages: the CLI's entry imports the web server's.
    expect(staticPackages(dir, 'cli.main.mjs')).toContain('fastify');
  });

  it('runs as `gongkai`, and so do the sources with GONGKAI_FROM_SOURCE=1', { timeout: 60_000 }, () => {
    for (const env of [{}, { GONGKAI_FROM_SOURCE: '1' }]) {
      const out = execFileSync(process.execPath, ['bin/gongkai.mjs', 'migrate', '--help'], { encoding: 'utf8', env: { ...process.env, ...env } });
      expect(out).toContain('把数据库结构升级到最新版本');
    }
  });
});

// The server's memory budget depends on V8 flags and a malloc setting that only the command line
// can set (bin/gongkai.mjs explains); `npm start` and the installed `gongkai` command must agree.
describe('the server command', () => {
  it('passes the same node flags from npm start and from the gongkai command', () => {
    const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    const flags = (line: string) => line.split(/\s+/).filter((word) => word.startsWith('--'));
    const shebang = readFileSync('bin/gongkai.mjs', 'utf8').split('\n', 1)[0]!;
    // What comes before `node`: the environment malloc reads when the process starts.
    const environment = (line: string) => line.replace(/^#!\/usr\/bin\/env -S /, '').split(' node ', 1)[0];
    expect(shebang.startsWith('#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node ')).toBe(true);
    expect(flags(start.start!)).toEqual(expect.arrayContaining(['--max-semi-space-size=2', '--optimize-for-size']));
    expect(flags(shebang)).toEqual(flags(start.start!));
    expect(flags(start.dev!)).toEqual(flags(start.start!));
    expect(environment(start.start!)).toBe('MALLOC_ARENA_MAX=2');
    expect(environment(start.dev!)).toBe(environment(start.start!));
  });
});
