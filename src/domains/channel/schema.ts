import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { PlaylistEntry, TimeWindow } from './screen/playlist.ts';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** An electronic screen of a community; it reports plays with a token only its hash is kept of. */
export const screens = pgTable(
  'channel_screens',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    districtCode: text('district_code').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** Last 4 characters of the token, so staff can tell screens' keys apart. */
    tokenHint: text('token_hint').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: at('created_at').notNull(),
    lastSeenAt: at('last_seen_at'),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('channel_screens_token_uq').on(t.tokenHash), index('channel_screens_org_idx').on(t.orgId)],
);

/**
 * What a community's screens play: items, seconds per page, daily windows. Items the catalog puts
 * on the screen play unless listed in `excluded`, so new items and records need no change here.
 */
export const playlists = pgTable('channel_playlists', {
  orgId: bigint('org_id', { mode: 'number' }).primaryKey(),
  districtCode: text('district_code').notNull(),
  entries: jsonb('entries').$type<PlaylistEntry[]>().notNull(),
  excluded: jsonb('excluded').$type<string[]>().notNull().default([]),
  defaultSeconds: integer('default_seconds').notNull(),
  onHours: jsonb('on_hours').$type<TimeWindow[]>().notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** The play log, one row per screen, record version and Beijing day: proof of display. */
export const screenPlays = pgTable(
  'channel_screen_plays',
  {
    screenId: bigint('screen_id', { mode: 'number' }).notNull(),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    day: date('day').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    districtCode: text('district_code').notNull(),
    firstShownAt: at('first_shown_at').notNull(),
    lastShownAt: at('last_shown_at').notNull(),
    plays: integer('plays').notNull(),
    seconds: integer('seconds').notNull(),
  },
  (t) => [primaryKey({ columns: [t.screenId, t.recordId, t.version, t.day] }), index('channel_screen_plays_record_idx').on(t.recordId)],
);

/** A chat robot or JSON endpoint of a community. The secret and the address are never shown back in full. */
export const webhooks = pgTable(
  'channel_webhooks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    districtCode: text('district_code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    format: text('format').notNull(),
    url: text('url').notNull(),
    secret: text('secret'),
    /** The catalog channel a successful delivery is evidence for (e.g. 微信群). */
    countsAs: text('counts_as'),
    enabled: boolean('enabled').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('channel_webhooks_org_idx').on(t.orgId)],
);

/**
 * A community's staff group robot (WeCom, DingTalk, Feishu): review steps and 督办 are told there.
 * Kept apart from `webhooks`, which carry published records to residents' groups.
 */
export const staffGroups = pgTable('channel_staff_groups', {
  orgId: bigint('org_id', { mode: 'number' }).primaryKey(),
  districtCode: text('district_code').notNull(),
  kind: text('kind').notNull(),
  format: text('format').notNull(),
  url: text('url').notNull(),
  secret: text('secret'),
  createdBy: text('created_by').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** A resident's e-mail (or, later, SMS) subscription to a community or some of its items. */
export const subscriptions = pgTable(
  'channel_subscriptions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    districtCode: text('district_code').notNull(),
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    /** Empty: every item. */
    itemKeys: jsonb('item_keys').$type<string[]>().notNull(),
    /** A signed-in resident's account: only then do 特定群体 records reach this subscription. */
    userId: bigint('user_id', { mode: 'number' }),
    token: text('token').notNull(),
    status: text('status').notNull(),
    createdAt: at('created_at').notNull(),
    confirmedAt: at('confirmed_at'),
    unsubscribedAt: at('unsubscribed_at'),
  },
  (t) => [uniqueIndex('channel_subscriptions_address_uq').on(t.orgId, t.channel, t.address), uniqueIndex('channel_subscriptions_token_uq').on(t.token)],
);

/** Every push of a record version to one target (webhook or subscription), with its attempts: the delivery log. */
export const deliveries = pgTable(
  'channel_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    districtCode: text('district_code').notNull(),
    targetKind: text('target_kind').notNull(),
    targetId: bigint('target_id', { mode: 'number' }).notNull(),
    recordId: text('record_id').notNull(),
    recordVersion: integer('record_version').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull(),
    nextAttemptAt: at('next_attempt_at'),
    claimedUntil: at('claimed_until'),
    lastAttemptAt: at('last_attempt_at'),
    deliveredAt: at('delivered_at'),
    responseStatus: integer('response_status'),
    detail: text('detail'),
    response: text('response'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('channel_deliveries_once_uq').on(t.targetKind, t.targetId, t.recordId, t.recordVersion),
    index('channel_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('channel_deliveries_record_idx').on(t.recordId),
  ],
);

/** Proof of posting entered by staff: a photo of the paper board, a link, a note. */
export const proofs = pgTable(
  'channel_proofs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    districtCode: text('district_code').notNull(),
    recordId: text('record_id').notNull(),
    channel: text('channel').notNull(),
    postedAt: at('posted_at').notNull(),
    postedBy: text('posted_by').notNull(),
    postedById: bigint('posted_by_id', { mode: 'number' }),
    note: text('note').notNull(),
    photoSha256: text('photo_sha256'),
    photoMime: text('photo_mime'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('channel_proofs_record_idx').on(t.recordId)],
);
