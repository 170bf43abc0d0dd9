// Entry of every pool worker. Worker threads do not inherit the parent's module loaders (neither
// the tsx of bin/gongkai.mjs nor vitest's transform), so tsx is registered here and task modules
// may be the TypeScript sources themselves, as everywhere else in the project.
import { register } from 'tsx/esm/api';

register();

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
    const mod = await import(module);
    if (typeof mod[name] !== 'function') throw new Error(`任务 ${name} 不存在于 ${module}`);
    return { ok: true, value: await mod[name](...args) };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}
