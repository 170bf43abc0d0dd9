import { and, asc, eq, gt, gte, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { idArray, queryRows, type Executor } from '../../platform/db.ts';
import { disclosures, dueChanges, events, obligations, state, syncState } from './schema.ts';
import type { StatusDay } from './status.ts';
import type { Status } from './types.ts';

/*
 * All SQL of obligations, events, disclosures and sync state. Orders, notifications and
 * reminders are in supervisionRepository.ts. Statuses depend on “today”, so they are computed
 * in queries from a StatusDay rather than stored.
 */

export type ObligationRow = typeof obligations.$inferSelect;
export type NewObligation = typeof obligations.$inferInsert;
export type EventRow = typeof events.$inferSelect;
type DisclosureRow = typeof disclosures.$inferSelect;
export type DueChangeRow = typeof dueChanges.$inferSelect;

/** The status decision of status.ts#statusOf, in SQL. */
export function statusSql(day: StatusDay): SQL<Status> {
  const o = obligations;
  return sql<Status>`case
    when ${o.waivedAt} is not null then 'waived'
    when ${o.fulfilledOn} is not null then (case when ${o.dueOn} is null or ${o.fulfilledOn} <= ${o.dueOn} then 'done_on_time' else 'done_late' end)
    when ${o.dueOn} is null then 'pending'
    when ${o.dueOn} < ${day.today} then 'overdue'
    when ${o.dueOn} <= ${day.soonUntil} then 'due_soon'
    else 'upcoming' end`;
}

const isOpenSql = and(isNull(obligations.waivedAt), isNull(obligations.fulfilledOn));

// ---- obligations ----

/** Inserts unless the (community, item, key) obligation exists; returns the new row or null. */
export async function insertObligation(ex: Executor, values: NewObligation): Promise<ObligationRow | null> {
  const [row] = await ex.insert(obligations).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findObligation(ex: Executor, id: number): Promise<ObligationRow | null> {
  const [row] = await ex.select().from(obligations).where(eq(obligations.id, id));
  return row ?? null;
}

export async function obligationsByIds(ex: Executor, ids: number[]): Promise<Map<number, ObligationRow>> {
  if (ids.length === 0) return new Map();
  const rows = await ex.select().from(obligations).where(inArray(obligations.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function lockObligation(ex: Executor, id: number): Promise<ObligationRow | null> {
  const [row] = await ex.select().from(obligations).where(eq(obligations.id, id)).for('update');
  return row ?? null;
}

interface ObligationFilter {
  from?: string;
  to?: string;
  itemKey?: string;
  /** Also every open obligation due before `from` (the dashboard puts overdue ones first). */
  withOpenBefore?: boolean;
}

export async function listObligations(ex: Executor, orgId: number, day: StatusDay, f: ObligationFilter = {}) {
  const inRange = and(f.from ? gte(obligations.refOn, f.from) : undefined, f.to ? lte(obligations.refOn, f.to) : undefined);
  const when = f.withOpenBefore ? or(inRange, and(isOpenSql, f.from ? sql`${obligations.refOn} < ${f.from}` : undefined)) : inRange;
  return ex
    .select({ row: obligations, status: statusSql(day) })
    .from(obligations)
    .where(and(eq(obligations.orgId, orgId), f.itemKey ? eq(obligations.itemKey, f.itemKey) : undefined, when))
    .orderBy(asc(obligations.refOn), asc(obligations.itemSeq), asc(obligations.id));
}

/** Open obligations of a community (or of one item of it), earliest due first. */
export async function listOpen(ex: Executor, orgId: number, itemKey?: string): Promise<ObligationRow[]> {
  return ex
    .select()
    .from(obligations)
    .where(and(eq(obligations.orgId, orgId), itemKey ? eq(obligations.itemKey, itemKey) : undefined, isOpenSql))
    .orderBy(sql`${obligations.dueOn} asc nulls last`, asc(obligations.refOn), asc(obligations.id));
}

/** Standing and periodic obligations of a community, for the sync to see what exists. */
export async function listScheduled(ex: Executor, orgId: number) {
  return ex
    .select({ id: obligations.id, itemKey: obligations.itemKey, naturalKey: obligations.naturalKey })
    .from(obligations)
    .where(and(eq(obligations.orgId, orgId), ne(obligations.kind, 'event')));
}

export async function updateObligation(ex: Executor, id: number, values: Partial<NewObligation>): Promise<void> {
  await ex.update(obligations).set(values).where(eq(obligations.id, id));
}

/** A batch of obligations computed with another calendar version, in id order. */
export async function listStaleForCalendar(ex: Executor, districtCode: string, version: number, afterId: number, limit: number): Promise<ObligationRow[]> {
  return ex
    .select()
    .from(obligations)
    .where(and(eq(obligations.districtCode, districtCode), ne(obligations.calendarVersion, version), gt(obligations.id, afterId)))
    .orderBy(asc(obligations.id))
    .limit(limit);
}

export async function insertDueChange(ex: Executor, values: typeof dueChanges.$inferInsert): Promise<void> {
  await ex.insert(dueChanges).values(values);
}

export async function listDueChanges(ex: Executor, obligationId: number): Promise<DueChangeRow[]> {
  return ex.select().from(dueChanges).where(eq(dueChanges.obligationId, obligationId)).orderBy(asc(dueChanges.id));
}

/** Open obligations of the same scope (dated up to `to`), with their status, earliest due first. */
export async function listOpenUpTo(ex: Executor, orgIds: number[], to: string, day: StatusDay) {
  if (orgIds.length === 0) return [];
  return ex
    .select({ row: obligations, status: statusSql(day) })
    .from(obligations)
    .where(and(inArray(obligations.orgId, orgIds), isOpenSql, lte(obligations.refOn, to)))
    .orderBy(sql`${obligations.dueOn} asc nulls last`, asc(obligations.orgId), asc(obligations.itemSeq), asc(obligations.id));
}

/** Open obligations due on or before `until` (due soon and overdue), for reminders. */
export async function listOpenDueBy(ex: Executor, districtCode: string, until: string): Promise<ObligationRow[]> {
  return ex
    .select()
    .from(obligations)
    .where(and(eq(obligations.districtCode, districtCode), isOpenSql, lte(obligations.dueOn, until)))
    .orderBy(asc(obligations.orgId), asc(obligations.dueOn), asc(obligations.itemSeq));
}

// ---- events ----

export async function insertEvent(ex: Executor, values: typeof events.$inferInsert): Promise<EventRow> {
  const [row] = await ex.insert(events).values(values).returning();
  return row!;
}

/** Many events at once (demo data), ids in the order given. */
export async function insertEvents(ex: Executor, values: (typeof events.$inferInsert)[]): Promise<EventRow[]> {
  if (values.length === 0) return [];
  return ex.insert(events).values(values).returning();
}

export async function insertObligations(ex: Executor, values: NewObligation[]): Promise<ObligationRow[]> {
  if (values.length === 0) return [];
  return ex.insert(obligations).values(values).onConflictDoNothing().returning();
}

export async function eventsByIds(ex: Executor, ids: number[]): Promise<Map<number, EventRow>> {
  if (ids.length === 0) return new Map();
  const rows = await ex.select().from(events).where(inArray(events.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

// ---- disclosures ----

export async function findDisclosure(ex: Executor, recordId: string): Promise<DisclosureRow | null> {
  const [row] = await ex.select().from(disclosures).where(eq(disclosures.recordId, recordId));
  return row ?? null;
}

export async function insertDisclosure(ex: Executor, values: typeof disclosures.$inferInsert | (typeof disclosures.$inferInsert)[]): Promise<void> {
  if (Array.isArray(values) && values.length === 0) return;
  await ex.insert(disclosures).values(values as (typeof disclosures.$inferInsert)[]);
}

export async function updateDisclosure(ex: Executor, recordId: string, values: Partial<typeof disclosures.$inferInsert>): Promise<void> {
  await ex.update(disclosures).set(values).where(eq(disclosures.recordId, recordId));
}

/** Records of an item still shown (not withdrawn), earliest first. */
export async function currentDisclosures(ex: Executor, orgId: number, itemKey: string): Promise<DisclosureRow[]> {
  return ex
    .select()
    .from(disclosures)
    .where(and(eq(disclosures.orgId, orgId), eq(disclosures.itemKey, itemKey), isNull(disclosures.withdrawnAt)))
    .orderBy(asc(disclosures.publishedAt));
}

export async function listObligationsFulfilledBy(ex: Executor, recordId: string): Promise<ObligationRow[]> {
  return ex.select().from(obligations).where(eq(obligations.fulfilledRecordId, recordId)).for('update');
}

// ---- sync state ----

type SyncRow = typeof syncState.$inferSelect;

export async function findSync(ex: Executor, orgId: number): Promise<SyncRow | null> {
  const [row] = await ex.select().from(syncState).where(eq(syncState.orgId, orgId));
  return row ?? null;
}

export async function listSync(ex: Executor, orgIds: number[]): Promise<SyncRow[]> {
  if (orgIds.length === 0) return [];
  return ex.select().from(syncState).where(sql`${syncState.orgId} = any(${idArray(orgIds)})`);
}

/** Of `orgIds`, those without a sync on `day` (usually none: the daily job has run). */
export async function notSyncedOn(ex: Executor, orgIds: number[], day: string): Promise<number[]> {
  const rows = await queryRows<{ id: unknown }>(
    ex,
    sql`select u.id from unnest(${idArray(orgIds)}) as u(id) where not exists (select 1 from ${syncState} s where s.org_id = u.id and s.synced_on = ${day})`,
  );
  return rows.map((r) => Number(r.id));
}

export async function saveSync(ex: Executor, values: typeof syncState.$inferInsert): Promise<void> {
  await ex
    .insert(syncState)
    .values(values)
    .onConflictDoUpdate({ target: syncState.orgId, set: { catalogId: values.catalogId, syncedOn: values.syncedOn, syncedAt: values.syncedAt } });
}

// ---- global state ----

export async function getState(ex: Executor, key: string): Promise<string | null> {
  const [row] = await ex.select().from(state).where(eq(state.key, key));
  return row?.value ?? null;
}

export async function setState(ex: Executor, key: string, value: string): Promise<void> {
  await ex.insert(state).values({ key, value }).onConflictDoUpdate({ target: state.key, set: { value } });
}

/**
 * One sync of a community at a time (the daily job and a dashboard view can start one together):
 * the second waits and then reads what the first wrote, so a moved due date is noted once.
 */
export async function lockSync(ex: Executor, orgId: number): Promise<void> {
  await ex.execute(sql`select pg_advisory_xact_lock(7411006, ${orgId})`);
}

/** Serialises recomputations across instances for the rest of the caller's transaction. */
export async function lockRecompute(ex: Executor): Promise<void> {
  await ex.execute(sql`select pg_advisory_xact_lock(7411004)`);
}
