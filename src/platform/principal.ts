import type { AuditActor } from './audit/index.ts';

/**
 * Who is signed in, as every floor sees it. The org domain owns how people sign in and what each
 * role may do; this file only names the shape, so the web layer and the HTTP edge can carry the
 * signed-in person without depending on a domain.
 */
export const ORG_KINDS = ['district', 'street', 'community'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** 行政区划代码 of an organisation: 6 (district) to 12 (community) digits. The one pattern, unanchored (HTML `pattern`, larger patterns). */
export const ORG_CODE_DIGITS = '\\d{6,12}';
export const ORG_CODE = new RegExp(`^${ORG_CODE_DIGITS}$`);

export const ROLES = ['district_admin', 'street_admin', 'editor', 'supervisor', 'resident'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  district_admin: '区县管理员',
  street_admin: '街道（乡镇）管理员',
  editor: '社区工作人员',
  supervisor: '居务监督委员会成员',
  resident: '居民',
};

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  orgCode: string;
  orgName: string;
  orgKind: OrgKind;
  orgPath: string;
  districtCode: string;
}

/** Whoever acts, as the audit log records them; `user` is null for the CLI and the system. */
export type Actor = AuditActor & { user: SessionUser | null };

/** An actor that is a signed-in staff member. */
export type StaffActor = AuditActor & { user: SessionUser };
