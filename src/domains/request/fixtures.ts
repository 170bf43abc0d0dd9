// Test helpers of the request domain (tests of other floors may use them too).
import type { Deps } from '../../platform/context.ts';
import { findOrganisation, type OrgRow } from '../org/index.ts';
import { submitCase } from './submitCase.ts';
import type { CaseKind } from './types.ts';

export const PUBLIC_ACTOR = { id: null, name: 'public', ip: '127.0.0.1' };

export const APPLICANT = { name: '王秀英', phone: '13912345678', contact: '延安街道幸福小区3栋' };

export async function orgNamed(deps: Deps, code: string): Promise<OrgRow> {
  const org = await findOrganisation(deps, code);
  if (!org) throw new Error(`no org ${code}`);
  return org;
}

/** Submits a case as a resident would through the form. */
export async function submitAs(deps: Deps, orgCode: string, kind: CaseKind, extra: Record<string, unknown> = {}, record?: { id: string; title: string }) {
  const org = await orgNamed(deps, orgCode);
  const body = { subject: '想了解今年低保名单的评议过程', details: '请提供民主评议会议记录。', ...APPLICANT, ...extra };
  return submitCase(deps, PUBLIC_ACTOR, { org, kind, record }, body);
}
