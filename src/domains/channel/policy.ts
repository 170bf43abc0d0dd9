/** Who may see and change a community's channels: its staff, and admins above it. */
import type { Deps } from '../../platform/context.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { findOrganisation, findOrganisationById, inScope, isAdmin, type OrgRow, type SessionUser } from '../org/index.ts';

/** Staff of the community and admins above it see its screens, pushes, subscribers and evidence. */
export function canView(user: SessionUser, org: Pick<OrgRow, 'path'>): boolean {
  return user.role !== 'resident' && inScope(user, org.path);
}

/** The community's editors and admins above it change them; supervisors only look. */
export function canManage(user: SessionUser, org: Pick<OrgRow, 'id' | 'path'>): boolean {
  return (user.role === 'editor' && user.orgId === org.id) || (isAdmin(user.role) && inScope(user, org.path));
}

export function assertCanManage(user: SessionUser, org: Pick<OrgRow, 'id' | 'path'>): void {
  if (!canManage(user, org)) throw new ForbiddenError('只有本社区（村）工作人员或上级管理员可以修改公开渠道设置。');
}

/**
 * The community a staff page is about: `?org=` for admins (inside their subtree), the user's own
 * community otherwise.
 */
export async function communityFor(deps: Deps, user: SessionUser, code?: string): Promise<OrgRow> {
  const org = code ? await findOrganisation(deps, code) : user.orgKind === 'community' ? await findOrganisationById(deps, user.orgId) : null;
  if (!org) {
    if (!code && isAdmin(user.role)) throw new NotFoundError('请先选择一个社区（村）。');
    throw new NotFoundError('没有找到这个社区（村）。');
  }
  if (org.kind !== 'community') throw new NotFoundError('公开渠道按社区（村）设置，请选择一个社区（村）。');
  if (!canView(user, org)) throw new ForbiddenError('您只能查看本辖区社区（村）的公开渠道。');
  return org;
}
