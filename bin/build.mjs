/*
 * The server compiled ahead (issue 14): tsx at run time held ~65 MB of RSS for the whole life of
 * the process (its loader thread, esbuild's service and the transformed sources), which the 200 MB
 * budget cannot afford. bin/gongkai.mjs calls prepareBuild() on every start; it bundles src/ with
 * esbuild (a dependency of tsx, already installed) into dist/<key>/ only when the sources changed,
 * so `npm install && npm start` needs no separate build step and a stale build is never run.
 *
 *   node bin/build.mjs   # builds now and prints the directory
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
/** Modules run in the worker pool are named by URL (`new URL('./x.ts', import.meta.url)`). */
const TASK_MODULE = /new URL\('(\.{1,2}\/[^']+\.tsx?)', import\.meta\.url\)/g;

function sources(dir = SRC, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Names the build after every source's path, size and mtime (and this script): cheap to check. */
function buildKey(files) {
  const hash = createHash('sha256');
  for (const file of [fileURLToPath(import.meta.url), join(ROOT, 'package-lock.json'), ...files]) {
    const s = statSync(file, { throwIfNoEntry: false });
    hash.update(`${relative(ROOT, file)}:${s?.size}:${s?.mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** The worker pool's task modules, which become entry points of their own. */
function taskModules(files) {
  const found = new Set();
  for (const file of files) {
    if (!file.endsWith('.ts')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(TASK_MODULE)) found.add(join(dirname(file), m[1]));
  }
  return [...found];
}

/**
 * Every output file sits directly in the build directory (src/cli/main.ts → cli.main.mjs), so one
 * relative path from the build to a source holds for all of them (see keepSourceUrls).
 */
function entryName(file) {
  return relative(SRC, file).replace(/\.tsx?$/, '').replaceAll('/', '.');
}

async function compile(files, outdir) {
  const { build } = await import('esbuild');
  const entries = [join(SRC, 'cli/main.ts'), ...taskModules(files)];
  await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(entries.map((e) => [entryName(e), e])),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true, // main and the worker tasks share chunks; lazy imports stay lazy
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'silent',
    plugins: [keepSourceUrls(outdir)],
  });
}

/**
 * Files next to the sources (migrations, static files, fonts via createRequire, worker tasks) are
 * found from import.meta.url; in the bundle it must still name the source file, so it does.
 */
function keepSourceUrls(outdir) {
  return {
    name: 'keep-source-urls',
    setup(b) {
      b.onLoad({ filter: /\.tsx?$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const url = `new URL(${JSON.stringify(relative(outdir, args.path))}, import.meta.url).href`;
        return { contents: text.includes('import.meta.url') ? text.replaceAll('import.meta.url', url) : text, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

/** The directory of an up-to-date build, compiling one first if needed. */
export async function prepareBuild() {
  const files = sources();
  const dir = join(DIST, buildKey(files));
  if (existsSync(join(dir, 'cli.main.mjs'))) {
    utimesSync(dir, new Date(), new Date()); // in use: see pruneOld
    return dir;
  }
  // Several processes may start at once (tests): each compiles aside and the first rename wins.
  const tmp = `${dir}.tmp-${process.pid}`;
  mkdirSync(DIST, { recursive: true });
  try {
    await compile(files, tmp);
    renameSync(tmp, dir);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, 'cli.main.mjs'))) throw err;
  }
  pruneOld(dir);
  return dir;
}

/**
 * Builds nobody started for a day go; not sooner, since a server still running an older build
 * loads lazy chunks and worker tasks from it.
 */
function pruneOld(current) {
  for (const name of readdirSync(DIST)) {
    const path = join(DIST, name);
    const age = Date.now() - statSync(path).mtimeMs;
    if (path !== current && age > 24 * 3600_000) rmSync(path, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(await prepareBuild());
