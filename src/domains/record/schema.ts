import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { RecordTable } from './types.ts';

export type VersionStatus = 'draft' | 'submitted' | 'returned' | 'published' | 'superseded';

interface PrivacyOverride {
  byId: number;
  byName: string;
  reason: string;
  at: string;
  /** Fingerprint of the content the supervisor looked at; an edit afterwards voids the override. */
  fingerprint: string;
  findings: number;
}

/**
 * A 公开记录: one community's record against one catalog item (matched across catalog versions by
 * `item_key`). What the public reads lives in `record_versions`; a published version is never
 * changed, a correction is a new version. `org_path` is copied from the organisation (which never
 * moves) so district and street searches are one prefix match inside this domain.
 */
export const records = pgTable(
  'records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    publicId: text('public_id').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    orgPath: text('org_path').notNull(),
    districtCode: text('district_code').notNull(),
    itemKey: text('item_key').notNull(),
    itemId: bigint('item_id', { mode: 'number' }).notNull(),
    itemName: text('item_name').notNull(),
    obligationId: text('obligation_id'),
    createdById: bigint('created_by_id', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The version the public sees; null until the first publication. */
    currentVersion: integer('current_version'),
    firstPublishedAt: timestamp('first_published_at', { withTimezone: true, mode: 'date' }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
    withdrawnReason: text('withdrawn_reason'),
    withdrawnBy: text('withdrawn_by'),
  },
  (t) => [
    uniqueIndex('records_public_id_uq').on(t.publicId),
    index('records_org_item_idx').on(t.orgId, t.itemKey),
    index('records_path_idx').on(t.orgPath.op('text_pattern_ops')),
    index('records_district_idx').on(t.districtCode),
    // Newest first under a street, district or everywhere: walked in order and cut at the page.
    index('records_first_published_idx').on(t.firstPublishedAt, t.id),
    // Newest first in one community: on the province the walk above passed 54,000 other
    // communities' records to find a community page's ten (25 ms a page).
    index('records_org_newest_idx').on(t.orgId, t.firstPublishedAt, t.id),
  ],
);

export const recordVersions = pgTable(
  'record_versions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recordId: bigint('record_id', { mode: 'number' })
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    districtCode: text('district_code').notNull(),
    version: integer('version').notNull(),
    status: text('status').$type<VersionStatus>().notNull(),
    title: text('title').notNull(),
    bodyMd: text('body_md').notNull(),
    tables: jsonb('tables').$type<RecordTable[]>().notNull(),
    informationFormedOn: date('information_formed_on', { mode: 'string' }),
    periodFrom: date('period_from', { mode: 'string' }),
    periodTo: date('period_to', { mode: 'string' }),
    /** Whether the item's 公示期 applies to this record (an item may hold lists and other notices). */
    publicity: boolean('publicity').notNull(),
    correctionNote: text('correction_note'),
    publishAt: timestamp('publish_at', { withTimezone: true, mode: 'date' }),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    publicityEndsOn: date('publicity_ends_on', { mode: 'string' }),
    publicityDays: integer('publicity_days'),
    publicityExplanation: text('publicity_explanation'),
    personalList: boolean('personal_list').notNull().default(false),
    audience: text('audience').$type<'public' | 'residents'>().notNull().default('public'),
    authorId: bigint('author_id', { mode: 'number' }).notNull(),
    authorName: text('author_name').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    submittedById: bigint('submitted_by_id', { mode: 'number' }),
    reviewerId: bigint('reviewer_id', { mode: 'number' }),
    reviewerName: text('reviewer_name'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    reviewComment: text('review_comment'),
    reviewSkipped: boolean('review_skipped').notNull().default(false),
    privacyOverride: jsonb('privacy_override').$type<PrivacyOverride>(),
  },
  (t) => [
    uniqueIndex('record_versions_record_version_uq').on(t.recordId, t.version),
    index('record_versions_status_idx').on(t.status),
  ],
);

/**
 * What search reads: one row per record the public (or its residents) can currently find, with
 * the masked, normalised (NFKC, lower case) text of its current version. Written in the same
 * transaction as the publication that makes a version current and deleted with a withdrawal. A
 * personal list's body stops being searchable after `list_ends_on` (its 公示期) without a write:
 * the query compares that date with today. `grams` holds every character and every pair of
 * adjacent characters of title and body (record_search_grams(), migration 0011), so a query of
 * one or two Chinese characters, such as 低保, still narrows through the GIN index; pg_trgm
 * extracts no trigram from a pattern shorter than three characters and would scan it all.
 */
/** Depths of org_path (district 1, street 2, community 3) whose subtree search walks by its own index. */
export const SCOPE_DEPTHS = [1, 2, 3] as const;

/** The org code at `depth` of a path ('/220202/220202004/' → depth 2 → '220202004'); index and query must spell it alike. */
export function scopeSegment(path: AnyColumn | SQL, depth: number): SQL {
  return sql`split_part(${path}, '/', ${sql.raw(String(Math.trunc(depth) + 1))})`;
}

export const recordSearch = pgTable(
  'record_search',
  {
    recordId: bigint('record_id', { mode: 'number' })
      .primaryKey()
      .references(() => records.id, { onDelete: 'cascade' }),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    orgPath: text('org_path').notNull(),
    audience: text('audience').$type<'public' | 'residents'>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
    listEndsOn: date('list_ends_on', { mode: 'string' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    grams: text('grams').array().notNull(),
  },
  (t) => [
    index('record_search_grams_gin').using('gin', t.grams),
    index('record_search_path_idx').on(t.orgPath.op('text_pattern_ops'), t.publishedAt),
    // Newest first in a scope, so a common word's first pages are the first hits of an index walk
    // (repository.searchPublished): the whole portal, and a district, street or community by the
    // code at that depth of org_path (codes are unique, so the segment names the subtree).
    index('record_search_newest_idx').on(t.publishedAt.desc(), t.recordId.desc()),
    ...SCOPE_DEPTHS.map((d) => index(`record_search_scope${d}_idx`).on(scopeSegment(t.orgPath, d), t.publishedAt.desc(), t.recordId.desc())),
  ],
);

/** Files of a version, stored content-addressed (sha256) behind the storage interface. */
export const recordAttachments = pgTable(
  'record_attachments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    versionId: bigint('version_id', { mode: 'number' })
      .notNull()
      .references(() => recordVersions.id, { onDelete: 'cascade' }),
    districtCode: text('district_code').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    /** False for images: there is no OCR, so a person must check them. */
    scanned: boolean('scanned').notNull(),
    findings: jsonb('findings').$type<{ kind: string; masked: string }[]>().notNull(),
    /** A picture (not scanned) is public only once a supervisor has looked at it: who and when. */
    releasedBy: text('released_by'),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'date' }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('record_attachments_version_idx').on(t.versionId)],
);

/** A district admin may turn supervisor review off for a community (audited). */
export const recordReviewSettings = pgTable('record_review_settings', {
  orgId: bigint('org_id', { mode: 'number' }).primaryKey(),
  districtCode: text('district_code').notNull(),
  reviewRequired: boolean('review_required').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Per catalog owner and item: is it a personal list (名单) whose list is hidden after its 公示期? */
export const recordItemSettings = pgTable(
  'record_item_settings',
  {
    ownerOrgId: bigint('owner_org_id', { mode: 'number' }).notNull(),
    itemKey: text('item_key').notNull(),
    districtCode: text('district_code').notNull(),
    personalList: boolean('personal_list').notNull(),
    /** The 公示期 in working days set by the admin; null: the catalog's rule, if it has one. */
    publicityDays: integer('publicity_days'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ownerOrgId, t.itemKey] })],
);

/** A community's invitation code: residents who know it register themselves as its residents. */
export const communityInvitations = pgTable(
  'community_invitations',
  {
    orgId: bigint('org_id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    code: text('code').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('community_invitations_code_uq').on(t.code)],
);
