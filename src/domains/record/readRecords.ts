import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { findOrganisationsByIds, lineageOf, type OrgRow, type SessionUser } from '../org/index.ts';
import { storageFor } from '../../platform/storage.ts';
import { listItemContextsOf, type ItemContext } from './itemContext.ts';
import { presentHit, presentRecord, presentSummary, visibleTo } from './present.ts';
import type { PublicRecordSummary, PublicRecordView, PublicSearchHit } from './publicView.ts';
import * as published from './publishedRepository.ts';
import * as repo from './repository.ts';

/**
 * The organisations of the listed records with their item contexts, loaded together (no query per
 * organisation); those the caller already holds in `known` are not read again.
 */
async function contextsFor(deps: Deps, orgIds: number[], known: OrgRow[] = []): Promise<Map<number, { org: OrgRow; items: ItemContext[] }>> {
  const out = new Map<number, { org: OrgRow; items: ItemContext[] }>();
  if (orgIds.length === 0) return out;
  const held = known.filter((o) => orgIds.includes(o.id));
  const unknown = orgIds.filter((id) => !held.some((o) => o.id === id));
  const orgs = [...held, ...(unknown.length > 0 ? await findOrganisationsByIds(deps, unknown) : [])];
  const contexts = await listItemContextsOf(deps, orgs);
  for (const org of orgs) out.set(org.id, { org, items: contexts.get(org.id) ?? [] });
  return out;
}

const itemOf = (ctx: { items: ItemContext[] }, itemKey: string) => ctx.items.find((i) => i.item.itemKey === itemKey) ?? null;

/** Where a list looks: one organisation (its row, which the list then does not read again) or everything under a path. */
type Scope = { org: OrgRow } | { under: string };

/** The rows this viewer may see now, in their order, with their organisations (`known` ones not read again) and item contexts. */
async function visibleRows<R extends published.SummaryRow>(deps: Deps, rows: R[], viewer: SessionUser | null, known: OrgRow[]) {
  const now = deps.clock.now();
  const visible = rows.filter((r) => visibleTo(viewer, r.record, r.version, now));
  return { now, visible, orgs: await contextsFor(deps, visible.map((r) => r.record.orgId), known) };
}

/** Public views of published rows this viewer may see, in the rows' order. */
async function presentAll(deps: Deps, rows: published.PublishedRow[], viewer: SessionUser | null, known: OrgRow[] = []): Promise<PublicRecordView[]> {
  const { now, visible, orgs } = await visibleRows(deps, rows, viewer, known);
  const versions = await repo.listVersionHistoryOf(deps.db.orm, visible.map((r) => r.record.id));
  const attachments = await repo.listAttachments(deps.db.orm, visible.map((r) => r.version.id));
  return visible.flatMap(({ record, version }) => {
    const ctx = orgs.get(record.orgId);
    if (!ctx) return [];
    return [
      presentRecord({
        record,
        version,
        attachments: attachments.filter((a) => a.versionId === version.id),
        versions: versions.filter((v) => v.recordId === record.id),
        org: ctx.org,
        item: itemOf(ctx, record.itemKey),
        now,
      }),
    ];
  });
}

/** Each row this viewer may see, in the rows' order, presented by `present` with its organisation and item. */
async function presentEach<R extends published.SummaryRow, V>(deps: Deps, rows: R[], viewer: SessionUser | null, known: OrgRow[], present: (input: R & { org: OrgRow; item: ItemContext | null; now: Date }) => V): Promise<V[]> {
  const { now, visible, orgs } = await visibleRows(deps, rows, viewer, known);
  return visible.flatMap((row) => {
    const ctx = orgs.get(row.record.orgId);
    return ctx ? [present({ ...row, org: ctx.org, item: itemOf(ctx, row.record.itemKey), now })] : [];
  });
}

/** What lists show of published rows this viewer may see: no body, tables or history to read. */
const summarizeAll = (deps: Deps, rows: published.SummaryRow[], viewer: SessionUser | null, known: OrgRow[] = []) => presentEach(deps, rows, viewer, known, presentSummary);

/** Search results: current versions with the text their snippets quote, without the history and files a result never shows. */
export const presentHits = (deps: Deps, rows: published.PublishedRow[], viewer: SessionUser | null): Promise<PublicSearchHit[]> => presentEach(deps, rows, viewer, [], presentHit);

/** How a list reads and presents its rows: whole views (feeds, screens, search) or what the portal's lists show. */
interface Shape<R, V> {
  list(ex: Deps['db']['orm'], filter: published.PublishedFilter): Promise<R[]>;
  present(deps: Deps, rows: R[], viewer: SessionUser | null, known: OrgRow[]): Promise<V[]>;
}
const WHOLE: Shape<published.PublishedRow, PublicRecordView> = { list: published.listPublished, present: presentAll };
const SUMMARY: Shape<published.SummaryRow, PublicRecordSummary> = { list: published.listPublishedSummaries, present: summarizeAll };

async function ofItem<R, V>(shape: Shape<R, V>, deps: Deps, org: OrgRow, itemKey: string, viewer: SessionUser | null): Promise<V[]> {
  return shape.present(deps, await shape.list(deps.db.orm, { orgId: org.id, itemKey, now: deps.clock.now() }), viewer, [org]);
}

async function latest<R, V extends PublicRecordSummary>(shape: Shape<R, V>, deps: Deps, scope: Scope, viewer: SessionUser | null, limit: number): Promise<V[]> {
  // A community has nothing below it: its own id finds the same rows through its own index.
  const [org, under] = 'org' in scope ? [scope.org, scope.org.path] : [null, scope.under];
  const where = org?.kind === 'community' ? { orgId: org.id } : { path: under };
  // Anonymous readers see every row the SQL keeps; a signed-in one may be refused some by
  // audience (present.ts), so twice as many are read for them. A feed's rows are whole (bodies,
  // tables): reading 100 to show 50 cost the feed half its time.
  const rows = await shape.list(deps.db.orm, { ...where, now: deps.clock.now(), limit: viewer === null ? limit : limit * 2, publicOnly: viewer === null, shownNow: true });
  return (await shape.present(deps, rows, viewer, org ? [org] : [])).slice(0, limit);
}

/** An item's records in a community, newest first (withdrawn ones keep their trace). */
export const itemRecords = (deps: Deps, org: OrgRow, itemKey: string, viewer: SessionUser | null) => ofItem(WHOLE, deps, org, itemKey, viewer);
/** itemRecords as the item's page lists them. */
export const itemSummaries = (deps: Deps, org: OrgRow, itemKey: string, viewer: SessionUser | null) => ofItem(SUMMARY, deps, org, itemKey, viewer);

/** The latest publications under an organisation that this viewer may read (anonymous: 全社会 only). */
export const recentRecords = (deps: Deps, scope: Scope, viewer: SessionUser | null, limit = 10) => latest(WHOLE, deps, scope, viewer, limit);
/** recentRecords as the portal's 最新公开 lists them. */
export const recentSummaries = (deps: Deps, scope: Scope, viewer: SessionUser | null, limit = 10) => latest(SUMMARY, deps, scope, viewer, limit);

/**
 * The 特定群体 records of a resident's own community (the "我的" page): only records addressed to
 * its residents, newest first; nobody else gets any (the audience check in present.ts still runs).
 */
export async function residentRecords(deps: Deps, viewer: SessionUser, limit = 20): Promise<PublicRecordSummary[]> {
  if (viewer.role !== 'resident') return [];
  const rows = await published.listPublishedSummaries(deps.db.orm, { orgId: viewer.orgId, now: deps.clock.now(), limit, residentsOnly: true });
  return (await summarizeAll(deps, rows, viewer)).filter((v) => !v.withdrawal && v.audience === 'residents');
}

/** Every record under `scope` first published in [from, to) that this viewer may read, newest first, withdrawn ones left out. */
export async function publishedBetween(deps: Deps, scope: Pick<OrgRow, 'path'>, viewer: SessionUser | null, period: { from: Date; to: Date }): Promise<PublicRecordView[]> {
  const rows = await published.listPublished(deps.db.orm, { path: scope.path, now: deps.clock.now(), limit: null, firstPublished: period, publicOnly: viewer === null });
  return (await presentAll(deps, rows, viewer)).filter((v) => !v.withdrawal);
}

/**
 * For dashboards: of these records (internal ids), those this viewer may read now, with their
 * public id and the channels their item requires, in a fixed number of statements (a community's
 * compliance page once loaded each record's whole page, ~7 statements a record).
 */
export async function recordChannels(deps: Deps, viewer: SessionUser, ids: number[]): Promise<Map<number, { publicId: string; requiredChannels: string[] }>> {
  const now = deps.clock.now();
  const rows = (await repo.listRecordStates(deps.db.orm, ids)).filter((r) => visibleTo(viewer, r.record, r.version, now));
  const orgs = await contextsFor(deps, [...new Set(rows.map((r) => r.record.orgId))]);
  const out = new Map<number, { publicId: string; requiredChannels: string[] }>();
  for (const { record } of rows) {
    const ctx = orgs.get(record.orgId);
    if (ctx) out.set(record.id, { publicId: record.publicId, requiredChannels: itemOf(ctx, record.itemKey)?.requiredChannels ?? [] });
  }
  return out;
}

/** `lineage`: the record's organisation and those above it, root first (the page's breadcrumb). */
export type RecordPageData =
  | { kind: 'ok'; view: PublicRecordView; current: PublicRecordView; org: OrgRow; lineage: OrgRow[] }
  | { kind: 'restricted'; org: OrgRow; lineage: OrgRow[] };

/** /r/<id> and /r/<id>/v/<n>: the record (or an earlier version) for this viewer. */
export async function recordPage(deps: Deps, publicId: string, viewer: SessionUser | null, versionNo?: number): Promise<RecordPageData> {
  const record = await repo.findRecordByPublicId(deps.db.orm, publicId);
  const shown = record?.currentVersion == null ? [] : [record.currentVersion, ...(versionNo === undefined ? [] : [versionNo])];
  const { history: versions, full } = record && shown.length > 0 ? await repo.listVersionsForPage(deps.db.orm, record.id, shown) : { history: [], full: [] };
  const current = full.find((v) => v.version === record?.currentVersion);
  const now = deps.clock.now();
  if (!record || !current || !current.publishedAt || current.publishedAt > now) throw new NotFoundError('没有找到这条公开记录。');
  // The record keeps its organisation's path: one statement reads the organisation with those above it.
  const lineage = await lineageOf(deps, { path: record.orgPath });
  const ctx = (await contextsFor(deps, [record.orgId], lineage)).get(record.orgId);
  if (!ctx) throw new NotFoundError('没有找到这条公开记录。');
  if (!visibleTo(viewer, record, current, now)) return { kind: 'restricted', org: ctx.org, lineage };
  const wanted = versionNo === undefined ? current : full.find((v) => v.version === versionNo && v.publishedAt && v.publishedAt <= now);
  if (!wanted || (wanted.status !== 'published' && wanted.status !== 'superseded')) throw new NotFoundError('没有找到这个版本。');
  const attachments = await repo.listAttachments(deps.db.orm, [wanted.id, current.id]);
  const item = itemOf(ctx, record.itemKey);
  const build = (v: repo.VersionRow) => presentRecord({ record, version: v, attachments: attachments.filter((a) => a.versionId === v.id), versions, org: ctx.org, item, now });
  return { kind: 'ok', view: build(wanted), current: build(current), org: ctx.org, lineage };
}

/** A public attachment's bytes, only when the record page would offer it for download. */
export async function publicAttachment(deps: Deps, publicId: string, versionNo: number, attachmentId: number, viewer: SessionUser | null) {
  const page = await recordPage(deps, publicId, viewer, versionNo);
  const wanted = page.kind === 'ok' ? page.view.attachments.find((a) => a.url.endsWith(`/files/${attachmentId}`)) : undefined;
  const row = wanted ? await repo.findAttachment(deps.db.orm, attachmentId) : null;
  const bytes = row ? await storageFor(deps.config).get(row.sha256) : null;
  if (!wanted || !row || !bytes) throw new NotFoundError('没有找到这个附件。');
  // The download's file name is public too: it is the name the record page shows, masked.
  return { bytes, mimeType: row.mimeType, fileName: wanted.name };
}
