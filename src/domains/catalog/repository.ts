import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { catalogAcknowledgements, catalogItems, catalogs, itemChannelChoices, type CatalogStatus } from './schema.ts';

export type CatalogRow = typeof catalogs.$inferSelect;
export type ItemRow = typeof catalogItems.$inferSelect;
export type NewItem = typeof catalogItems.$inferInsert;

export async function nextVersion(ex: Executor, ownerOrgId: number): Promise<number> {
  const [row] = await ex.select({ v: sql<number>`coalesce(max(${catalogs.version}), 0)::int` }).from(catalogs).where(eq(catalogs.ownerOrgId, ownerOrgId));
  return Number(row?.v ?? 0) + 1;
}

export async function insertCatalog(ex: Executor, values: typeof catalogs.$inferInsert, items: Omit<NewItem, 'catalogId'>[]): Promise<CatalogRow> {
  const [catalog] = await ex.insert(catalogs).values(values).returning();
  if (items.length > 0) await ex.insert(catalogItems).values(items.map((i) => ({ ...i, catalogId: catalog!.id })));
  return catalog!;
}

/** The column mapping of the organisation's newest version that has one. */
export async function latestMappingOf(ex: Executor, ownerOrgId: number): Promise<CatalogRow['columnMapping']> {
  const [row] = await ex
    .select({ mapping: catalogs.columnMapping })
    .from(catalogs)
    .where(and(eq(catalogs.ownerOrgId, ownerOrgId), isNotNull(catalogs.columnMapping)))
    .orderBy(desc(catalogs.version))
    .limit(1);
  return row?.mapping ?? null;
}

export async function setCatalogWarnings(ex: Executor, id: number, warnings: CatalogRow['warnings']): Promise<void> {
  await ex.update(catalogs).set({ warnings }).where(eq(catalogs.id, id));
}

export async function findCatalog(ex: Executor, id: number): Promise<CatalogRow | null> {
  const [row] = await ex.select().from(catalogs).where(eq(catalogs.id, id));
  return row ?? null;
}

export async function listCatalogsOf(ex: Executor, ownerOrgIds: number[]): Promise<CatalogRow[]> {
  if (ownerOrgIds.length === 0) return [];
  return ex.select().from(catalogs).where(inArray(catalogs.ownerOrgId, ownerOrgIds)).orderBy(asc(catalogs.ownerOrgId), desc(catalogs.version));
}

/** Active catalogs among the given owners; the caller picks the nearest one. */
export async function activeCatalogsOf(ex: Executor, ownerOrgIds: number[]): Promise<CatalogRow[]> {
  if (ownerOrgIds.length === 0) return [];
  return ex.select().from(catalogs).where(and(inArray(catalogs.ownerOrgId, ownerOrgIds), eq(catalogs.status, 'active')));
}

export async function setCatalogStatus(ex: Executor, id: number, status: CatalogStatus, at?: Date): Promise<void> {
  await ex.update(catalogs).set({ status, ...(status === 'active' ? { activatedAt: at } : {}) }).where(eq(catalogs.id, id));
}

/**
 * Changes to one organisation's catalogs (import, activate, discard, edit a draft) take turns: a
 * transaction-scoped advisory lock per organisation, which also covers one with no catalog yet
 * (two first imports were both numbered 1). Returns its catalogs as they are once it is held.
 */
export async function lockCatalogsOf(ex: Executor, ownerOrgId: number): Promise<CatalogRow[]> {
  await ex.execute(sql`select pg_advisory_xact_lock(7411005, ${ownerOrgId})`);
  return ex.select().from(catalogs).where(eq(catalogs.ownerOrgId, ownerOrgId));
}

export async function retireActive(ex: Executor, ownerOrgId: number): Promise<CatalogRow[]> {
  return ex.update(catalogs).set({ status: 'retired' }).where(and(eq(catalogs.ownerOrgId, ownerOrgId), eq(catalogs.status, 'active'))).returning();
}

export async function deleteCatalog(ex: Executor, id: number): Promise<void> {
  await ex.delete(catalogs).where(eq(catalogs.id, id));
}

export async function listItems(ex: Executor, catalogId: number): Promise<ItemRow[]> {
  return ex.select().from(catalogItems).where(eq(catalogItems.catalogId, catalogId)).orderBy(asc(catalogItems.seq));
}

/** The items of several catalogs in one statement, each catalog's in its order. */
export async function listItemsOf(ex: Executor, catalogIds: number[]): Promise<ItemRow[]> {
  if (catalogIds.length === 0) return [];
  return ex.select().from(catalogItems).where(inArray(catalogItems.catalogId, catalogIds)).orderBy(asc(catalogItems.catalogId), asc(catalogItems.seq));
}

export async function findItem(ex: Executor, id: number): Promise<ItemRow | null> {
  const [row] = await ex.select().from(catalogItems).where(eq(catalogItems.id, id));
  return row ?? null;
}

export async function updateItem(ex: Executor, id: number, values: Partial<NewItem>): Promise<void> {
  await ex.update(catalogItems).set(values).where(eq(catalogItems.id, id));
}

export async function channelChoicesOf(ex: Executor, orgId: number): Promise<Map<string, string[]>> {
  const rows = await ex.select().from(itemChannelChoices).where(eq(itemChannelChoices.orgId, orgId));
  return new Map(rows.map((r) => [r.itemKey, r.channels]));
}

/** Channel choices of several organisations in one statement: org id → item key → channels. */
export async function channelChoicesOfMany(ex: Executor, orgIds: number[]): Promise<Map<number, Map<string, string[]>>> {
  const out = new Map<number, Map<string, string[]>>(orgIds.map((id) => [id, new Map()]));
  if (orgIds.length === 0) return out;
  const rows = await ex.select().from(itemChannelChoices).where(inArray(itemChannelChoices.orgId, orgIds));
  for (const r of rows) out.get(r.orgId)?.set(r.itemKey, r.channels);
  return out;
}

export async function saveChannelChoice(ex: Executor, values: typeof itemChannelChoices.$inferInsert): Promise<void> {
  await ex
    .insert(itemChannelChoices)
    .values(values)
    .onConflictDoUpdate({ target: [itemChannelChoices.orgId, itemChannelChoices.itemKey], set: { channels: values.channels, updatedBy: values.updatedBy, updatedAt: values.updatedAt } });
}

export async function findAcknowledgement(ex: Executor, orgId: number, ownerOrgId: number) {
  const [row] = await ex
    .select()
    .from(catalogAcknowledgements)
    .where(and(eq(catalogAcknowledgements.orgId, orgId), eq(catalogAcknowledgements.ownerOrgId, ownerOrgId)));
  return row ?? null;
}

export async function saveAcknowledgement(ex: Executor, values: typeof catalogAcknowledgements.$inferInsert): Promise<void> {
  await ex
    .insert(catalogAcknowledgements)
    .values(values)
    .onConflictDoUpdate({ target: [catalogAcknowledgements.orgId, catalogAcknowledgements.ownerOrgId], set: { catalogId: values.catalogId, acknowledgedAt: values.acknowledgedAt } });
}
