import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { findOrganisation, findOrganisationById, inScope, isAdmin, type OrgRow, bumpPublicVersion } from '../org/index.ts';
import type { StaffActor } from './access.ts';
import { listItemContexts, type ItemContext } from './itemContext.ts';
import * as repo from './repository.ts';

export interface ItemSettingsView {
  community: OrgRow;
  owner: OrgRow | null;
  /** Only admins over the catalog's owner may change the flags. */
  editable: boolean;
  items: ItemContext[];
}

/** The items of a community's catalog with their personal-list flags, for an admin. */
export async function itemSettingsFor(deps: Deps, actor: StaffActor, communityCode: string): Promise<ItemSettingsView> {
  const community = await findOrganisation(deps, communityCode);
  if (!community || community.kind !== 'community' || !inScope(actor.user, community.path)) throw new NotFoundError('没有找到这个社区。');
  const items = await listItemContexts(deps, community);
  const owner = items[0] ? await findOrganisationById(deps, items[0].ownerOrgId) : null;
  return { community, owner, editable: !!owner && isAdmin(actor.user.role) && inScope(actor.user, owner.path), items };
}

/** Saves which items are personal lists (form: pl_<itemId> = '1' when ticked). */
export async function savePersonalListFlags(deps: Deps, actor: StaffActor, communityCode: string, form: Record<string, unknown>): Promise<void> {
  const view = await itemSettingsFor(deps, actor, communityCode);
  if (!view.editable || !view.owner) throw new ForbiddenError('只有管理这份目录清单的街道或区县管理员可以修改。');
  const owner = view.owner;
  const now = deps.clock.now();
  const changed = view.items.filter((c) => (form[`pl_${c.item.id}`] === '1') !== c.personalList);
  await deps.db.transaction(async (tx) => {
    for (const c of changed) {
      await repo.saveItemSetting(tx, { ownerOrgId: owner.id, itemKey: c.item.itemKey, districtCode: owner.districtCode, personalList: !c.personalList, updatedBy: actor.name, updatedAt: now });
    }
    await bumpPublicVersion(tx, owner, 'context'); // a personal list leaves public pages after its 公示期
    await appendAudit(
      tx,
      actor,
      { action: 'record.item_settings', subjectType: 'organisation', subjectId: owner.code, districtCode: owner.districtCode, data: { changed: changed.map((c) => ({ item: c.item.itemKey, personalList: !c.personalList })) } },
      now,
    );
  });
}
