import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
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

/** The 公示期 typed for an item: empty follows the catalog; otherwise 1–90 days. */
function daysOf(c: ItemContext, raw: unknown): number | null {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 90) throw new ValidationError(`“${c.item.name}”的公示期应填 1 到 90 之间的整数天数，或留空按目录规定。`);
  // The catalog's own number typed back is no setting: a later catalog version may change it.
  const rule = c.item.rules.find((r) => r.kind === 'publicity');
  return rule && rule.amount === n && !c.publicitySet ? null : n;
}

/** Saves which items are personal lists (pl_<itemId> = '1' when ticked) and their 公示期 (pd_<itemId>, days). */
export async function savePersonalListFlags(deps: Deps, actor: StaffActor, communityCode: string, form: Record<string, unknown>): Promise<void> {
  const view = await itemSettingsFor(deps, actor, communityCode);
  if (!view.editable || !view.owner) throw new ForbiddenError('只有管理这份目录清单的街道或区县管理员可以修改。');
  const owner = view.owner;
  const now = deps.clock.now();
  const wanted = view.items.map((c) => ({ c, personalList: form[`pl_${c.item.id}`] === '1', days: daysOf(c, form[`pd_${c.item.id}`]) }));
  const changed = wanted.filter((w) => w.personalList !== w.c.personalList || w.days !== (w.c.publicitySet ? w.c.publicity!.amount : null));
  await deps.db.transaction(async (tx) => {
    for (const { c, personalList, days } of changed) {
      await repo.saveItemSetting(tx, { ownerOrgId: owner.id, itemKey: c.item.itemKey, districtCode: owner.districtCode, personalList, publicityDays: days, updatedBy: actor.name, updatedAt: now });
    }
    await bumpPublicVersion(tx, owner, 'context'); // a personal list leaves public pages after its 公示期
    await appendAudit(
      tx,
      actor,
      { action: 'record.item_settings', subjectType: 'organisation', subjectId: owner.code, districtCode: owner.districtCode, data: { changed: changed.map((w) => ({ item: w.c.item.itemKey, personalList: w.personalList, publicityDays: w.days })) } },
      now,
    );
  });
}
