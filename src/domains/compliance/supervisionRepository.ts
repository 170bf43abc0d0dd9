import { and, asc, desc, eq, inArray, isNull, like, lte, ne, sql } from 'drizzle-orm';
import { idArray, type Executor } from '../../platform/db.ts';
import { contacts, groupNotices, notifications, orders, reminders } from './schema.ts';
import type { OrderStatus } from './types.ts';

/* All SQL of 督办 orders, in-app notifications, reminder keys and reminder e-mail addresses. */

export type OrderRow = typeof orders.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;

// ---- orders ----

export async function insertOrder(ex: Executor, values: typeof orders.$inferInsert): Promise<OrderRow> {
  const [row] = await ex.insert(orders).values(values).returning();
  return row!;
}

export async function findOrder(ex: Executor, id: number): Promise<OrderRow | null> {
  const [row] = await ex.select().from(orders).where(eq(orders.id, id));
  return row ?? null;
}

export async function lockOrder(ex: Executor, id: number): Promise<OrderRow | null> {
  const [row] = await ex.select().from(orders).where(eq(orders.id, id)).for('update');
  return row ?? null;
}

export async function updateOrder(ex: Executor, id: number, values: Partial<typeof orders.$inferInsert>): Promise<void> {
  await ex.update(orders).set(values).where(eq(orders.id, id));
}

/** Orders of every community under `path` (a subtree), newest first. */
export async function listOrdersUnder(ex: Executor, path: string, status?: OrderStatus): Promise<OrderRow[]> {
  return ex
    .select()
    .from(orders)
    .where(and(like(orders.orgPath, `${path}%`), status ? eq(orders.status, status) : undefined))
    .orderBy(desc(orders.issuedAt), desc(orders.id));
}

export async function listOrdersOfObligation(ex: Executor, obligationId: number): Promise<OrderRow[]> {
  return ex.select().from(orders).where(eq(orders.obligationId, obligationId)).orderBy(desc(orders.id));
}

/**
 * Orders waiting on someone, oldest first, with the full count: a community's open ones (its
 * editors must answer), or under an admin's subtree those answered (to review) or open past
 * their deadline (to chase).
 */
export async function ordersWaiting(ex: Executor, scope: { orgId: number } | { path: string; today: string }, limit: number) {
  const where =
    'orgId' in scope
      ? and(eq(orders.orgId, scope.orgId), eq(orders.status, 'open'))
      : and(like(orders.orgPath, `${scope.path}%`), sql`(${orders.status} = 'answered' or (${orders.status} = 'open' and ${orders.dueOn} < ${scope.today}))`);
  const rows = await ex
    .select({ order: orders, total: sql<number>`count(*) over ()` })
    .from(orders)
    .where(where)
    .orderBy(asc(orders.dueOn), asc(orders.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.order, total: Number(r.total) }));
}

export async function findOrderOfCase(ex: Executor, caseId: number): Promise<OrderRow | null> {
  const [row] = await ex.select().from(orders).where(eq(orders.caseId, caseId));
  return row ?? null;
}

/** Unfinished orders per community, for the dashboards. */
export async function countUnfinishedOrders(ex: Executor, orgIds: number[]): Promise<Map<number, number>> {
  if (orgIds.length === 0) return new Map();
  const rows = await ex
    .select({ orgId: orders.orgId, n: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(sql`${orders.orgId} = any(${idArray(orgIds)})`, ne(orders.status, 'closed')))
    .groupBy(orders.orgId);
  return new Map(rows.map((r) => [r.orgId, Number(r.n)]));
}

// ---- notifications ----

export async function insertNotifications(ex: Executor, rows: (typeof notifications.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await ex.insert(notifications).values(rows);
}

export async function listNotifications(ex: Executor, userId: number, limit = 100): Promise<NotificationRow[]> {
  return ex.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
}

export async function markAllRead(ex: Executor, userId: number, at: Date): Promise<void> {
  await ex.update(notifications).set({ readAt: at }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/** Claims pending e-mail copies due now: each is leased until `lease` so no other instance sends it too. */
export async function claimPendingEmails(ex: Executor, now: Date, lease: Date, limit: number): Promise<NotificationRow[]> {
  const rows = await ex
    .select()
    .from(notifications)
    .where(and(eq(notifications.emailState, 'pending'), lte(notifications.emailNextAt, now)))
    .orderBy(asc(notifications.emailNextAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (rows.length > 0) await ex.update(notifications).set({ emailNextAt: lease }).where(inArray(notifications.id, rows.map((r) => r.id)));
  return rows;
}

export async function settleEmail(ex: Executor, id: number, values: Pick<typeof notifications.$inferInsert, 'emailState' | 'emailAttempts' | 'emailNextAt' | 'emailDetail'>): Promise<void> {
  await ex.update(notifications).set(values).where(eq(notifications.id, id));
}

// ---- staff group messages ----

export type GroupNoticeRow = typeof groupNotices.$inferSelect;

export async function insertGroupNotice(ex: Executor, values: typeof groupNotices.$inferInsert): Promise<void> {
  await ex.insert(groupNotices).values(values);
}

/** Claims pending staff group messages due now, leased like the e-mail copies. */
export async function claimGroupNotices(ex: Executor, now: Date, lease: Date, limit: number): Promise<GroupNoticeRow[]> {
  const rows = await ex
    .select()
    .from(groupNotices)
    .where(and(eq(groupNotices.state, 'pending'), lte(groupNotices.nextAttemptAt, now)))
    .orderBy(asc(groupNotices.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (rows.length > 0) await ex.update(groupNotices).set({ nextAttemptAt: lease }).where(inArray(groupNotices.id, rows.map((r) => r.id)));
  return rows;
}

export async function settleGroupNotice(ex: Executor, id: number, values: Partial<typeof groupNotices.$inferInsert>): Promise<void> {
  await ex.update(groupNotices).set(values).where(eq(groupNotices.id, id));
}

export async function listGroupNotices(ex: Executor, orgId: number, limit = 20): Promise<GroupNoticeRow[]> {
  return ex.select().from(groupNotices).where(eq(groupNotices.orgId, orgId)).orderBy(desc(groupNotices.id)).limit(limit);
}

// ---- reminder keys ----

/** Claims a reminder key; false when it was claimed before (by this or any earlier run). */
export async function claimReminder(ex: Executor, values: typeof reminders.$inferInsert): Promise<boolean> {
  return (await claimReminders(ex, [values])).size > 0;
}

/** Claims reminder keys in one statement; those claimed now (not before, by any run). */
export async function claimReminders(ex: Executor, values: (typeof reminders.$inferInsert)[]): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const rows = await ex.insert(reminders).values(values).onConflictDoNothing().returning({ key: reminders.key });
  return new Set(rows.map((r) => r.key));
}

/** Which of these keys were claimed already; one parameter however many keys (a district's). */
export async function takenReminderKeys(ex: Executor, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await ex
    .select({ key: reminders.key })
    .from(reminders)
    .where(sql`${reminders.key} in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`);
  return new Set(rows.map((r) => r.key));
}

export async function setReminderEmail(ex: Executor, key: string, values: Pick<typeof reminders.$inferInsert, 'emailStatus' | 'emailError'>): Promise<void> {
  await ex.update(reminders).set(values).where(eq(reminders.key, key));
}

// ---- contacts ----

export async function findContact(ex: Executor, userId: number): Promise<string | null> {
  const [row] = await ex.select({ email: contacts.email }).from(contacts).where(eq(contacts.userId, userId));
  return row?.email ?? null;
}

export async function contactsOf(ex: Executor, userIds: number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await ex.select().from(contacts).where(inArray(contacts.userId, userIds));
  return new Map(rows.filter((r) => r.email).map((r) => [r.userId, r.email!]));
}

export async function saveContact(ex: Executor, values: typeof contacts.$inferInsert): Promise<void> {
  await ex.insert(contacts).values(values).onConflictDoUpdate({ target: contacts.userId, set: { email: values.email, updatedAt: values.updatedAt } });
}
