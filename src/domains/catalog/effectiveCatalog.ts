import type { Deps } from '../../platform/context.ts';
import { type OrgRow, keptUnderContext, lineageOf, lineagePaths } from '../org/index.ts';
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
  return (await effectiveCatalogsFor(deps, [org])).get(org.id) ?? null;
}

// Every public page needs the catalogs of the communities it shows; they change only with the
// context version (org/publicVersions.ts), so they are kept under it: up to 50,000 items (~10 MB,
// the catalogs of 500 communities of 100 items).
const kept = keptUnderContext<EffectiveCatalog | null>({ maxSize: 50_000, sizeOf: (catalog) => 1 + (catalog?.items.length ?? 0) });

/**
 * The effective catalogs of several organisations: kept ones by their context version (one
 * statement, none on the embedded database), the rest in four statements however many they are
 * (a page listing records of twenty communities must not load twenty catalogs one by one).
 * Callers share the objects returned: read them, never change them.
 */
export const effectiveCatalogsFor = (deps: Deps, orgs: OrgRow[]): Promise<Map<number, EffectiveCatalog | null>> => kept(deps, orgs, (missing) => loadEffectiveCatalogs(deps, missing));

async function loadEffectiveCatalogs(deps: Deps, orgs: OrgRow[]): Promise<Map<number, EffectiveCatalog | null>> {
  const out = new Map<number, EffectiveCatalog | null>();
  const ex = deps.db.orm;
  const lineage = await lineageOfAll(deps, orgs); // root first
  const active = await repo.activeCatalogsOf(ex, lineage.map((o) => o.id));
  const byPath = new Map(lineage.map((o) => [o.path, o]));
  const ownerOf = (org: OrgRow) => lineagePaths(org.path).reverse().map((p) => byPath.get(p)).find((o) => o && active.some((c) => c.ownerOrgId === o.id)) ?? null;
  const owners = new Map(orgs.map((org) => [org.id, ownerOf(org)]));
  const catalogIds = [...new Set(active.filter((c) => [...owners.values()].some((o) => o?.id === c.ownerOrgId)).map((c) => c.id))];
  const [items, choices] = await Promise.all([repo.listItemsOf(ex, catalogIds), repo.channelChoicesOfMany(ex, orgs.map((o) => o.id))]);
  for (const org of orgs) {
    const owner = owners.get(org.id);
    const catalog = owner ? active.find((c) => c.ownerOrgId === owner.id) : undefined;
    if (!owner || !catalog) {
      out.set(org.id, null);
      continue;
    }
    const chosen = choices.get(org.id);
    const own = items.filter((i) => i.catalogId === catalog.id).map((i) => applyChannelChoice(i, chosen?.get(i.itemKey)));
    out.set(org.id, { catalog, owner, own: owner.id === org.id, items: own });
  }
  return out;
}

/** Every organisation on the way to any of `orgs`, root first, in one statement. */
async function lineageOfAll(deps: Deps, orgs: OrgRow[]): Promise<OrgRow[]> {
  if (orgs.length === 1) return lineageOf(deps, orgs[0]!);
  const codes = [...new Set(orgs.flatMap((o) => o.path.split('/').filter(Boolean)))];
  return lineageOf(deps, { path: `/${codes.join('/')}/` });
}
