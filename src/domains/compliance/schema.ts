import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { CaseDutyKind, DueBasis, DueState, DueTrace, ObligationKind, OrderReason, OrderStatus } from './types.ts';

/**
 * 应公开义务: one community × catalog item × period or event. The due date is materialised from
 * the item's rules (`basis`, a snapshot) and the working-day calendar; `computed_from` is the
 * fingerprint of what it was computed from, so a corrected calendar or rule recomputes it and
 * the move is recorded in compliance_due_changes with its reason.
 */
export const obligations = pgTable(
  'compliance_obligations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    itemKey: text('item_key').notNull(),
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    itemName: text('item_name').notNull(),
    itemSeq: integer('item_seq').notNull(),
    kind: text('kind').$type<ObligationKind>().notNull(),
    /** 'standing', 'period:2026-Q3' or 'event:<event id>': one obligation per key and item. */
    naturalKey: text('natural_key').notNull(),
    eventId: bigint('event_id', { mode: 'number' }),
    periodKey: text('period_key'),
    /** The trigger date (event), the period's first day (periodic) or the adoption date (standing). */
    anchorOn: date('anchor_on').notNull(),
    basis: jsonb('basis').$type<DueBasis>().notNull(),
    dueState: text('due_state').$type<DueState>().notNull(),
    dueOn: date('due_on'),
    /** due_on, or anchor_on while there is no due date: what month filters and sorting use. */
    refOn: date('ref_on').notNull(),
    explanation: text('explanation').notNull(),
    trace: jsonb('trace').$type<DueTrace>(),
    calendarVersion: integer('calendar_version').notNull(),
    computedFrom: text('computed_from').notNull(),
    movedNote: text('moved_note'),
    movedAt: timestamp('moved_at', { withTimezone: true, mode: 'date' }),
    fulfilledRecordId: text('fulfilled_record_id'),
    fulfilledOn: date('fulfilled_on'),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true, mode: 'date' }),
    publicityEndsOn: date('publicity_ends_on'),
    reopenedNote: text('reopened_note'),
    waivedAt: timestamp('waived_at', { withTimezone: true, mode: 'date' }),
    waivedBy: text('waived_by'),
    waiverReason: text('waiver_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('compliance_obligations_key_uq').on(t.orgId, t.itemKey, t.naturalKey),
    index('compliance_obligations_org_ref_idx').on(t.orgId, t.refOn),
    index('compliance_obligations_district_idx').on(t.districtCode, t.calendarVersion),
    // Open obligations are counted live (their status moves with “today”); this keeps that count
    // an index-only read. Closed ones are counted in compliance_tallies.
    index('compliance_obligations_open_idx')
      .on(t.orgId, t.refOn, t.dueOn, t.itemKey, t.itemSeq, t.itemName)
      .where(sql`fulfilled_on is null and waived_at is null`),
  ],
);

/**
 * Closed obligations (published on time, late, waived) counted per community × period × item,
 * kept by a trigger on compliance_obligations in the same statement (migration 0018), so the
 * dashboards read a few rows per community instead of every obligation. `period` is 'YYYY' or
 * 'YYYY-MM' of ref_on; `item_key` '' counts all items. Rows may hold zeros.
 */
export const tallies = pgTable(
  'compliance_tallies',
  {
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    period: text('period').notNull(),
    itemKey: text('item_key').notNull(),
    /** The item's name and order as the matrix heads its column (max/min over its obligations). */
    itemName: text('item_name').notNull(),
    itemSeq: integer('item_seq').notNull(),
    onTime: integer('done_on_time').notNull(),
    late: integer('done_late').notNull(),
    waived: integer('waived').notNull(),
  },
  // By community, the counts in the index: a dashboard reads its communities' rows of one grain
  // (all items, or per item) without visiting the table; a district's roll-up by month is twelve
  // entries of each of a thousand communities, read from the index only (56 → 35 ms on the
  // generated province, measured on a loaded machine).
  (t) => [
    primaryKey({ columns: [t.period, t.itemKey, t.orgId] }),
    index('compliance_tallies_org_idx').on(t.orgId, t.itemKey, t.period, t.onTime, t.late, t.waived),
  ],
);

/** Every due-date move with its reason (calendar corrected, rule changed, days set). */
export const dueChanges = pgTable(
  'compliance_due_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    obligationId: bigint('obligation_id', { mode: 'number' }).notNull(),
    fromDue: date('from_due'),
    toDue: date('to_due'),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('compliance_due_changes_obligation_idx').on(t.obligationId)],
);

/** “信息形成/变更/获取” registered by an editor; each starts an event obligation. */
export const events = pgTable(
  'compliance_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    itemKey: text('item_key').notNull(),
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on').notNull(),
    note: text('note').notNull(),
    registeredBy: text('registered_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('compliance_events_org_idx').on(t.orgId, t.itemKey)],
);

/** What the record domain told us was published, corrected or withdrawn (no join to its tables). */
export const disclosures = pgTable(
  'compliance_disclosures',
  {
    recordId: text('record_id').primaryKey(),
    districtCode: text('district_code').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    itemKey: text('item_key').notNull(),
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    obligationId: bigint('obligation_id', { mode: 'number' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
    publishedOn: date('published_on').notNull(),
    publicityEndsOn: date('publicity_ends_on'),
    versions: integer('versions').notNull().default(1),
    correctedAt: timestamp('corrected_at', { withTimezone: true, mode: 'date' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('compliance_disclosures_org_item_idx').on(t.orgId, t.itemKey)],
);

/**
 * 督办: a street or district order to fix an overdue or wrong disclosure, with its own deadline.
 * Its subject is an obligation or (case_id) a resident's 查询/疑义 left unanswered or disputed:
 * exactly one of the two is set, and a case is ordered at most once.
 */
export const orders = pgTable(
  'compliance_orders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    /** The community's path in the org tree, so a subtree's orders are one prefix match. */
    orgPath: text('org_path').notNull(),
    obligationId: bigint('obligation_id', { mode: 'number' }),
    caseId: bigint('case_id', { mode: 'number' }),
    /** What the order is about when it is a case (the obligation carries its own item name). */
    caseTitle: text('case_title'),
    reasonKind: text('reason_kind').$type<OrderReason>().notNull(),
    instructions: text('instructions').notNull(),
    workdays: integer('workdays').notNull(),
    dueOn: date('due_on'),
    dueExplanation: text('due_explanation').notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    /** Null when the daily job issued it on the street's behalf (a case past its date). */
    issuedById: bigint('issued_by_id', { mode: 'number' }),
    issuedByName: text('issued_by_name').notNull(),
    issuerOrgName: text('issuer_org_name').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    response: text('response'),
    respondedBy: text('responded_by'),
    respondedAt: timestamp('responded_at', { withTimezone: true, mode: 'date' }),
    closingNote: text('closing_note'),
    closedBy: text('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('compliance_orders_path_idx').on(t.orgPath.op('text_pattern_ops')),
    index('compliance_orders_obligation_idx').on(t.obligationId),
    uniqueIndex('compliance_orders_case_uq').on(t.caseId),
    check('compliance_orders_one_subject', sql`(${t.obligationId} is null) <> (${t.caseId} is null)`),
  ],
);

/**
 * What compliance counts of a resident's 依申请公开 request, 查询 or 疑义 (told by the request
 * domain whenever the case changes; no join to its tables): when the answer was due, when it
 * came. Late answers and open cases past their date count in the organisation's figures.
 */
export const caseDuties = pgTable(
  'compliance_case_duties',
  {
    caseId: bigint('case_id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').$type<CaseDutyKind>().notNull(),
    title: text('title').notNull(),
    receivedOn: date('received_on').notNull(),
    dueOn: date('due_on'),
    /** due_on, or received_on while there is no date: what the period filter reads. */
    refOn: date('ref_on').notNull(),
    answeredOn: date('answered_on'),
    /** A request ended without an answer being owed (逾期不补正): counts nowhere. */
    dropped: boolean('dropped').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('compliance_case_duties_path_idx').on(t.orgPath.op('text_pattern_ops'), t.refOn)],
);

/** The in-app notification list of a staff member. */
export const notifications = pgTable(
  'compliance_notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
    /**
     * The e-mail copy, sent after the commit by the job (notice-delivery): 'none' for notices
     * whose e-mail goes out another way (the digest) or nowhere; 'pending' until tried.
     */
    emailState: text('email_state').$type<DeliveryState>().notNull().default('none'),
    emailAttempts: integer('email_attempts').notNull().default(0),
    emailNextAt: timestamp('email_next_at', { withTimezone: true, mode: 'date' }),
    emailDetail: text('email_detail'),
  },
  (t) => [
    index('compliance_notifications_user_idx').on(t.userId, t.createdAt),
    index('compliance_notifications_email_idx').on(t.emailNextAt).where(sql`email_state = 'pending'`),
  ],
);

export type DeliveryState = 'none' | 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * One message per step to a community's staff group (WeCom, DingTalk, Feishu), written in the
 * step's transaction; the channel domain, which keeps the group's webhook, sends it after commit.
 */
export const groupNotices = pgTable(
  'compliance_group_notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    link: text('link'),
    state: text('state').$type<DeliveryState>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    detail: text('detail'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('compliance_group_notices_due_idx').on(t.nextAttemptAt).where(sql`state = 'pending'`)],
);

/**
 * One row per reminder ever decided ('digest:<user>:<day>', 'escalation:<obligation>:<level>'):
 * the primary key is what makes a restart, a second instance or a rerun send nothing twice.
 */
export const reminders = pgTable(
  'compliance_reminders',
  {
    key: text('key').primaryKey(),
    districtCode: text('district_code').notNull(),
    kind: text('kind').$type<'digest' | 'escalation'>().notNull(),
    userId: bigint('user_id', { mode: 'number' }),
    obligationId: bigint('obligation_id', { mode: 'number' }),
    day: date('day').notNull(),
    emailStatus: text('email_status').$type<'none' | 'sending' | 'sent' | 'failed'>().notNull(),
    emailTo: text('email_to'),
    emailError: text('email_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('compliance_reminders_day_idx').on(t.day)],
);

/** Where a staff member wants reminder emails (the org domain keeps no addresses). */
export const contacts = pgTable('compliance_contacts', {
  userId: bigint('user_id', { mode: 'number' }).primaryKey(),
  districtCode: text('district_code').notNull(),
  email: text('email'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Per community: when it adopted a catalog (periods before that are not demanded) and its last sync. */
export const syncState = pgTable('compliance_sync', {
  orgId: bigint('org_id', { mode: 'number' }).primaryKey(),
  districtCode: text('district_code').notNull(),
  adoptedOn: date('adopted_on').notNull(),
  catalogId: bigint('catalog_id', { mode: 'number' }).notNull(),
  syncedOn: date('synced_on').notNull(),
  syncedAt: timestamp('synced_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Small global facts, e.g. the calendar version every due date was last computed with. */
export const state = pgTable('compliance_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Per district ('' for the calendar every district shares), a counter that moves with every
 * statement changing what the dashboards count: obligations, 督办, residents' cases, syncs,
 * organisations, calendar entries. Kept by statement triggers (migration 0022), so no write path
 * can forget it; dashboards key what they keep in memory on it (dashboardCache.ts).
 */
export const versions = pgTable('compliance_versions', {
  districtCode: text('district_code').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});
