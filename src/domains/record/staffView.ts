import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { storageFor } from '../../platform/storage.ts';
import type { OrgRow, SessionUser } from '../org/index.ts';
import { attachmentOf, loadRecord, orgOf } from './access.ts';
import { loadItemContext, type ItemContext } from './itemContext.ts';
import { assertCanSeeDrafts } from './policy.ts';
import { presentRecord } from './present.ts';
import { findUnmasked, overrideHolds, type Located } from './privacyGate.ts';
import type { PublicRecordView } from './publicView.ts';
import * as repo from './repository.ts';
import { reviewRequired } from './reviewSettings.ts';

export interface StaffRecord {
  record: repo.RecordRow;
  org: OrgRow;
  versions: repo.VersionRow[];
  /** The version being worked on (draft, submitted, returned), if any. */
  open: repo.VersionRow | null;
  current: repo.VersionRow | null;
  attachments: repo.AttachmentRow[];
  item: ItemContext | null;
  /** What the public would see of the open version (or sees of the current one), masked. */
  preview: PublicRecordView | null;
  /** A personal list past its 公示期: what staff still see (masked), shown beside the public view. */
  staffCopy: PublicRecordView | null;
  findings: Located[];
  overrideHolds: boolean;
  reviewRequired: boolean;
}

/** The public view of a draft as if published now: the live preview's source of truth. */
export function previewOf(record: repo.RecordRow, version: repo.VersionRow, versions: repo.VersionRow[], attachments: repo.AttachmentRow[], org: OrgRow, item: ItemContext | null, now: Date): PublicRecordView {
  const asPublished = { ...version, status: 'published' as const, publishedAt: now, publicityEndsOn: null, personalList: item?.personalList ?? version.personalList, audience: item?.audience ?? version.audience };
  const others = versions.filter((v) => v.id !== version.id && (v.status === 'published' || v.status === 'superseded'));
  return presentRecord({
    record: { ...record, currentVersion: version.version, firstPublishedAt: record.firstPublishedAt ?? now, withdrawnAt: null },
    version: asPublished,
    attachments,
    versions: [...others, asPublished],
    org,
    item,
    now,
  });
}

/** Everything the staff record page shows; drafts only for staff of the community and above. */
export async function staffRecord(deps: Deps, user: SessionUser | null, recordId: number): Promise<StaffRecord> {
  const record = await loadRecord(deps, recordId);
  assertCanSeeDrafts(user, record);
  const org = await orgOf(deps, record);
  const versions = await repo.listVersions(deps.db.orm, record.id);
  const open = [...versions].reverse().find((v) => v.status === 'draft' || v.status === 'submitted' || v.status === 'returned') ?? null;
  const current = versions.find((v) => v.version === record.currentVersion) ?? null;
  const shown = open ?? current;
  const attachments = shown ? await repo.listAttachments(deps.db.orm, [shown.id]) : [];
  const item = await loadItemContext(deps, org, record.itemKey);
  const now = deps.clock.now();
  const preview = open ? previewOf(record, open, versions, attachments, org, item, now) : current ? presentRecord({ record, version: current, attachments, versions, org, item, now }) : null;
  const staffCopy = !open && current && preview?.listWithdrawnNote ? presentRecord({ record, version: current, attachments, versions, org, item, now, forStaff: true }) : null;
  return {
    record,
    org,
    staffCopy,
    versions,
    open,
    current,
    attachments,
    item,
    preview,
    findings: open ? findUnmasked(open, attachments, now) : [],
    overrideHolds: open ? overrideHolds(open, attachments) : false,
    reviewRequired: await reviewRequired(deps, record.orgId),
  };
}

/** Records under the user's organisation, newest change first. */
export async function staffRecordList(deps: Deps, user: SessionUser) {
  return repo.listStaffRecords(deps.db.orm, user.orgPath);
}

/** What waits for this supervisor (records of their community only). */
export async function reviewQueue(deps: Deps, user: SessionUser) {
  return repo.listSubmitted(deps.db.orm, user.orgPath);
}

/** Any file of the record, for its staff and the admins above: the bytes as uploaded. */
export async function staffAttachment(deps: Deps, user: SessionUser, recordId: number, attachmentId: number) {
  const record = await loadRecord(deps, recordId);
  assertCanSeeDrafts(user, record);
  const row = await attachmentOf(deps, record, attachmentId);
  const bytes = await storageFor(deps.config).get(row.sha256);
  if (!bytes) throw new NotFoundError('没有找到这个附件。');
  return { bytes, mimeType: row.mimeType, fileName: row.fileName };
}
