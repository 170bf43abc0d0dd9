import { ForbiddenError, ValidationError } from '../../platform/errors.ts';
import type { OrgKind, Role } from './schema.ts';
import type { SessionUser } from './repository.ts';

import { ROLE_LABELS } from '../../platform/principal.ts';

export { ROLE_LABELS };

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  district: '区县',
  street: '街道（乡镇）',
  community: '社区（村）',
};

/** The organisation kind each role belongs to: a street admin sits on a street, and so on. */
export const ROLE_ORG_KIND: Record<Role, OrgKind> = {
  district_admin: 'district',
  street_admin: 'street',
  editor: 'community',
  supervisor: 'community',
  resident: 'community',
};

const CHILD_KIND: Record<OrgKind, OrgKind | null> = { district: 'street', street: 'community', community: null };

export function childKindOf(kind: OrgKind): OrgKind | null {
  return CHILD_KIND[kind];
}

export function isAdmin(role: Role): boolean {
  return role === 'district_admin' || role === 'street_admin';
}

/** Is the organisation at `path` inside the actor's subtree (its own organisation included)? */
export function inScope(actor: Pick<SessionUser, 'orgPath'>, path: string): boolean {
  return path.startsWith(actor.orgPath);
}

export function assertAdminOf(actor: SessionUser, path: string): void {
  if (!isAdmin(actor.role) || !inScope(actor, path)) {
    throw new ForbiddenError('您只能管理本辖区内的组织和用户。');
  }
}

/**
 * Admins create users only inside their own subtree, never above their own rank: a street admin
 * may create another street admin for its own street, but not a district admin.
 */
export function assertCanAssignRole(actor: SessionUser, role: Role, target: { path: string; kind: OrgKind }): void {
  assertAdminOf(actor, target.path);
  if (actor.role === 'street_admin' && role === 'district_admin') {
    throw new ForbiddenError('街道管理员不能创建区县管理员。');
  }
  if (ROLE_ORG_KIND[role] !== target.kind) {
    throw new ValidationError(`${ROLE_LABELS[role]}只能属于${ORG_KIND_LABELS[ROLE_ORG_KIND[role]]}。`);
  }
}
