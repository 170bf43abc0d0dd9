/**
 * The record domain's part of the workday: an editor's returned records, a supervisor's records
 * waiting for review and pictures waiting to be looked at. One statement per section.
 */
import type { Deps } from '../../platform/context.ts';
import type { SessionUser } from '../../platform/principal.ts';
import { chineseDateTime } from '../../platform/time.ts';
import { TODO_ENTRIES, type TodoSection } from '../../web/todos.ts';
import * as repo from './repository.ts';

const entry = (r: repo.TodoRow, detail: string) => ({ label: r.title, detail, href: `/staff/records/${r.recordId}` });
const when = (at: Date | null) => (at ? chineseDateTime(at) : '');

async function returned(deps: Deps, user: SessionUser): Promise<TodoSection> {
  const rows = await repo.versionsInStatus(deps.db.orm, user.orgId, 'returned', TODO_ENTRIES);
  return {
    key: 'returned',
    title: '被退回、需要修改的记录',
    count: rows[0]?.total ?? 0,
    entries: rows.map((r) => entry(r, `${r.itemName} · ${r.who ?? '监督委员会'}于${when(r.at)}退回`)),
    more: { href: '/staff/records', label: '全部公开记录' },
    empty: '没有被退回的记录。',
  };
}

async function awaitingReview(deps: Deps, user: SessionUser): Promise<TodoSection> {
  const rows = await repo.versionsInStatus(deps.db.orm, user.orgId, 'submitted', TODO_ENTRIES);
  return {
    key: 'review',
    title: '等待您审核的记录',
    count: rows[0]?.total ?? 0,
    entries: rows.map((r) => entry(r, `${r.itemName} · ${r.who ?? ''}于${when(r.at)}提交`)),
    more: { href: '/staff/review', label: '待审核的记录' },
    empty: '没有等待审核的记录。',
  };
}

async function pictures(deps: Deps, user: SessionUser): Promise<TodoSection> {
  const rows = await repo.picturesToRelease(deps.db.orm, user.orgId, TODO_ENTRIES);
  return {
    key: 'pictures',
    title: '等待查看放行的图片',
    count: rows[0]?.total ?? 0,
    entries: rows.map((r) => entry(r, `图片 ${r.who ?? ''}：看过没有身份证号、手机号、银行卡号后放行，才会公开`)),
    more: { href: '/staff/review', label: '待审核的记录' },
    empty: '没有等待放行的图片。',
  };
}

/** The sections this person's role holds (none for admins: records are the community's work). */
export function recordTodos(deps: Deps, user: SessionUser): Promise<TodoSection>[] {
  if (user.orgKind !== 'community') return [];
  if (user.role === 'editor') return [returned(deps, user)];
  if (user.role === 'supervisor') return [awaitingReview(deps, user), pictures(deps, user)];
  return [];
}
