import type { ParsedItem } from './import/types.ts';
import type { EffectiveItem } from './effectiveCatalog.ts';
import type { ItemRow } from './repository.ts';

/** A stored item in the importer's shape: what export and `--json` print. */
export function rowToParsed(row: ItemRow, channels = row.channels): ParsedItem {
  return {
    seq: row.seq,
    domain: row.domain,
    category: row.category,
    name: row.name,
    content: row.content,
    websiteColumn: row.websiteColumn,
    legalBasis: row.legalBasis,
    responsibleBodies: row.responsibleBodies,
    timeLimitText: row.timeLimitText,
    rules: row.rules,
    channels,
    audience: { society: row.audienceSociety, specificGroups: row.audienceSpecific },
    method: { proactive: row.methodProactive, onRequest: row.methodOnRequest },
    level: row.level,
    source: row.source,
  };
}

/** The `--json` item shape of `gongkai catalog import` (source and spans left out). */
export function itemJson(item: ParsedItem) {
  return {
    seq: item.seq,
    domain: item.domain,
    category: item.category,
    name: item.name,
    content: item.content,
    websiteColumn: item.websiteColumn,
    legalBasis: item.legalBasis,
    responsibleBodies: item.responsibleBodies,
    timeLimitText: item.timeLimitText,
    rules: item.rules,
    channels: item.channels,
    audience: item.audience,
    method: item.method,
    level: item.level,
  };
}

export interface DomainGroup {
  domain: string;
  categories: { category: string; items: EffectiveItem[] }[];
}

/** 领域 → 一级事项 → 二级事项, in catalog order, for the public tree. */
export function groupItems(items: EffectiveItem[]): DomainGroup[] {
  const groups: DomainGroup[] = [];
  for (const item of items) {
    // Lists without a 领域 column (厂口) start the tree at 一级事项.
    const domain = item.domain ?? item.category ?? '其他';
    let g = groups.find((x) => x.domain === domain);
    if (!g) groups.push((g = { domain, categories: [] }));
    const category = item.domain ? (item.category ?? item.name) : item.name;
    let c = g.categories.find((x) => x.category === category);
    if (!c) g.categories.push((c = { category, items: [] }));
    c.items.push(item);
  }
  return groups;
}

export interface CatalogChange {
  kind: 'added' | 'removed' | 'changed';
  key: string;
  name: string;
  fields: string[];
}

const COMPARED: (keyof ItemRow)[] = ['content', 'legalBasis', 'responsibleBodies', 'timeLimitText', 'channels', 'audienceSociety', 'audienceSpecific', 'methodProactive', 'methodOnRequest', 'level', 'websiteColumn'];

/** What changed between two versions, item by item (matched on 领域|一级|二级). */
export function diffCatalogs(before: ItemRow[], after: ItemRow[]): CatalogChange[] {
  const old = new Map(before.map((i) => [i.itemKey, i]));
  const changes: CatalogChange[] = [];
  for (const item of after) {
    const prev = old.get(item.itemKey);
    old.delete(item.itemKey);
    if (!prev) {
      changes.push({ kind: 'added', key: item.itemKey, name: item.name, fields: [] });
      continue;
    }
    const fields = COMPARED.filter((f) => JSON.stringify(prev[f]) !== JSON.stringify(item[f]));
    if (fields.length > 0) changes.push({ kind: 'changed', key: item.itemKey, name: item.name, fields });
  }
  for (const prev of old.values()) changes.push({ kind: 'removed', key: prev.itemKey, name: prev.name, fields: [] });
  return changes;
}
