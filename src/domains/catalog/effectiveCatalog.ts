import type { Deps } from '../../platform/context.ts';
import { type OrgRow, lineageOf } from '../org/index.ts';
import * as repo from './repository.ts';

export interface EffectiveItem extends repo.ItemRow {
  /** Channels this community uses: its own choice when it made one, else the catalog's marks. */
  effectiveChannels: { name: string; selected: boolean | null }[];
  channelsChosenLocally: boolean;
}

export interface EffectiveCatalog {
  catalog: repo.CatalogRow;
  owner: OrgRow;
  /** True when the organisation has its own list, false when it follows a template above it. */
  own: boolean;
  items: EffectiveItem[];
}

/** Applies a community's channel choice over the template's channel list. */
function applyChannelChoice(item: repo.ItemRow, chosen: string[] | undefined): EffectiveItem {
  if (!chosen) return { ...item, effectiveChannels: item.channels, channelsChosenLocally: false };
  const set = new Set(chosen);
  return { ...item, effectiveChannels: item.channels.map((c) => ({ name: c.name, selected: set.has(c.name) })), channelsChosenLocally: true };
}

/**
 * The catalog an organisation works by: its own active one, or else the nearest ancestor's (a
 * district template is adopted by every community below it without copying it).
 */
export async function effectiveCatalogFor(deps: Deps, org: OrgRow): Promise<EffectiveCatalog | null> {
  const lineage = await lineageOf(deps, org); // root first
  const active = await repo.activeCatalogsOf(
    deps.db.orm,
    lineage.map((o) => o.id),
  );
  for (const owner of [...lineage].reverse()) {
    const catalog = active.find((c) => c.ownerOrgId === owner.id);
    if (!catalog) continue;
    const [items, choices] = await Promise.all([repo.listItems(deps.db.orm, catalog.id), repo.channelChoicesOf(deps.db.orm, org.id)]);
    return { catalog, owner, own: owner.id === org.id, items: items.map((i) => applyChannelChoice(i, choices.get(i.itemKey))) };
  }
  return null;
}
