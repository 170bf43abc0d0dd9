#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=2 --optimize-for-size --v8-pool-size=1
// Memory flags (also in package.json's start script, which tests and benchmarks run). V8 reads
// them only when the process starts; setFlagsFromString below start changes nothing (measured).
// MALLOC_ARENA_MAX=2: glibc gave the print worker's thread malloc arenas of its own, which kept
// their pages after the worker ended; two arenas for the process: 8–18 MB less at idle and peak.
// --max-semi-space-size=2: the young generation grew to 2 × 16 MB under load and stayed while idle.
// --optimize-for-size: V8 grows the old generation in smaller steps and collects sooner.
// --v8-pool-size=1: one V8 helper thread (each thread kept its own malloc arena).
// Embedded demo, same machine, alternating runs: idle 207–217 → 164 MB; after cold load peak
// 268 → 173 MB; warm load 219 → 175 MB at the same req/s (docs/ARCHITECTURE.md, Memory).
// Runs the server compiled ahead by bin/build.mjs (built here on the first start after a change,
// so there is no build step to forget). GONGKAI_FROM_SOURCE=1 runs the TypeScript sources through
// tsx instead, as does a machine where the build cannot be written (read-only install).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';

// The embedded database is a 9 MB WebAssembly module. V8 compiles it quickly (Liftoff) and then
// again, optimised, for every function it finds hot (TurboFan): that second copy and its compiler
// held ~60 MB of the server's RSS. Cold pages (every request through the database) cost the same
// CPU per request without it, within the ±10 % noise of the measurement, so it is left out;
// PostgreSQL deployments run no WebAssembly at all.
setFlagsFromString('--liftoff-only');

let build = null;
if (!process.env.GONGKAI_FROM_SOURCE) {
  const { prepareBuild } = await import('./build.mjs');
  build = await prepareBuild().catch((err) => {
    console.error(`无法编译服务端代码，改为直接运行源代码：${err.message}`);
    return null;
  });
}
if (build) {
  process.env.GONGKAI_BUILD = build; // the worker pool's threads run the compiled tasks too
  await import(pathToFileURL(join(build, 'cli.main.mjs')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
