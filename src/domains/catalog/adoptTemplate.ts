import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ConflictError, ForbiddenError } from '../../platform/errors.ts';
import type { Actor, SessionUser } from '../../platform/principal.ts';
import { bumpPublicVersion, inScope, lineageOf, type OrgRow } from '../org/index.ts';
import { diffCatalogs, type CatalogChange } from './present.ts';
import * as repo from './repository.ts';

/*
 * Adoption: a community that keeps its own list moves onto the template of the district (or
 * street) above it. Its own active list retires (kept, like every retired version), so from then
 * on the effective catalog is the template, and later template versions reach it too.
 */

export interface AdoptionPlan {
  community: OrgRow;
  own: repo.CatalogRow;
  template: repo.CatalogRow;
  templateOwner: OrgRow;
  changes: CatalogChange[];
}

/** Only a district admin above the community moves it onto the template. */
function assertCanAdopt(user: SessionUser, community: OrgRow): void {
  if (user.role !== 'district_admin' || !inScope(user, community.path)) throw new ForbiddenError('只有本区县的管理员可以让社区改用区县目录清单。');
}

/** What would change if the community adopted the template above it; null when there is nothing to adopt. */
export async function adoptionPlan(deps: Deps, community: OrgRow): Promise<AdoptionPlan | null> {
  const lineage = await lineageOf(deps, community); // root first
  const active = await repo.activeCatalogsOf(deps.db.orm, lineage.map((o) => o.id));
  const own = active.find((c) => c.ownerOrgId === community.id);
  const templateOwner = [...lineage].reverse().find((o) => o.id !== community.id && active.some((c) => c.ownerOrgId === o.id));
  if (!own || !templateOwner) return null;
  const template = active.find((c) => c.ownerOrgId === templateOwner.id)!;
  const [before, after] = await Promise.all([repo.listItems(deps.db.orm, own.id), repo.listItems(deps.db.orm, template.id)]);
  return { community, own, template, templateOwner, changes: diffCatalogs(before, after) };
}

/**
 * Retires the community's own list so it follows the template; `alsoInside` runs in the same
 * transaction (compliance settles the obligations there), and the audit entry names both lists.
 */
export async function adoptTemplate(deps: Deps, actor: Actor & { user: SessionUser }, community: OrgRow, alsoInside?: (tx: Executor, plan: AdoptionPlan) => Promise<void>): Promise<AdoptionPlan> {
  assertCanAdopt(actor.user, community);
  const plan = await adoptionPlan(deps, community);
  if (!plan) throw new ConflictError(`${community.name}已在使用上级目录清单，或上级没有启用的目录清单。`);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const retired = await repo.retireActive(tx, community.id);
    if (!retired.some((r) => r.id === plan.own.id)) throw new ConflictError('社区的目录清单刚刚有变化，请刷新后重试。');
    await alsoInside?.(tx, plan);
    await bumpPublicVersion(tx, community, 'context'); // its pages now show the district's items
    const data = { org: community.code, retired: plan.own.id, template: plan.template.id, templateOwner: plan.templateOwner.code, changes: plan.changes.length };
    await appendAudit(tx, actor, { action: 'catalog.adopt_template', subjectType: 'organisation', subjectId: community.code, districtCode: community.districtCode, data }, now);
  });
  return plan;
}
