import { type AnyPgColumn, bigint, bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

import type { OrgKind, Role } from '../../platform/principal.ts';

export { ORG_KINDS, ROLES, type OrgKind, type Role } from '../../platform/principal.ts';

/**
 * district → street/township → community/village. `path` is the chain of codes ("/220202/220202001/")
 * so a subtree is one prefix match; `district_code` keys every growing table by district so the
 * data can later be distributed by district (DESIGN §4).
 */
export const organisations = pgTable(
  'organisations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<OrgKind>().notNull(),
    parentId: bigint('parent_id', { mode: 'number' }).references((): AnyPgColumn => organisations.id),
    path: text('path').notNull(),
    districtCode: text('district_code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    /**
     * The organisation's own public numbers (监督电话, 服务热线), as an admin listed them: the only
     * numbers a public page shows unmasked where a personal number would be masked (record/privacy).
     */
    publicPhones: jsonb('public_phones').$type<string[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('organisations_code_uq').on(t.code), index('organisations_path_idx').on(t.path.op('text_pattern_ops')), index('organisations_parent_idx').on(t.parentId)],
);

export const users = pgTable(
  'users',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<Role>().notNull(),
    orgId: bigint('org_id', { mode: 'number' })
      .notNull()
      .references(() => organisations.id),
    districtCode: text('district_code').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), index('users_org_idx').on(t.orgId)],
);

/** Only the SHA-256 of the session token is stored, so a database leak yields no usable cookie. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * The content version of each organisation's public pages (see publicVersions.ts). `tree` moves
 * when anything public in the subtree changes (a publish in a community moves its street's and
 * district's rows too); `down` moves when something every page below depends on changes (a
 * catalog or a name). The row '/' stands for the whole installation (the home page).
 */
export const publicVersions = pgTable('public_versions', {
  orgPath: text('org_path').primaryKey(),
  tree: bigint('tree', { mode: 'number' }).notNull().default(0),
  down: bigint('down', { mode: 'number' }).notNull().default(0),
});

/**
 * Publications scheduled for later (定时发布): one row per path of the community's lineage, at
 * the moment it goes live. Each row whose moment has passed adds one to that path's version key,
 * so a page rendered before a scheduled publication goes stale exactly when it goes live, without
 * a write and without pages aging out by the minute. The hourly job folds passed rows into `tree`
 * (the key stays the same, the rows go).
 */
export const publicSchedule = pgTable(
  'public_schedule',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgPath: text('org_path').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('public_schedule_path_at_idx').on(t.orgPath, t.at)],
);
