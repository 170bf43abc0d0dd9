import type { Deps } from '../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { adoptTemplate, adoptionPlan, effectiveCatalogFor, type AdoptionPlan } from '../catalog/index.ts';
import { findOrganisationById, listOrgsFlat, type OrgRow, type SessionUser } from '../org/index.ts';
import { complianceNow } from './context.ts';
import { notify, staffOn } from './notifications.ts';
import { assertViewArea } from './policy.ts';
import * as repo from './repository.ts';
import { statusOf } from './status.ts';
import { syncCommunity } from './syncObligations.ts';

/*
 * Moving a community onto the district's catalog, seen from its obligations: who follows which
 * list, what adoption would change (items added, dropped, changed; open obligations of dropped
 * items closed), the move itself (audited with the catalog's retirement, in one transaction),
 * and a community's request for it.
 */

export interface Follower {
  org: OrgRow;
  title: string | null;
  version: number | null;
  owner: string | null;
  own: boolean;
}

/** Every community under an area with the catalog it works by. */
export async function catalogFollowers(deps: Deps, user: SessionUser, area: OrgRow): Promise<Follower[]> {
  assertViewArea(user, area);
  const communities = (await listOrgsFlat(deps, area.path)).filter((o) => o.kind === 'community');
  return Promise.all(
    communities.map(async (org) => {
      const e = await effectiveCatalogFor(deps, org);
      return { org, title: e?.catalog.title ?? null, version: e?.catalog.version ?? null, owner: e?.owner.name ?? null, own: e?.own ?? false };
    }),
  );
}

export interface AdoptionPreview {
  plan: AdoptionPlan | null;
  /** Open obligations of items the template does not have: closed on adoption. */
  closing: { id: number; itemName: string; dueOn: string | null; overdue: boolean }[];
}

export async function adoptionPreview(deps: Deps, user: SessionUser, community: OrgRow): Promise<AdoptionPreview> {
  assertViewArea(user, community);
  const plan = await adoptionPlan(deps, community);
  if (!plan) return { plan, closing: [] };
  const dropped = new Set(plan.changes.filter((c) => c.kind === 'removed').map((c) => c.key));
  const now = await complianceNow(deps, community.districtCode);
  const open = (await repo.listOpen(deps.db.orm, community.id)).filter((o) => dropped.has(o.itemKey));
  return { plan, closing: open.map((o) => ({ id: o.id, itemName: o.itemName, dueOn: o.dueOn, overdue: statusOf(o, now.day) === 'overdue' })) };
}

const CLOSE_REASON = '社区改用区县目录清单，该事项不在区县目录中，不再要求公开。';

/** A district admin moves the community onto the template; its obligations follow at once. */
export async function adoptDistrictCatalog(deps: Deps, actor: AuditActor & { user: SessionUser }, community: OrgRow): Promise<AdoptionPlan> {
  const now = deps.clock.now();
  const plan = await adoptTemplate(deps, actor, community, async (tx, p) => {
    const dropped = new Set(p.changes.filter((c) => c.kind === 'removed').map((c) => c.key));
    const closing = (await repo.listOpen(tx, community.id)).filter((o) => dropped.has(o.itemKey));
    for (const o of closing) await repo.updateObligation(tx, o.id, { waivedAt: now, waivedBy: `${actor.user.displayName}（${actor.user.orgName}）`, waiverReason: CLOSE_REASON });
    const data = { org: community.code, template: p.template.id, closed: closing.map((o) => o.id) };
    await appendAudit(tx, actor, { action: 'compliance.adoption', subjectType: 'organisation', subjectId: community.code, districtCode: community.districtCode, data }, now);
  });
  await syncCommunity(deps, community, { actor });
  return plan;
}

/** A community's editor asks the district to move it onto the district catalog. */
export async function requestAdoption(deps: Deps, actor: AuditActor & { user: SessionUser }, community: OrgRow): Promise<number> {
  if (actor.user.role !== 'editor' || actor.user.orgId !== community.id) throw new ForbiddenError('只有本社区的工作人员可以申请改用区县目录清单。');
  const plan = await adoptionPlan(deps, community);
  if (!plan) throw new NotFoundError('本社区已在使用上级目录清单，或上级没有启用的目录清单。');
  const district = (await listOrgsFlat(deps, '/')).find((o) => o.kind === 'district' && community.path.startsWith(o.path));
  const admins = district ? await staffOn(deps.db.orm, district, ['district_admin']) : [];
  const street = community.parentId ? await findOrganisationById(deps, community.parentId) : null;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const notice = { kind: 'adoption_request', title: `${community.name}申请改用${plan.templateOwner.name}目录清单`, body: `${street?.name ?? ''}${community.name}的${actor.user.displayName}申请改用《${plan.template.title}》，共 ${plan.changes.length} 处不同。`, link: `/staff/compliance/adoption/${community.code}` };
    await notify(tx, community.districtCode, admins, notice, now);
    await appendAudit(tx, actor, { action: 'compliance.adoption_request', subjectType: 'organisation', subjectId: community.code, districtCode: community.districtCode, data: { template: plan.template.id, admins: admins.map((a) => a.username) } }, now);
  });
  return admins.length;
}
