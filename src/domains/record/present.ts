import type { SessionUser } from '../org/index.ts';
import type { ItemContext } from './itemContext.ts';
import { markdownToText, renderMarkdown } from './markdown.ts';
import { canSeeAudience } from './policy.ts';
import { maskHtml, maskText, maskTextKept, publicPhoneSet } from './privacy/index.ts';
import type { PublicAttachment, PublicCorrection, PublicRecordSummary, PublicRecordView, PublicSearchHit, PublicTable } from './publicView.ts';
import { publicityOver } from './publicity.ts';
import type { SummaryRow } from './publishedRepository.ts';
import type { AttachmentRow, RecordRow, VersionHistoryRow, VersionRow } from './repository.ts';
import { displayCell, listsPeople } from './tables/cells.ts';
import type { RecordTable } from './types.ts';
import { beijingDate, chineseDate, chineseDateOf } from '../../platform/time.ts';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';

interface PresentInput {
  record: RecordRow;
  /** The version to show: the current one, or an earlier one from the 更正 history. */
  version: VersionRow;
  attachments: AttachmentRow[];
  /** Every version of the record, for the 更正 history. */
  versions: VersionHistoryRow[];
  /** `publicPhones`: the organisation's listed public numbers, the only phone numbers left unmasked. */
  org: { code: string; name: string; publicPhones?: string[] };
  item: ItemContext | null;
  now: Date;
  /** Staff still see a personal list after its 公示期 (masked as always); never for a public surface. */
  forStaff?: boolean;
}

/** Is this published version visible to this viewer now (time, and 特定群体 audience)? */
export function visibleTo(viewer: SessionUser | null, record: Pick<RecordRow, 'currentVersion' | 'orgId' | 'orgPath'>, version: Pick<VersionRow, 'status' | 'publishedAt' | 'audience'>, now: Date): boolean {
  if (record.currentVersion === null || !version.publishedAt || version.publishedAt > now) return false;
  if (version.status !== 'published' && version.status !== 'superseded') return false;
  return canSeeAudience(viewer, record, version.audience);
}

type Allowed = ReadonlySet<string>;
const NONE: Allowed = new Set();

/** Any text a member of the public may read, masked: notes, names, captions, headers. */
function masked(text: string, allow: Allowed = NONE): string {
  return maskText(text, { allowPhones: allow }).text;
}

/**
 * The body as the public reads it. Masking runs on the Markdown source and again on what it
 * renders to: emphasis, code spans, links and character references can join pieces of a
 * number that looked harmless in the source.
 */
export function publicBody(bodyMd: string, allow: Allowed = NONE): { html: string; text: string } {
  const source = masked(bodyMd, allow);
  return { html: maskHtml(renderMarkdown(source), allow), text: masked(markdownToText(source), allow) };
}

/**
 * A row is read across its cells: "440305" | "19761001789X" side by side is one ID. The row is
 * masked as one tab-joined line (masks keep lengths, so it splits back into the same cells).
 */
function maskedRow(cells: string[], allow: Allowed = NONE): string[] {
  const line = cells.join('\t');
  const back = masked(line, allow).split('\t');
  return back.length === cells.length ? back : cells.map((c) => masked(c, allow));
}

function publicTables(tables: RecordTable[], allow: Allowed): PublicTable[] {
  return tables.map((t) => {
    const ctx = { publicPhones: allow, peopleListed: listsPeople(t.columns) };
    return {
      caption: masked(t.caption),
      columns: maskedRow(t.columns.map((c) => c.name)).map((name, i) => ({ name, type: t.columns[i]!.type })),
      rows: t.rows.map((row) => maskedRow(t.columns.map((c, i) => displayCell(c.type, row[i] ?? null, ctx)), allow)),
    };
  });
}

interface Content {
  body: { html: string; text: string };
  tables: PublicTable[];
}

// Rendering and masking a body or a table is the costliest part of a public page, and lists and
// feeds show the same versions on every request. The result depends only on the text and the
// organisation's public numbers, so it is kept under their digest (a preview's unsaved text
// gets its own); bounded by characters held.
const contents = new LRUCache<string, Content>({
  maxSize: 4_000_000,
  sizeCalculation: (c) => Math.max(1, c.body.html.length + c.body.text.length + JSON.stringify(c.tables).length),
});

function publicContent(version: VersionRow, allow: Allowed): Content {
  const key = createHash('sha256').update(version.bodyMd).update('\0').update(JSON.stringify(version.tables)).update('\0').update([...allow].join(',')).digest('base64url');
  let content = contents.get(key);
  if (!content) contents.set(key, (content = { body: publicBody(version.bodyMd, allow), tables: publicTables(version.tables, allow) }));
  return content;
}

/**
 * Files with a personal number found in them are never offered for download, nor pictures the
 * scanner cannot read until a supervisor has looked at them and released them.
 */
function publicAttachments(record: RecordRow, version: VersionRow, attachments: AttachmentRow[]): PublicAttachment[] {
  return attachments
    .filter((a) => a.findings.length === 0 && (a.scanned || a.releasedAt !== null))
    .map((a) => ({ name: masked(a.fileName), url: `/r/${record.publicId}/v/${version.version}/files/${a.id}`, mimeType: a.mimeType, size: a.size }));
}

/** Why a personal list is no longer shown, with the dates it was shown. */
function listGoneNote(firstPublishedAt: Date, endsOn: string, days: number | null): string {
  const span = days ? `（${days} 个工作日）` : '';
  return `本名单于 ${chineseDateOf(firstPublishedAt)} 公示，公示期至 ${chineseDate(endsOn)} 结束${span}。为保护个人信息，公示期满后不再公开名单内容；如有疑问请联系社区（村）居务监督委员会。`;
}

function corrections(versions: VersionHistoryRow[]): PublicCorrection[] {
  const shown = versions.filter((v) => v.publishedAt && (v.status === 'published' || v.status === 'superseded')).sort((a, b) => a.version - b.version);
  return shown.slice(0, -1).map((v, i) => ({ version: v.version, publishedAt: v.publishedAt!, replacedBecause: maskTextKept(shown[i + 1]?.correctionNote ?? '') }));
}

interface SummaryInput {
  record: SummaryRow['record'];
  version: SummaryRow['version'];
  org: { name: string };
  item: ItemContext | null;
  now: Date;
}

/** A record as a list shows it, masked as presentRecord masks the same fields (it builds them here). */
export function presentSummary({ record, version, org, item, now }: SummaryInput): PublicRecordSummary {
  return {
    id: record.publicId,
    url: `/r/${record.publicId}`,
    title: maskTextKept(version.title),
    publishedAt: record.firstPublishedAt ?? version.publishedAt ?? now,
    communityName: maskTextKept(org.name),
    itemName: maskTextKept(item?.item.name ?? record.itemName),
    version: version.version,
    audience: version.audience,
    publicityEndsOn: version.publicityEndsOn,
    withdrawal: record.withdrawnAt ? { at: record.withdrawnAt, reason: maskTextKept(record.withdrawnReason ?? '') } : null,
  };
}

/**
 * The ONLY way a record reaches a public surface. Personal numbers are masked in every text of
 * the view — title, body (source and rendering), table caption, headers and cells (ID and phone
 * columns whatever they hold), attachment names, 更正 notes and the withdrawal reason — and
 * attachments holding any are left out; a personal list past its 公示期 and a withdrawn record keep only their trace.
 */
export function presentRecord(input: PresentInput): PublicRecordView {
  const { record, version, item, now } = input;
  const today = beijingDate(now);
  // An earlier version of a list goes with the current one: the current version decides.
  const current = input.versions.find((v) => v.version === record.currentVersion) ?? version;
  const gone = !input.forStaff && current.personalList && publicityOver(current.publicityEndsOn, today);
  const summary = presentSummary(input);
  const hide = gone || summary.withdrawal !== null;
  const allow = publicPhoneSet(input.org.publicPhones);
  const content = hide ? { body: { html: '', text: '' }, tables: [] } : publicContent(version, allow);
  const body = content.body;
  return {
    ...summary,
    districtCode: record.districtCode,
    communityCode: input.org.code,
    itemId: item?.item.id ?? record.itemId,
    itemKey: record.itemKey,
    bodyHtml: body.html,
    bodyText: body.text,
    tables: content.tables,
    attachments: hide ? [] : publicAttachments(record, version, input.attachments),
    updatedAt: version.publishedAt ?? now,
    listWithdrawnNote: gone ? listGoneNote(summary.publishedAt, current.publicityEndsOn!, current.publicityDays) : null,
    requiredChannels: item?.requiredChannels ?? [],
    informationFormedOn: version.informationFormedOn,
    periodFrom: version.periodFrom,
    periodTo: version.periodTo,
    correctionNote: version.version > 1 && version.correctionNote !== null ? maskTextKept(version.correctionNote) : null,
    corrections: corrections(input.versions),
  };
}

/**
 * A current version as a search result shows it: presentRecord's summary and masked text, without
 * the history and files a result never shows (search finds current versions only, and a current
 * version is its own judge of whether its list is past its 公示期).
 */
export function presentHit(input: Omit<PresentInput, 'versions' | 'attachments' | 'forStaff'>): PublicSearchHit {
  return presentRecord({ ...input, versions: [], attachments: [] });
}
