import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { inScope, type SessionUser } from '../org/index.ts';

/** What a record needs for a decision: where it lives and who it is for. */
interface RecordScope {
  orgId: number;
  orgPath: string;
}

/** Editors draft, correct and withdraw the records of their own community only. */
export function assertEditor(user: SessionUser, scope: RecordScope): void {
  if (user.role !== 'editor' || user.orgId !== scope.orgId) throw new ForbiddenError('只有本社区（村）的工作人员可以编辑这条记录。');
}

/** Supervisors review the records of their own community only. */
export function assertSupervisor(user: SessionUser, scope: RecordScope): void {
  if (user.role !== 'supervisor' || user.orgId !== scope.orgId) throw new ForbiddenError('只有本社区（村）居务监督委员会成员可以审核这条记录。');
}

/** Staff of the community and admins above it see drafts; anyone else is told it does not exist. */
function canSeeDrafts(user: SessionUser | null, scope: RecordScope): boolean {
  return !!user && user.role !== 'resident' && inScope(user, scope.orgPath);
}

export function assertCanSeeDrafts(user: SessionUser | null, scope: RecordScope): asserts user is SessionUser {
  if (!canSeeDrafts(user, scope)) throw new NotFoundError('没有找到这条记录。');
}

/** Editors and supervisors of the community may withdraw a published record. */
export function assertCanWithdraw(user: SessionUser, scope: RecordScope): void {
  if ((user.role !== 'editor' && user.role !== 'supervisor') || user.orgId !== scope.orgId) {
    throw new ForbiddenError('只有本社区（村）的工作人员或监督委员会成员可以撤回记录。');
  }
}

/**
 * 特定群体 records: only the community's own signed-in people (its residents and staff) and
 * admins above it. Everyone else, residents of other communities included, does not see them.
 */
export function canSeeAudience(viewer: SessionUser | null, scope: RecordScope, audience: 'public' | 'residents'): boolean {
  if (audience === 'public') return true;
  if (!viewer) return false;
  if (viewer.orgId === scope.orgId) return true;
  return viewer.role !== 'resident' && inScope(viewer, scope.orgPath);
}

/** The review settings page is the district admin's (street admins pass the route's admin check). */
export function assertDistrictAdmin(user: SessionUser): void {
  if (user.role !== 'district_admin') throw new ForbiddenError('只有区县管理员可以设置审核。');
}

/** Review on/off for a community is the district admin's decision. */
export function assertDistrictAdminOf(user: SessionUser, path: string): void {
  if (user.role !== 'district_admin' || !inScope(user, path)) throw new ForbiddenError('只有区县管理员可以为本区的社区开启或关闭审核。');
}
