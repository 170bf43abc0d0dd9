/*
 * The house rule: floors run one way, and a domain is entered through its front door.
 *
 *   platform → web → org → calendar → catalog → compliance → record → channel → request → app → cli
 *
 * - A file may import only its own floor or floors below it. Tests are leaves (nothing imports
 *   them, so they close no cycle) and may import any floor, through the same front doors.
 * - Another domain is imported through its index.ts only; its repository.ts, schema.ts,
 *   routes and pages/ stay private. The app (composition root) and cli may also register a
 *   domain's routes.ts and jobs.ts; a test may use another domain's fixtures.ts.
 * - Files outside src/ (test harness) may use any use case, but never a domain's repository,
 *   schema, routes or pages.
 */
import path from 'node:path';

const FLOORS = ['platform', 'web', 'org', 'calendar', 'catalog', 'compliance', 'record', 'channel', 'request', 'app', 'cli'];
const PRIVATE = /^(repository|schema)\.tsx?$|^routes|^pages\//;

/** Where a file of src/ lives: its floor number, its domain (if any) and its path inside that room. */
export function roomOf(file, srcDir) {
  const rel = path.relative(srcDir, file).split(path.sep).join('/');
  if (rel.startsWith('..')) return null;
  const parts = rel.split('/');
  const name = parts[0] === 'domains' ? parts[1] : parts[0];
  const floor = FLOORS.indexOf(name);
  if (floor < 0) return null;
  const inner = parts.slice(parts[0] === 'domains' ? 2 : 1).join('/');
  return { floor, name, domain: parts[0] === 'domains', inner };
}

function problem(from, to, isTest) {
  if (!to) return null;
  if (!from) return to.domain && PRIVATE.test(to.inner) ? `${to.name} 的 ${to.inner} 只属于该领域，请从 domains/${to.name}/index.ts 导入` : null;
  if (from.name === to.name) return null;
  if (to.floor > from.floor && !isTest) return `${from.name} 不能依赖更高一层的 ${to.name}（层次：${FLOORS.join(' → ')}）`;
  if (!to.domain || to.inner === 'index.ts') return null;
  if ((from.name === 'app' || from.name === 'cli') && /^(routes|jobs)\.ts$/.test(to.inner)) return null;
  if (isTest && /(^|\/)fixtures\.ts$/.test(to.inner)) return null;
  return `请通过 domains/${to.name}/index.ts 使用 ${to.name} 领域，不要直接导入 ${to.inner}`;
}

export const floorsRule = {
  meta: { type: 'problem', schema: [{ type: 'object', properties: { srcDir: { type: 'string' } } }], messages: { wrong: '{{why}}' } },
  create(context) {
    const srcDir = path.resolve(context.cwd, context.options[0]?.srcDir ?? 'src');
    const file = context.filename;
    const isTest = /\.test\.tsx?$/.test(file);
    const from = roomOf(file, srcDir);
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const why = problem(from, roomOf(path.resolve(path.dirname(file), spec), srcDir), isTest);
      if (why) context.report({ node, messageId: 'wrong', data: { why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default { rules: { floors: floorsRule } };
