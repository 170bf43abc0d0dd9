import { and, desc, eq, gte, inArray, isNotNull, isNull, like, lt, lte } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import type { RecordRow, VersionRow } from './repository.ts';
import { records, recordVersions } from './schema.ts';

/** A record with the version the public sees. */
export interface PublishedRow {
  record: RecordRow;
  version: VersionRow;
}

/**
 * What a list of records shows of each (title, date, item, tags) and what decides who may see it:
 * no body, tables or history. A community page lists 20 records; their bodies and 低保 tables
 * were read, parsed and rendered only to be left out of the page.
 */
export interface SummaryRow {
  record: Pick<RecordRow, 'id' | 'publicId' | 'orgId' | 'orgPath' | 'itemKey' | 'itemName' | 'currentVersion' | 'firstPublishedAt' | 'withdrawnAt' | 'withdrawnReason'>;
  version: Pick<VersionRow, 'version' | 'status' | 'title' | 'publishedAt' | 'publicityEndsOn' | 'audience'>;
}

export interface PublishedFilter {
  orgId?: number;
  path?: string;
  itemKey?: string;
  now: Date;
  publicOnly?: boolean;
  residentsOnly?: boolean;
  /** Only what a reader is shown now: not withdrawn (lists of the newest leave withdrawn ones out). */
  shownNow?: boolean;
  /** null: every row of a bounded range (a month's board or evidence), never silently cut. */
  limit?: number | null;
  firstPublished?: { from: Date; to: Date };
}

const currentJoin = and(eq(recordVersions.recordId, records.id), eq(recordVersions.version, records.currentVersion));

function publishedWhere(filter: PublishedFilter) {
  return and(
    isNotNull(records.currentVersion),
    lte(recordVersions.publishedAt, filter.now),
    filter.orgId !== undefined ? eq(records.orgId, filter.orgId) : undefined,
    filter.path !== undefined ? like(records.orgPath, `${filter.path}%`) : undefined,
    filter.itemKey !== undefined ? eq(records.itemKey, filter.itemKey) : undefined,
    filter.publicOnly ? eq(recordVersions.audience, 'public') : undefined,
    filter.residentsOnly ? eq(recordVersions.audience, 'residents') : undefined,
    filter.shownNow ? and(isNull(records.withdrawnAt), inArray(recordVersions.status, ['published', 'superseded'])) : undefined,
    filter.firstPublished ? gte(records.firstPublishedAt, filter.firstPublished.from) : undefined,
    filter.firstPublished ? lt(records.firstPublishedAt, filter.firstPublished.to) : undefined,
  );
}

/** Published records (withdrawn ones too, as their trace stays) visible at `now`, newest first. */
export async function listPublished(ex: Executor, filter: PublishedFilter): Promise<PublishedRow[]> {
  const query = ex
    .select({ record: records, version: recordVersions })
    .from(records)
    .innerJoin(recordVersions, currentJoin)
    .where(publishedWhere(filter))
    .orderBy(desc(records.firstPublishedAt), desc(records.id));
  return filter.limit === null ? query : query.limit(filter.limit ?? 200);
}

/** The same rows as listPublished, with only what a list shows. */
export async function listPublishedSummaries(ex: Executor, filter: PublishedFilter): Promise<SummaryRow[]> {
  const r = records;
  const v = recordVersions;
  const query = ex
    .select({
      record: { id: r.id, publicId: r.publicId, orgId: r.orgId, orgPath: r.orgPath, itemKey: r.itemKey, itemName: r.itemName, currentVersion: r.currentVersion, firstPublishedAt: r.firstPublishedAt, withdrawnAt: r.withdrawnAt, withdrawnReason: r.withdrawnReason },
      version: { version: v.version, status: v.status, title: v.title, publishedAt: v.publishedAt, publicityEndsOn: v.publicityEndsOn, audience: v.audience },
    })
    .from(r)
    .innerJoin(v, currentJoin)
    .where(publishedWhere(filter))
    .orderBy(desc(r.firstPublishedAt), desc(r.id));
  return filter.limit === null ? query : query.limit(filter.limit ?? 200);
}

/** Records with their current versions, in the order of `ids` (a search page; see searchRepository). */
export async function publishedByIds(ex: Executor, ids: number[]): Promise<PublishedRow[]> {
  if (ids.length === 0) return [];
  const rows = await ex.select({ record: records, version: recordVersions }).from(records).innerJoin(recordVersions, currentJoin).where(inArray(records.id, ids));
  const byId = new Map(rows.map((r) => [r.record.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
