import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ColumnMapping } from './import/mapping.ts';
import type { ColumnGuess, ImportWarning } from './import/types.ts';
import type { Rule } from './rules/types.ts';

export type CatalogStatus = 'draft' | 'active' | 'retired';

/**
 * A 目录清单 owned by an organisation: a district template or a community's own list. Each import
 * is a new version; activating one retires the organisation's previous active version.
 */
export const catalogs = pgTable(
  'catalogs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ownerOrgId: bigint('owner_org_id', { mode: 'number' }).notNull(),
    districtCode: text('district_code').notNull(),
    title: text('title').notNull(),
    sourceFileName: text('source_file_name').notNull(),
    sourceSha256: text('source_sha256').notNull(),
    layout: text('layout').notNull(),
    version: integer('version').notNull(),
    status: text('status').$type<CatalogStatus>().notNull(),
    effectiveDate: date('effective_date'),
    warnings: jsonb('warnings').$type<ImportWarning[]>().notNull(),
    /** How each column of the source was read (field and score), for the mapping step of the preview. */
    columns: jsonb('columns').$type<ColumnGuess[]>(),
    /** The column mapping the user gave, reused when the next version of the catalog is imported. */
    columnMapping: jsonb('column_mapping').$type<ColumnMapping>(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    activatedAt: timestamp('activated_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('catalogs_owner_idx').on(t.ownerOrgId, t.status), uniqueIndex('catalogs_owner_version_uq').on(t.ownerOrgId, t.version)],
);

/**
 * One 公开事项, every field of DESIGN §3 in catalog order. `itemKey` (领域|一级|二级) stays the same
 * across versions, so a community's channel choices and its obligations survive a new version.
 */
export const catalogItems = pgTable(
  'catalog_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    catalogId: bigint('catalog_id', { mode: 'number' })
      .notNull()
      .references(() => catalogs.id, { onDelete: 'cascade' }),
    districtCode: text('district_code').notNull(),
    seq: integer('seq').notNull(),
    itemKey: text('item_key').notNull(),
    domain: text('domain'),
    category: text('category'),
    name: text('name').notNull(),
    content: text('content').notNull(),
    websiteColumn: text('website_column'),
    legalBasis: jsonb('legal_basis').$type<string[]>().notNull(),
    responsibleBodies: jsonb('responsible_bodies').$type<string[]>().notNull(),
    timeLimitText: text('time_limit_text').notNull(),
    rules: jsonb('rules').$type<Rule[]>().notNull(),
    channels: jsonb('channels').$type<{ name: string; selected: boolean | null }[]>().notNull(),
    audienceSociety: boolean('audience_society'),
    audienceSpecific: boolean('audience_specific'),
    methodProactive: boolean('method_proactive'),
    methodOnRequest: boolean('method_on_request'),
    level: text('level'),
    source: jsonb('source').$type<Record<string, { text: string; line: number | null }>>().notNull(),
    /** Days a human set for a 及时/随时 (prompt) rule; null while 时限待定. */
    promptDays: integer('prompt_days'),
  },
  (t) => [index('catalog_items_catalog_idx').on(t.catalogId, t.seq)],
);

/** A community's own choice of channels for an item of an adopted template (厂口 ticks 为民服务站). */
export const itemChannelChoices = pgTable(
  'item_channel_choices',
  {
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    itemKey: text('item_key').notNull(),
    districtCode: text('district_code').notNull(),
    channels: jsonb('channels').$type<string[]>().notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.itemKey] })],
);

/** Which version of its effective catalog a community has seen, so it can be shown what changed. */
export const catalogAcknowledgements = pgTable(
  'catalog_acknowledgements',
  {
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    ownerOrgId: bigint('owner_org_id', { mode: 'number' }).notNull(),
    catalogId: bigint('catalog_id', { mode: 'number' }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.ownerOrgId] })],
);
