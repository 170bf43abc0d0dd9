// Entry of every pool worker. Worker threads do not inherit the parent's module loaders (neither
// the tsx of bin/gongkai.mjs nor vitest's transform). Under the compiled server (GONGKAI_BUILD, set
// by bin/gongkai.mjs) a task runs from the build; otherwise tsx is registered here, once, and task
// modules may be the TypeScript sources themselves, as everywhere else in the project.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SRC = new URL('../', import.meta.url).href;
let tsx = null;

/** A task module's compiled counterpart (bin/build.mjs names them after the sources), if any. */
function compiledTask(build, module) {
  if (!build || !module.startsWith(SRC) || !/\.tsx?$/.test(module)) return module;
  const compiled = join(build, `${module.slice(SRC.length).replace(/\.tsx?$/, '').replaceAll('/', '.')}.mjs`);
  return existsSync(compiled) ? pathToFileURL(compiled).href : module;
}

async function load(module) {
  const compiled = compiledTask(process.env.GONGKAI_BUILD, module);
  if (compiled === module && /\.tsx?$/.test(module)) tsx ??= import('tsx/esm/api').then(({ register }) => register());
  await tsx;
  return import(compiled);
}

/** Errors cross the thread boundary as plain data: class, status and code would be lost otherwise. */
function describe(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { statusCode, code } = /** @type {{ statusCode?: unknown, code?: unknown }} */ (error);
  return {
    name: error.name,
    message: error.message,
    statusCode: typeof statusCode === 'number' ? statusCode : undefined,
    code: typeof code === 'string' ? code : undefined,
  };
}

/** Runs the export `name` of `module` (a file URL) with `args`; never rejects. */
export default async function runTask({ module, name, args }) {
  try {
    const mod = await load(module);
    if (typeof mod[name] !== 'function') throw new Error(`任务 ${name} 不存在于 ${module}`);
    return { ok: true, value: await mod[name](...args) };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}
