import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import type { StaffActor } from '../../platform/principal.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { type OrgRow, type SessionUser, findOrganisationById, bumpPublicVersion } from '../org/index.ts';
import { effectiveCatalogFor, type EffectiveCatalog } from './effectiveCatalog.ts';
import { diffCatalogs, type CatalogChange } from './present.ts';
import * as repo from './repository.ts';

/** Channel choices are made by the community's own staff (or admins above it). */
export async function communityOf(deps: Deps, user: SessionUser): Promise<OrgRow> {
  if (user.orgKind !== 'community' || user.role === 'resident') throw new ForbiddenError('只有社区（村）工作人员可以设置本社区的公开渠道。');
  const org = await findOrganisationById(deps, user.orgId);
  if (!org) throw new NotFoundError('组织不存在');
  return org;
}

export async function requireEffective(deps: Deps, org: OrgRow): Promise<EffectiveCatalog> {
  const effective = await effectiveCatalogFor(deps, org);
  if (!effective) throw new NotFoundError(`${org.name} 还没有可用的目录清单，请联系街道或区县管理员导入。`);
  return effective;
}

/**
 * Saves, per item, the channels this community ticks; names outside the item's list are ignored.
 * Choices are made against the version in force, so a community without a baseline yet takes that
 * version as the one it has seen: later versions are then shown as changes.
 */
export async function saveChannelChoices(deps: Deps, actor: StaffActor, form: Record<string, string | string[]>): Promise<void> {
  const org = await communityOf(deps, actor.user);
  const effective = await requireEffective(deps, org);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    for (const item of effective.items) {
      const raw = form[`ch_${item.id}`];
      const picked = Array.isArray(raw) ? raw : raw == null ? [] : [raw];
      const allowed = new Set(item.channels.map((c) => c.name));
      await repo.saveChannelChoice(tx, { orgId: org.id, itemKey: item.itemKey, districtCode: org.districtCode, channels: picked.filter((p) => allowed.has(p)), updatedBy: actor.user.username, updatedAt: now });
    }
    await bumpPublicVersion(tx, org, 'context'); // item pages name the channels
    if (!(await repo.findAcknowledgement(tx, org.id, effective.owner.id))) await saveBaseline(tx, org, effective, now);
    await appendAudit(tx, actor, { action: 'catalog.channels_choose', subjectType: 'organisation', subjectId: org.code, districtCode: org.districtCode, data: { catalog: effective.catalog.id } }, now);
  });
}

/** What changed in the community's catalog since the version it last saw (none before it has a baseline). */
export async function unseenChanges(deps: Deps, org: OrgRow, effective: EffectiveCatalog): Promise<CatalogChange[]> {
  const ack = await repo.findAcknowledgement(deps.db.orm, org.id, effective.owner.id);
  if (!ack || ack.catalogId === effective.catalog.id) return [];
  return diffCatalogs(await repo.listItems(deps.db.orm, ack.catalogId), effective.items);
}

/** The community has seen the version in force (and so the changes that led to it). */
export async function acknowledge(deps: Deps, org: OrgRow, effective: EffectiveCatalog): Promise<void> {
  await saveBaseline(deps.db.orm, org, effective, deps.clock.now());
}

async function saveBaseline(ex: Executor, org: OrgRow, effective: EffectiveCatalog, at: Date): Promise<void> {
  await repo.saveAcknowledgement(ex, { orgId: org.id, ownerOrgId: effective.owner.id, catalogId: effective.catalog.id, acknowledgedAt: at });
}
