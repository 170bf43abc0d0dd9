/** The request domain's part of the workday: 查询, 疑义 and 依申请公开 still to answer. */
import type { Deps } from '../../platform/context.ts';
import type { SessionUser } from '../../platform/principal.ts';
import { chineseDate } from '../../platform/time.ts';
import { TODO_ENTRIES, type TodoSection } from '../../web/todos.ts';
import { isAdmin } from '../org/index.ts';
import * as repo from './repository.ts';
import { KIND_LABELS, STATE_LABELS, type CaseKind } from './types.ts';

/** Who answers what: a community's editors every 查询 and 疑义, its supervisors the 疑义; admins what is sent to them. */
function kindsFor(user: SessionUser): CaseKind[] {
  if (isAdmin(user.role)) return ['disclosure', 'query', 'objection'];
  if (user.role === 'supervisor') return ['objection'];
  return user.role === 'editor' ? ['query', 'objection'] : [];
}

export function requestTodos(deps: Deps, user: SessionUser): Promise<TodoSection>[] {
  const kinds = kindsFor(user);
  if (kinds.length === 0) return [];
  return [
    (async () => {
      const scope = { orgId: user.orgId, kinds, ...(isAdmin(user.role) ? { path: user.orgPath } : {}) };
      const rows = await repo.casesWaiting(deps.db.orm, scope, TODO_ENTRIES);
      return {
        key: 'requests',
        title: isAdmin(user.role) ? '待答复的申请、查询和疑义' : user.role === 'supervisor' ? '待答复的居民疑义' : '待答复的居民查询和疑义',
        count: rows[0]?.total ?? 0,
        entries: rows.map((c) => {
          const due = c.extendedDueOn ?? c.dueOn;
          return { label: `${KIND_LABELS[c.kind]}：${c.subject}`, detail: `${STATE_LABELS[c.state]}${due ? ` · 应于${chineseDate(due)}前答复` : ''}`, href: `/staff/requests/${c.id}` };
        }),
        more: { href: '/staff/requests', label: '依申请公开、查询与疑义' },
        empty: '没有等待答复的申请。',
      };
    })(),
  ];
}
