import { and, asc, desc, eq, getTableColumns, inArray, like, sql } from 'drizzle-orm';
import { idArray, type Executor } from '../../platform/db.ts';
import { communityInvitations, recordAttachments, recordItemSettings, recordReviewSettings, records, recordSearch, recordVersions } from './schema.ts';

export type RecordRow = typeof records.$inferSelect;
export type VersionRow = typeof recordVersions.$inferSelect;
export type AttachmentRow = typeof recordAttachments.$inferSelect;
export type NewVersion = typeof recordVersions.$inferInsert;

const OPEN = ['draft', 'submitted', 'returned'] as const;

// ---- records and versions ----

export async function insertRecord(ex: Executor, values: typeof records.$inferInsert): Promise<RecordRow> {
  const [row] = await ex.insert(records).values(values).returning();
  return row!;
}

export async function publicIdTaken(ex: Executor, publicId: string): Promise<boolean> {
  return (await ex.select({ id: records.id }).from(records).where(eq(records.publicId, publicId))).length > 0;
}

export async function findRecord(ex: Executor, id: number): Promise<RecordRow | null> {
  const [row] = await ex.select().from(records).where(eq(records.id, id));
  return row ?? null;
}

export async function findRecordByPublicId(ex: Executor, publicId: string): Promise<RecordRow | null> {
  const [row] = await ex.select().from(records).where(eq(records.publicId, publicId));
  return row ?? null;
}

/** Locks the record row so two reviewers cannot publish it twice at once. */
export async function lockRecord(ex: Executor, id: number): Promise<RecordRow | null> {
  const [row] = await ex.select().from(records).where(eq(records.id, id)).for('update');
  return row ?? null;
}

export async function updateRecord(ex: Executor, id: number, values: Partial<typeof records.$inferInsert>): Promise<void> {
  await ex.update(records).set(values).where(eq(records.id, id));
}

export async function insertVersion(ex: Executor, values: NewVersion): Promise<VersionRow> {
  const [row] = await ex.insert(recordVersions).values(values).returning();
  return row!;
}

export async function updateVersion(ex: Executor, id: number, values: Partial<NewVersion>): Promise<void> {
  await ex.update(recordVersions).set(values).where(eq(recordVersions.id, id));
}

export async function listVersions(ex: Executor, recordId: number): Promise<VersionRow[]> {
  return ex.select().from(recordVersions).where(eq(recordVersions.recordId, recordId)).orderBy(asc(recordVersions.version));
}

/**
 * A record's versions for its page: every version's history, and the content (body and tables,
 * which a 低保 list makes large) only of the versions in `shown`. One statement whose size does
 * not grow with the number of 更正.
 */
export async function listVersionsForPage(ex: Executor, recordId: number, shown: number[]): Promise<{ history: VersionRow[]; full: VersionRow[] }> {
  const v = recordVersions;
  const wanted = sql`${v.version} = any(${idArray(shown)})`;
  const rows = await ex
    .select({
      ...getTableColumns(v),
      bodyMd: sql<string>`case when ${wanted} then ${v.bodyMd} else '' end`,
      tables: sql<VersionRow['tables']>`case when ${wanted} then ${v.tables} else '[]'::jsonb end`.mapWith(v.tables),
    })
    .from(v)
    .where(eq(v.recordId, recordId))
    .orderBy(asc(v.version));
  return { history: rows, full: rows.filter((r) => shown.includes(r.version)) };
}

/** What a version's history says of it (the 更正 list and 公示期), without its content. */
export type VersionHistoryRow = Pick<VersionRow, 'id' | 'recordId' | 'version' | 'status' | 'publishedAt' | 'correctionNote' | 'personalList' | 'publicityEndsOn' | 'publicityDays'>;

/** What decides who may read a record now: its current version's state, without its content. */
export type VersionState = Pick<VersionRow, 'status' | 'publishedAt' | 'audience'>;

/** These records with their current version's state, in one statement (dashboards list many). */
export async function listRecordStates(ex: Executor, ids: number[]): Promise<{ record: RecordRow; version: VersionState }[]> {
  if (ids.length === 0) return [];
  const v = recordVersions;
  return ex
    .select({ record: records, version: { status: v.status, publishedAt: v.publishedAt, audience: v.audience } })
    .from(records)
    .innerJoin(v, and(eq(v.recordId, records.id), eq(v.version, records.currentVersion)))
    .where(inArray(records.id, ids));
}

/** Every version of these records, light: lists present many records and show none of the older texts. */
export async function listVersionHistoryOf(ex: Executor, recordIds: number[]): Promise<VersionHistoryRow[]> {
  if (recordIds.length === 0) return [];
  const v = recordVersions;
  return ex
    .select({ id: v.id, recordId: v.recordId, version: v.version, status: v.status, publishedAt: v.publishedAt, correctionNote: v.correctionNote, personalList: v.personalList, publicityEndsOn: v.publicityEndsOn, publicityDays: v.publicityDays })
    .from(v)
    .where(inArray(v.recordId, recordIds))
    .orderBy(asc(v.recordId), asc(v.version));
}

/** The draft, submitted or returned version staff are working on, if any. */
export async function openVersion(ex: Executor, recordId: number): Promise<VersionRow | null> {
  const [row] = await ex
    .select()
    .from(recordVersions)
    .where(and(eq(recordVersions.recordId, recordId), inArray(recordVersions.status, [...OPEN])))
    .orderBy(desc(recordVersions.version))
    .limit(1);
  return row ?? null;
}

/** Every record of the organisations under `path`, newest first, with its latest version. */
export async function listStaffRecords(ex: Executor, path: string, limit = 200) {
  return ex
    .select({ record: records, version: recordVersions })
    .from(records)
    .innerJoin(recordVersions, eq(recordVersions.recordId, records.id))
    .where(and(like(records.orgPath, `${path}%`), sql`${recordVersions.version} = (select max(v.version) from record_versions v where v.record_id = ${records.id})`))
    .orderBy(desc(recordVersions.updatedAt))
    .limit(limit);
}

/** Versions waiting for a supervisor, oldest first. */
export async function listSubmitted(ex: Executor, path: string) {
  return ex
    .select({ record: records, version: recordVersions })
    .from(recordVersions)
    .innerJoin(records, eq(recordVersions.recordId, records.id))
    .where(and(eq(recordVersions.status, 'submitted'), like(records.orgPath, `${path}%`)))
    .orderBy(asc(recordVersions.submittedAt));
}

/** Makes `row` the text search finds for its record (same transaction as the publication). */
export async function saveSearchText(ex: Executor, row: Omit<typeof recordSearch.$inferInsert, 'grams'>): Promise<void> {
  const grams = sql`record_search_grams(${row.title} || E'\\n' || ${row.body})`;
  await ex
    .insert(recordSearch)
    .values({ ...row, grams })
    .onConflictDoUpdate({
      target: recordSearch.recordId,
      set: { audience: row.audience, publishedAt: row.publishedAt, listEndsOn: row.listEndsOn ?? null, title: row.title, body: row.body, grams },
    });
}

/** A withdrawn record is no longer found (its trace stays on the record page). */
export async function deleteSearchText(ex: Executor, recordId: number): Promise<void> {
  await ex.delete(recordSearch).where(eq(recordSearch.recordId, recordId));
}

// ---- attachments ----

export async function insertAttachment(ex: Executor, values: typeof recordAttachments.$inferInsert): Promise<AttachmentRow> {
  const [row] = await ex.insert(recordAttachments).values(values).returning();
  return row!;
}

export async function listAttachments(ex: Executor, versionIds: number[]): Promise<AttachmentRow[]> {
  if (versionIds.length === 0) return [];
  return ex.select().from(recordAttachments).where(inArray(recordAttachments.versionId, versionIds)).orderBy(asc(recordAttachments.id));
}

export async function findAttachment(ex: Executor, id: number): Promise<AttachmentRow | null> {
  const [row] = await ex.select().from(recordAttachments).where(eq(recordAttachments.id, id));
  return row ?? null;
}

/** The attachment `id` if it belongs to a version of record `recordId`. */
export async function findAttachmentOfRecord(ex: Executor, recordId: number, id: number): Promise<AttachmentRow | null> {
  const [row] = await ex
    .select({ attachment: recordAttachments })
    .from(recordAttachments)
    .innerJoin(recordVersions, eq(recordVersions.id, recordAttachments.versionId))
    .where(and(eq(recordAttachments.id, id), eq(recordVersions.recordId, recordId)));
  return row?.attachment ?? null;
}

export async function releaseAttachment(ex: Executor, id: number, by: string, at: Date): Promise<void> {
  await ex.update(recordAttachments).set({ releasedBy: by, releasedAt: at }).where(eq(recordAttachments.id, id));
}

export async function deleteAttachment(ex: Executor, id: number): Promise<void> {
  await ex.delete(recordAttachments).where(eq(recordAttachments.id, id));
}

/** A correction starts with the attachments of the version it corrects (same stored files). */
export async function copyAttachments(ex: Executor, fromVersionId: number, toVersionId: number): Promise<void> {
  const rows = await listAttachments(ex, [fromVersionId]);
  if (rows.length === 0) return;
  await ex.insert(recordAttachments).values(rows.map(({ id: _id, ...rest }) => ({ ...rest, versionId: toVersionId })));
}

// ---- settings ----

export async function findReviewSetting(ex: Executor, orgId: number) {
  const [row] = await ex.select().from(recordReviewSettings).where(eq(recordReviewSettings.orgId, orgId));
  return row ?? null;
}

export async function listReviewSettings(ex: Executor, orgIds: number[]) {
  if (orgIds.length === 0) return [];
  return ex.select().from(recordReviewSettings).where(inArray(recordReviewSettings.orgId, orgIds));
}

export async function saveReviewSetting(ex: Executor, values: typeof recordReviewSettings.$inferInsert): Promise<void> {
  await ex
    .insert(recordReviewSettings)
    .values(values)
    .onConflictDoUpdate({ target: recordReviewSettings.orgId, set: { reviewRequired: values.reviewRequired, updatedBy: values.updatedBy, updatedAt: values.updatedAt } });
}

export async function listItemSettingsOf(ex: Executor, ownerOrgIds: number[]) {
  if (ownerOrgIds.length === 0) return [];
  return ex.select().from(recordItemSettings).where(inArray(recordItemSettings.ownerOrgId, ownerOrgIds));
}

export async function saveItemSetting(ex: Executor, values: typeof recordItemSettings.$inferInsert): Promise<void> {
  await ex
    .insert(recordItemSettings)
    .values(values)
    .onConflictDoUpdate({
      target: [recordItemSettings.ownerOrgId, recordItemSettings.itemKey],
      set: { personalList: values.personalList, publicityDays: values.publicityDays ?? null, updatedBy: values.updatedBy, updatedAt: values.updatedAt },
    });
}

// ---- invitations ----

export async function findInvitationByOrg(ex: Executor, orgId: number) {
  const [row] = await ex.select().from(communityInvitations).where(eq(communityInvitations.orgId, orgId));
  return row ?? null;
}

export async function findInvitationByCode(ex: Executor, code: string) {
  const [row] = await ex.select().from(communityInvitations).where(eq(communityInvitations.code, code));
  return row ?? null;
}

export async function saveInvitation(ex: Executor, values: typeof communityInvitations.$inferInsert): Promise<void> {
  await ex
    .insert(communityInvitations)
    .values(values)
    .onConflictDoUpdate({ target: communityInvitations.orgId, set: { code: values.code, createdBy: values.createdBy, createdAt: values.createdAt } });
}

/** Stores a community's first code unless one is there already; the code that is there afterwards, and whether it is this one. */
export async function firstInvitation(ex: Executor, values: typeof communityInvitations.$inferInsert): Promise<{ code: string; made: boolean }> {
  const made = await ex.insert(communityInvitations).values(values).onConflictDoNothing({ target: communityInvitations.orgId }).returning({ code: communityInvitations.code });
  if (made.length > 0) return { code: made[0]!.code, made: true };
  return { code: (await findInvitationByOrg(ex, values.orgId))!.code, made: false };
}

// ---- to-dos (工作台): the first few with the full count in one statement ----

export interface TodoRow {
  recordId: number;
  title: string;
  itemName: string;
  at: Date | null;
  who: string | null;
  total: number;
}

/** Versions of one community in `status` (returned, submitted), oldest first. */
export async function versionsInStatus(ex: Executor, orgId: number, status: 'returned' | 'submitted', limit: number): Promise<TodoRow[]> {
  const at = status === 'returned' ? recordVersions.reviewedAt : recordVersions.submittedAt;
  const who = status === 'returned' ? recordVersions.reviewerName : recordVersions.authorName;
  const rows = await ex
    .select({ recordId: records.id, title: recordVersions.title, itemName: records.itemName, at, who, total: sql<number>`count(*) over ()` })
    .from(recordVersions)
    .innerJoin(records, eq(recordVersions.recordId, records.id))
    .where(and(eq(records.orgId, orgId), eq(recordVersions.status, status)))
    .orderBy(asc(at))
    .limit(limit);
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}

/** Pictures a supervisor has not yet looked at, on versions submitted or public (they stay hidden until then). */
export async function picturesToRelease(ex: Executor, orgId: number, limit: number): Promise<TodoRow[]> {
  const rows = await ex
    .select({ recordId: records.id, title: recordVersions.title, itemName: records.itemName, at: recordAttachments.createdAt, who: recordAttachments.fileName, total: sql<number>`count(*) over ()` })
    .from(recordAttachments)
    .innerJoin(recordVersions, eq(recordAttachments.versionId, recordVersions.id))
    .innerJoin(records, eq(recordVersions.recordId, records.id))
    .where(and(eq(records.orgId, orgId), inArray(recordVersions.status, ['submitted', 'published']), eq(recordAttachments.scanned, false), sql`${recordAttachments.releasedAt} is null`))
    .orderBy(asc(recordAttachments.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, total: Number(r.total) }));
}
