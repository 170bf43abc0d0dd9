import { and, asc, desc, eq, inArray, isNull, lte, ne, or, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { deliveries, playlists, proofs, screenPlays, screens, staffGroups, subscriptions, webhooks } from './schema.ts';

export type ScreenRow = typeof screens.$inferSelect;
export type PlaylistRow = typeof playlists.$inferSelect;
export type WebhookRow = typeof webhooks.$inferSelect;
export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = typeof deliveries.$inferInsert;
export type ProofRow = typeof proofs.$inferSelect;
export type PlayRow = typeof screenPlays.$inferSelect;
export type StaffGroupRow = typeof staffGroups.$inferSelect;
export type NewPlay = typeof screenPlays.$inferInsert & { plays: number; seconds: number; firstShownAt: Date; lastShownAt: Date };

// ---- screens and playlists ----

export async function insertScreen(ex: Executor, values: typeof screens.$inferInsert): Promise<ScreenRow> {
  const [row] = await ex.insert(screens).values(values).returning();
  return row!;
}

export async function listScreens(ex: Executor, orgId: number): Promise<ScreenRow[]> {
  return ex.select().from(screens).where(eq(screens.orgId, orgId)).orderBy(asc(screens.id));
}

export async function findScreen(ex: Executor, id: number): Promise<ScreenRow | null> {
  const [row] = await ex.select().from(screens).where(eq(screens.id, id));
  return row ?? null;
}

export async function findScreenByTokenHash(ex: Executor, tokenHash: string): Promise<ScreenRow | null> {
  const [row] = await ex.select().from(screens).where(and(eq(screens.tokenHash, tokenHash), isNull(screens.revokedAt)));
  return row ?? null;
}

export async function updateScreen(ex: Executor, id: number, values: Partial<typeof screens.$inferInsert>): Promise<void> {
  await ex.update(screens).set(values).where(eq(screens.id, id));
}

export async function findPlaylist(ex: Executor, orgId: number): Promise<PlaylistRow | null> {
  const [row] = await ex.select().from(playlists).where(eq(playlists.orgId, orgId));
  return row ?? null;
}

export async function savePlaylist(ex: Executor, values: typeof playlists.$inferInsert): Promise<void> {
  const { orgId: _orgId, ...rest } = values;
  await ex.insert(playlists).values(values).onConflictDoUpdate({ target: playlists.orgId, set: rest });
}

/** Adds plays to the day's row of each screen and record version. */
export async function addPlays(ex: Executor, rows: NewPlay[]): Promise<void> {
  if (rows.length === 0) return;
  await ex
    .insert(screenPlays)
    .values(rows)
    .onConflictDoUpdate({
      target: [screenPlays.screenId, screenPlays.recordId, screenPlays.version, screenPlays.day],
      set: {
        plays: sql`${screenPlays.plays} + excluded.plays`,
        seconds: sql`${screenPlays.seconds} + excluded.seconds`,
        firstShownAt: sql`least(${screenPlays.firstShownAt}, excluded.first_shown_at)`,
        lastShownAt: sql`greatest(${screenPlays.lastShownAt}, excluded.last_shown_at)`,
      },
    });
}

export async function playsOfRecords(ex: Executor, recordIds: string[]): Promise<PlayRow[]> {
  if (recordIds.length === 0) return [];
  return ex.select().from(screenPlays).where(inArray(screenPlays.recordId, recordIds)).orderBy(asc(screenPlays.day));
}

export async function recentPlays(ex: Executor, orgId: number, limit: number): Promise<PlayRow[]> {
  return ex.select().from(screenPlays).where(eq(screenPlays.orgId, orgId)).orderBy(desc(screenPlays.lastShownAt)).limit(limit);
}

// ---- the staff group robot (one per community) ----

export async function findStaffGroup(ex: Executor, orgId: number): Promise<StaffGroupRow | null> {
  const [row] = await ex.select().from(staffGroups).where(eq(staffGroups.orgId, orgId));
  return row ?? null;
}

export async function saveStaffGroup(ex: Executor, values: typeof staffGroups.$inferInsert): Promise<void> {
  const { orgId: _key, ...set } = values;
  await ex.insert(staffGroups).values(values).onConflictDoUpdate({ target: staffGroups.orgId, set });
}

export async function deleteStaffGroup(ex: Executor, orgId: number): Promise<boolean> {
  return (await ex.delete(staffGroups).where(eq(staffGroups.orgId, orgId)).returning({ orgId: staffGroups.orgId })).length > 0;
}

// ---- webhooks ----

export async function insertWebhook(ex: Executor, values: typeof webhooks.$inferInsert): Promise<WebhookRow> {
  const [row] = await ex.insert(webhooks).values(values).returning();
  return row!;
}

export async function updateWebhook(ex: Executor, id: number, values: Partial<typeof webhooks.$inferInsert>): Promise<void> {
  await ex.update(webhooks).set(values).where(eq(webhooks.id, id));
}

export async function findWebhook(ex: Executor, id: number): Promise<WebhookRow | null> {
  const [row] = await ex.select().from(webhooks).where(eq(webhooks.id, id));
  return row ?? null;
}

export async function listWebhooks(ex: Executor, orgId: number): Promise<WebhookRow[]> {
  return ex.select().from(webhooks).where(eq(webhooks.orgId, orgId)).orderBy(asc(webhooks.id));
}

export async function listWebhooksByIds(ex: Executor, ids: number[]): Promise<WebhookRow[]> {
  if (ids.length === 0) return [];
  return ex.select().from(webhooks).where(inArray(webhooks.id, ids));
}

// ---- subscriptions ----

/**
 * A pending subscription, new or replacing one not yet confirmed (or ended). An active one is left
 * as it is and null comes back: a second sign-up racing the mail's confirmation must not turn a
 * confirmed subscription pending again and change the token its unsubscribe links carry.
 */
export async function upsertSubscription(ex: Executor, values: typeof subscriptions.$inferInsert): Promise<SubscriptionRow | null> {
  const [row] = await ex
    .insert(subscriptions)
    .values(values)
    .onConflictDoUpdate({
      target: [subscriptions.orgId, subscriptions.channel, subscriptions.address],
      set: { itemKeys: values.itemKeys, userId: values.userId, token: values.token, status: values.status, createdAt: values.createdAt, confirmedAt: values.confirmedAt ?? null, unsubscribedAt: null },
      setWhere: ne(subscriptions.status, 'active'),
    })
    .returning();
  return row ?? null;
}

export async function findSubscriptionByToken(ex: Executor, token: string): Promise<SubscriptionRow | null> {
  const [row] = await ex.select().from(subscriptions).where(eq(subscriptions.token, token));
  return row ?? null;
}

export async function findSubscription(ex: Executor, id: number): Promise<SubscriptionRow | null> {
  const [row] = await ex.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row ?? null;
}

/** Moves a subscription on from one of `from` only (false when another request moved it first). */
export async function updateSubscription(ex: Executor, id: number, from: string[], values: Partial<typeof subscriptions.$inferInsert>): Promise<boolean> {
  const rows = await ex
    .update(subscriptions)
    .set(values)
    .where(and(eq(subscriptions.id, id), inArray(subscriptions.status, from)))
    .returning({ id: subscriptions.id });
  return rows.length > 0;
}

export async function listSubscriptions(ex: Executor, orgId: number, status?: string): Promise<SubscriptionRow[]> {
  return ex
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, orgId), status ? eq(subscriptions.status, status) : undefined))
    .orderBy(asc(subscriptions.id));
}

export async function listSubscriptionsOfUser(ex: Executor, userId: number): Promise<SubscriptionRow[]> {
  return ex.select().from(subscriptions).where(eq(subscriptions.userId, userId)).orderBy(asc(subscriptions.id));
}

export async function listSubscriptionsByIds(ex: Executor, ids: number[]): Promise<SubscriptionRow[]> {
  if (ids.length === 0) return [];
  return ex.select().from(subscriptions).where(inArray(subscriptions.id, ids));
}

/** Communities with somewhere to push to: an enabled webhook or an active subscription. */
export async function orgsWithPushTargets(ex: Executor): Promise<number[]> {
  const hooks = await ex.selectDistinct({ orgId: webhooks.orgId }).from(webhooks).where(eq(webhooks.enabled, true));
  const subs = await ex.selectDistinct({ orgId: subscriptions.orgId }).from(subscriptions).where(eq(subscriptions.status, 'active'));
  return [...new Set([...hooks, ...subs].map((r) => r.orgId))];
}

// ---- deliveries ----

/** New deliveries; one per target and record version, so a repeated dispatch adds nothing. */
export async function insertDeliveries(ex: Executor, rows: NewDelivery[]): Promise<DeliveryRow[]> {
  if (rows.length === 0) return [];
  return ex.insert(deliveries).values(rows).onConflictDoNothing().returning();
}

/** Claims due deliveries for one worker until `leaseUntil`; other instances skip the locked rows. */
export async function claimDue(ex: Executor, now: Date, leaseUntil: Date, limit: number, ids?: number[]): Promise<DeliveryRow[]> {
  const due = ex
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.status, 'pending'),
        lte(deliveries.nextAttemptAt, now),
        or(isNull(deliveries.claimedUntil), lt(deliveries.claimedUntil, now)),
        ids ? inArray(deliveries.id, ids.length > 0 ? ids : [-1]) : undefined,
      ),
    )
    .orderBy(asc(deliveries.nextAttemptAt), asc(deliveries.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  return ex.update(deliveries).set({ claimedUntil: leaseUntil }).where(inArray(deliveries.id, due)).returning();
}

export async function updateDelivery(ex: Executor, id: number, values: Partial<NewDelivery>): Promise<void> {
  await ex.update(deliveries).set(values).where(eq(deliveries.id, id));
}

export async function listDeliveries(ex: Executor, filter: { orgId: number; targetKind?: string; targetId?: number; recordIds?: string[]; limit: number }): Promise<DeliveryRow[]> {
  return ex
    .select()
    .from(deliveries)
    .where(
      and(
        eq(deliveries.orgId, filter.orgId),
        filter.targetKind ? eq(deliveries.targetKind, filter.targetKind) : undefined,
        filter.targetId !== undefined ? eq(deliveries.targetId, filter.targetId) : undefined,
        filter.recordIds ? inArray(deliveries.recordId, filter.recordIds.length > 0 ? filter.recordIds : ['']) : undefined,
      ),
    )
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(filter.limit);
}

export async function sentDeliveriesOf(ex: Executor, recordIds: string[]): Promise<DeliveryRow[]> {
  if (recordIds.length === 0) return [];
  return ex.select().from(deliveries).where(and(inArray(deliveries.recordId, recordIds), eq(deliveries.status, 'sent')));
}

// ---- proofs ----

export async function insertProof(ex: Executor, values: typeof proofs.$inferInsert): Promise<ProofRow> {
  const [row] = await ex.insert(proofs).values(values).returning();
  return row!;
}

export async function findProof(ex: Executor, id: number): Promise<ProofRow | null> {
  const [row] = await ex.select().from(proofs).where(eq(proofs.id, id));
  return row ?? null;
}

export async function proofsOf(ex: Executor, recordIds: string[]): Promise<ProofRow[]> {
  if (recordIds.length === 0) return [];
  return ex.select().from(proofs).where(inArray(proofs.recordId, recordIds)).orderBy(asc(proofs.postedAt));
}
