import { ForbiddenError } from '../../platform/errors.ts';
import { type OrgRow, type SessionUser, inScope, isAdmin } from '../org/index.ts';

/*
 * Who may see and do what, always against the org tree: admins inside their own subtree, a
 * community's staff for their own community only.
 */

type Org = Pick<OrgRow, 'id' | 'path'>;

/** Street and district admins above it, and the community's own staff, see its obligations. */
function canViewCommunity(user: SessionUser, org: Org): boolean {
  if (user.role === 'resident') return false;
  return isAdmin(user.role) ? inScope(user, org.path) : user.orgId === org.id;
}

export function assertViewCommunity(user: SessionUser, org: Org): void {
  if (!canViewCommunity(user, org)) throw new ForbiddenError('您只能查看本辖区或本社区的公开义务。');
}

/** Only admins look at a street or district as a whole, and only inside their own subtree. */
export function assertViewArea(user: SessionUser, org: Org): void {
  if (!isAdmin(user.role) || !inScope(user, org.path)) throw new ForbiddenError('您只能查看本辖区的公开情况。');
}

/** “信息形成/变更/获取” is registered by the community's own editors. */
export function assertCanRegisterEvent(user: SessionUser, org: Org): void {
  if (user.role !== 'editor' || user.orgId !== org.id) throw new ForbiddenError('只有本社区的工作人员可以登记信息形成或变更。');
}

/** A waiver is approved by a street or district admin above the community. */
export function assertCanWaive(user: SessionUser, org: Org): void {
  if (!isAdmin(user.role) || !inScope(user, org.path) || user.orgPath === org.path) {
    throw new ForbiddenError('免除公开义务须由上级街道或区县管理员批准。');
  }
}

/** 督办 is issued by a street or district admin whose subtree holds the community. */
export function assertCanIssueOrder(user: SessionUser, org: Org): void {
  if (!isAdmin(user.role) || !inScope(user, org.path)) throw new ForbiddenError('您只能对本辖区内的社区发出督办。');
}

function canViewOrder(user: SessionUser, order: { orgId: number; orgPath: string }): boolean {
  return canViewCommunity(user, { id: order.orgId, path: order.orgPath });
}

export function assertViewOrder(user: SessionUser, order: { orgId: number; orgPath: string }): void {
  if (!canViewOrder(user, order)) throw new ForbiddenError('您无权查看这份督办单。');
}

/**
 * The community answers its orders: its editors (the people who publish); an order about a
 * 查询/疑义 also its 居务监督委员会 members, who answer 疑义.
 */
export function canAnswerOrder(user: SessionUser, order: { orgId: number; caseId?: number | null }): boolean {
  if (user.orgId !== order.orgId) return false;
  return user.role === 'editor' || (order.caseId != null && user.role === 'supervisor');
}

export function assertCanAnswerOrder(user: SessionUser, order: { orgId: number; caseId?: number | null }): void {
  if (!canAnswerOrder(user, order)) throw new ForbiddenError('督办单由被督办社区的工作人员答复。');
}

/** Closing or returning an answer is for the admins above the community. */
export function assertCanReviewOrder(user: SessionUser, order: { orgPath: string }): void {
  if (!isAdmin(user.role) || !inScope(user, order.orgPath)) throw new ForbiddenError('督办单由本辖区的街道或区县管理员审核办结。');
}
