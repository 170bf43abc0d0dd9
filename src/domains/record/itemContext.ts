import type { Deps } from '../../platform/context.ts';
import { keptUnderContext, type OrgRow } from '../org/index.ts';
import { audienceOf, channelNames, effectiveCatalogsFor, type EffectiveItem, type PublicityRule } from '../catalog/index.ts';
import * as repo from './repository.ts';

/** What the record domain needs to know about a community's catalog item. */
export interface ItemContext {
  item: EffectiveItem;
  ownerOrgId: number;
  personalList: boolean;
  /** True when the admin set the flag; false when it comes from the item's words. */
  personalListSet: boolean;
  audience: 'public' | 'residents';
  /** The 公示期: the admin's number of working days when set, otherwise the catalog's rule. */
  publicity: PublicityRule | null;
  /** True when the admin set the 公示期 (it then overrides the catalog's rule). */
  publicitySet: boolean;
  requiredChannels: string[];
}

const LIST_WORDS = /名单|名册|花名册/;

/** An item is a personal list when its name, content or 公示 subject speaks of a 名单. */
function defaultPersonalList(item: Pick<EffectiveItem, 'name' | 'content' | 'rules'>): boolean {
  const subjects = item.rules.map((r) => (r.kind === 'publicity' ? (r.subject ?? '') : '')).join(' ');
  return LIST_WORDS.test(`${item.name} ${item.content} ${subjects}`);
}

/** What an admin saved for an item; absent fields follow the catalog. */
interface ItemSetting {
  personalList: boolean;
  publicityDays: number | null;
}

function publicityOf(item: EffectiveItem, days: number | null | undefined): PublicityRule | null {
  const rule = (item.rules.find((r) => r.kind === 'publicity') as PublicityRule | undefined) ?? null;
  if (!days) return rule;
  return { kind: 'publicity', amount: days, unit: 'workday', ...(rule?.subject ? { subject: rule.subject } : {}), span: rule?.span ?? { start: 0, end: 0 } };
}

function contextOf(item: EffectiveItem, ownerOrgId: number, setting: ItemSetting | undefined): ItemContext {
  return {
    item,
    ownerOrgId,
    personalList: setting?.personalList ?? defaultPersonalList(item),
    personalListSet: setting !== undefined,
    audience: audienceOf(item),
    publicity: publicityOf(item, setting?.publicityDays),
    publicitySet: !!setting?.publicityDays,
    requiredChannels: channelNames(item),
  };
}

/** Every item of the community's effective catalog with its record settings. */
export async function listItemContexts(deps: Deps, org: OrgRow): Promise<ItemContext[]> {
  return (await listItemContextsOf(deps, [org])).get(org.id) ?? [];
}

// Item settings move the context version of their owner (itemSettings.ts), so the contexts built
// from them are kept under it beside the effective catalogs: a public page reads neither again.
const kept = keptUnderContext<ItemContext[]>({ maxSize: 50_000, sizeOf: (contexts) => 1 + contexts.length });

/** The item contexts of several communities in a fixed number of statements: org id → contexts. */
export const listItemContextsOf = (deps: Deps, orgs: OrgRow[]): Promise<Map<number, ItemContext[]>> => kept(deps, orgs, (missing) => loadItemContexts(deps, missing));

async function loadItemContexts(deps: Deps, orgs: OrgRow[]): Promise<Map<number, ItemContext[]>> {
  const effective = await effectiveCatalogsFor(deps, orgs);
  const owners = [...new Set([...effective.values()].flatMap((e) => (e ? [e.owner.id] : [])))];
  const settings = await repo.listItemSettingsOf(deps.db.orm, owners);
  const flag = (owner: number, key: string) => settings.find((s) => s.ownerOrgId === owner && s.itemKey === key);
  const out = new Map<number, ItemContext[]>();
  for (const org of orgs) {
    const e = effective.get(org.id);
    out.set(org.id, e ? e.items.map((item) => contextOf(item, e.owner.id, flag(e.owner.id, item.itemKey))) : []);
  }
  return out;
}

/** The item as the community's current catalog has it (matched across versions by its key). */
export async function loadItemContext(deps: Deps, org: OrgRow, itemKey: string): Promise<ItemContext | null> {
  return (await listItemContexts(deps, org)).find((c) => c.item.itemKey === itemKey) ?? null;
}
