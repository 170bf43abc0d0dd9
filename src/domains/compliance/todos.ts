/**
 * The compliance part of the workday. Editors: their community's obligations due soon or overdue
 * (complianceStatus, the one source of the figures) and 督办 to answer. Street and district
 * admins: communities with something overdue (the same figures) and 督办 waiting on them.
 */
import type { Deps } from '../../platform/context.ts';
import { beijingDate, chineseDate } from '../../platform/time.ts';
import { TODO_ENTRIES, type TodoEntry, type TodoSection } from '../../web/todos.ts';
import { findOrganisationById, findOrganisationsByIds, isAdmin, type SessionUser } from '../org/index.ts';
import { ORDER_REASONS } from './issueOrder.ts';
import { STATUS_LABELS } from './status.ts';
import { keptView, versionOf } from './dashboardCache.ts';
import { complianceStatus, overdueCommunities } from './summary.ts';
import * as orders from './supervisionRepository.ts';

async function dueObligations(deps: Deps, user: SessionUser): Promise<TodoSection> {
  const org = await findOrganisationById(deps, user.orgId);
  const open = org ? (await complianceStatus(deps, user, org)).open.filter((o) => o.status === 'overdue' || o.status === 'due_soon') : [];
  return {
    key: 'obligations',
    title: '即将到期和已逾期的公开事项',
    count: open.length,
    entries: open.slice(0, TODO_ENTRIES).map((o) => ({
      label: o.item,
      detail: `${STATUS_LABELS[o.status]}${o.due ? ` · 应于${chineseDate(o.due)}前公开` : ''}${o.carriedOver ? ' · 往期未结' : ''}`,
      href: `/staff/records/new?obligation=${o.obligationId}`,
    })),
    more: { href: '/staff/compliance', label: '本社区应公开事项' },
    empty: '没有即将到期或已逾期的事项。',
  };
}

const orderLabel = (o: orders.OrderRow) => `督办单第 ${o.id} 号：${ORDER_REASONS[o.reasonKind]}`;
const deadline = (o: orders.OrderRow) => (o.dueOn ? `整改期限 ${chineseDate(o.dueOn)}` : '');

/** 督办 waiting on this person's organisation, kept like the dashboards (orders move the version). */
async function keptOrders<T>(deps: Deps, user: SessionUser, name: string, read: () => Promise<T>): Promise<T> {
  return keptView(deps, `${name}|${user.orgPath}`, await versionOf(deps, user.districtCode), read);
}

async function ordersToAnswer(deps: Deps, user: SessionUser): Promise<TodoSection> {
  const rows = await keptOrders(deps, user, 'orders-to-answer', () => orders.ordersWaiting(deps.db.orm, { orgId: user.orgId }, TODO_ENTRIES));
  return {
    key: 'orders',
    title: '需要答复的督办单',
    count: rows[0]?.total ?? 0,
    entries: rows.map((o) => ({ label: orderLabel(o), detail: `${o.issuerOrgName}下发 · ${deadline(o)}`, href: `/staff/compliance/orders/${o.id}` })),
    more: { href: '/staff/compliance/orders', label: '全部督办单' },
    empty: '没有需要答复的督办单。',
  };
}

async function ordersWaitingOnAdmin(deps: Deps, user: SessionUser): Promise<TodoSection> {
  const { rows, names } = await keptOrders(deps, user, 'orders-waiting', async () => {
    const rows = await orders.ordersWaiting(deps.db.orm, { path: user.orgPath, today: beijingDate(deps.clock.now()) }, TODO_ENTRIES);
    return { rows, names: new Map((await findOrganisationsByIds(deps, rows.map((o) => o.orgId))).map((o) => [o.id, o.name])) };
  });
  const entry = (o: (typeof rows)[number]): TodoEntry => ({
    label: `${names.get(o.orgId) ?? ''} ${orderLabel(o)}`,
    detail: o.status === 'answered' ? '已答复，等待您审核办结' : `超过${deadline(o)}仍未答复`,
    href: `/staff/compliance/orders/${o.id}`,
  });
  return {
    key: 'orders',
    title: '等待处理的督办单',
    count: rows[0]?.total ?? 0,
    entries: rows.map(entry),
    more: { href: '/staff/compliance/orders', label: '全部督办单' },
    empty: '没有等待审核或逾期未答复的督办单。',
  };
}

async function lateCommunities(deps: Deps, user: SessionUser): Promise<TodoSection> {
  const area = { id: user.orgId, code: user.orgCode, name: user.orgName, kind: user.orgKind, path: user.orgPath, districtCode: user.districtCode };
  const late = await overdueCommunities(deps, user, area);
  return {
    key: 'overdue',
    title: '有逾期事项的社区',
    count: late.length,
    entries: late.slice(0, TODO_ENTRIES).map((c) => ({ label: c.org.name, detail: `${c.overdue} 项已逾期`, href: `/staff/compliance/c/${c.org.code}` })),
    more: { href: '/staff/compliance', label: '辖区公开情况' },
    empty: '辖区内没有逾期未公开的事项。',
  };
}

/** The sections this person's role holds. */
export function complianceTodos(deps: Deps, user: SessionUser): Promise<TodoSection>[] {
  if (user.role === 'editor' && user.orgKind === 'community') return [dueObligations(deps, user), ordersToAnswer(deps, user)];
  if (isAdmin(user.role)) return [lateCommunities(deps, user), ordersWaitingOnAdmin(deps, user)];
  return [];
}
