import { ForbiddenError } from '../../platform/errors.ts';
import type { SessionUser } from '../../platform/principal.ts';
import { inScope } from '../org/index.ts';
import type { CaseRow } from './repository.ts';

/**
 * Who handles a case: staff of the organisation it was sent to, and the admins above it (a
 * street oversees its communities' 疑义). Residents never do.
 */
export function canHandle(user: SessionUser, c: Pick<CaseRow, 'orgPath'>): boolean {
  return user.role !== 'resident' && inScope(user, c.orgPath);
}

export function assertCanHandle(user: SessionUser, c: Pick<CaseRow, 'orgPath'>): void {
  if (!canHandle(user, c)) throw new ForbiddenError('这件申请不属于您所在组织办理。');
}

/** The applicant's phone and name are shown in full only to the assigned handler (or before anyone is assigned, to the organisation's own staff). */
export function seesContact(user: SessionUser, c: Pick<CaseRow, 'assignedToId' | 'orgPath'>): boolean {
  if (c.assignedToId !== null) return c.assignedToId === user.id;
  return user.orgPath === c.orgPath;
}

/**
 * Reports of an organisation (the annual report, the 居务公开 summary): its own admins and the
 * admins above it; a community's supervisor and staff may read their own community's summary.
 */
export function assertCanReport(user: SessionUser, org: { path: string; kind: string }): void {
  const admin = user.role === 'street_admin' || user.role === 'district_admin';
  const ownCommunity = org.kind === 'community' && user.role !== 'resident' && user.orgPath === org.path;
  if (!inScope(user, org.path) || (!admin && !ownCommunity)) throw new ForbiddenError('您只能查看本辖区的年度报告和汇总。');
}
