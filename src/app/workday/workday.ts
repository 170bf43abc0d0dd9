/**
 * The staff workday (工作台): each domain answers the to-do sections of the person's role, and
 * they are computed once per staff page (a few grouped statements, none per row), before the
 * handler runs, so the count beside “工作台” and the list on /staff are the same figures.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { viewDeps, type Deps } from '../../platform/context.ts';
import type { SessionUser } from '../../platform/principal.ts';
import type { TodoSection } from '../../web/todos.ts';
import { complianceTodos } from '../../domains/compliance/index.ts';
import { recordTodos } from '../../domains/record/index.ts';
import { requestTodos } from '../../domains/request/index.ts';

/** Most urgent kind of work first, whatever domain answers it. */
const ORDER = ['review', 'returned', 'obligations', 'overdue', 'orders', 'requests', 'pictures'];

export async function workdayOf(deps: Deps, user: SessionUser): Promise<TodoSection[]> {
  const sections = await Promise.all([...complianceTodos(deps, user), ...recordTodos(deps, user), ...requestTodos(deps, user)]);
  return sections.sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key));
}

// Files and machine answers under /staff have no navigation to show a count in.
const NOT_A_PAGE = /\.(xlsx|pdf|csv|json|txt|zip|png|jpe?g)(\?|$)|\/attachments\/|\/letter(\?|$)/;

function wantsTodos(request: FastifyRequest): boolean {
  const user = request.user;
  if (request.method !== 'GET' || !user || user.role === 'resident') return false;
  const path = request.url.split('?', 1)[0]!;
  return (path === '/staff' || path.startsWith('/staff/')) && !NOT_A_PAGE.test(request.url);
}

/**
 * Fills `request.todos` on staff pages. A failure (say the calendar lacks next year) leaves the
 * page without counts rather than failing it; it is logged.
 */
export function registerWorkday(app: FastifyInstance, deps: Deps): void {
  app.addHook('preHandler', async (request) => {
    if (!wantsTodos(request)) return;
    try {
      request.todos = await workdayOf(viewDeps(deps, request), request.user!);
    } catch (err) {
      request.log.warn({ err }, 'workday to-dos failed');
    }
  });
}
