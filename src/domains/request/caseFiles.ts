/**
 * Files attached to a case's reply. The record domain's rules decide what a file may be (type
 * from the bytes, 10 MB, the privacy scan); the bytes go to platform storage by hash. Only staff
 * who handle the case (policy.ts) upload, list, download or delete; each change is one
 * transaction with the case's public trail step and the audit entry.
 *
 * Privacy rule: the reply goes to the applicant alone, so numbers in a file may well be the
 * applicant's own (their 低保 decision, their contract). The scanner cannot tell whose numbers they
 * are, so a file with any is refused until the uploader confirms, with a tick, that the numbers
 * are the applicant's own or may lawfully be given to them. The confirmation is stored and
 * audited. (Refusing outright would block legitimate replies; accepting silently would let a
 * third party's ID number slip out with no one having looked.)
 */
import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { StaffActor, SessionUser } from '../../platform/principal.ts';
import { storageFor } from '../../platform/storage.ts';
import { beijingDate } from '../../platform/time.ts';
import { inspectAttachment, maskText } from '../record/index.ts';
import { assertCanHandle } from './policy.ts';
import * as repo from './repository.ts';

const MAX_FILES = 20;
const FINAL_STATES = new Set(['closed', 'abandoned']);

export interface UploadInput {
  fileName: string;
  bytes: Uint8Array;
  /** The uploader ticked: any personal numbers in the file are the applicant's own or may go to them. */
  confirmed: boolean;
}

/** Refused because the scan found personal numbers and nobody confirmed yet: the page asks for the tick. */
export class NeedsConfirmation extends ValidationError {}

async function caseOf(deps: Deps, user: SessionUser, caseId: number): Promise<repo.CaseRow> {
  const row = await repo.findCase(deps.db.orm, caseId);
  if (!row) throw new NotFoundError('没有找到这件申请。');
  assertCanHandle(user, row);
  return row;
}

/**
 * Inside the transaction that changes a case's files: the case's row lock (closing takes it too)
 * and its state again. Checked only before, a file being inspected while the case was closed
 * still landed on the closed case, changing its public trail and letter after 办结.
 */
async function lockOpenCase(tx: Executor, caseId: number, refusal: string): Promise<void> {
  const locked = await repo.lockCase(tx, caseId);
  if (!locked || FINAL_STATES.has(locked.state)) throw new ConflictError(refusal);
}

async function assertRoomForFile(ex: Executor, caseId: number): Promise<void> {
  if ((await repo.listCaseAttachments(ex, caseId)).length >= MAX_FILES) throw new ValidationError(`一件申请最多 ${MAX_FILES} 个附件。`);
}

/** A file name fit for the public trail and the letter: ID, phone and bank numbers masked. */
export function publicFileName(name: string): string {
  return maskText(name).text;
}

export async function addCaseFile(deps: Deps, actor: StaffActor, caseId: number, file: UploadInput): Promise<repo.CaseAttachmentRow> {
  const row = await caseOf(deps, actor.user, caseId);
  const refusal = '这件申请已办结，不能再添加附件。';
  if (FINAL_STATES.has(row.state)) throw new ConflictError(refusal);
  await assertRoomForFile(deps.db.orm, row.id); // before the file is inspected and stored
  const inspected = await inspectAttachment(file);
  if (inspected.findings.length > 0 && !file.confirmed) {
    const shown = inspected.findings.slice(0, 3).map((f) => f.masked).join('、');
    throw new NeedsConfirmation(`“${inspected.fileName}”中有 ${inspected.findings.length} 处个人号码（${shown}）。如果这些号码是申请人本人的，或依法可以提供给申请人，请勾选确认后重新上传；否则请先遮盖后再上传。`);
  }
  const sha256 = await storageFor(deps.config).put(file.bytes);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await lockOpenCase(tx, row.id, refusal);
    await assertRoomForFile(tx, row.id); // again under the lock: two uploads at once both saw room for one
    const confirmedBy = inspected.findings.length > 0 ? actor.user.displayName : null;
    const saved = await repo.insertCaseAttachment(tx, {
      districtCode: row.districtCode,
      caseId: row.id,
      sha256,
      fileName: inspected.fileName,
      mimeType: inspected.mimeType,
      size: file.bytes.length,
      findings: inspected.findings,
      confirmedBy,
      createdBy: actor.name,
      createdAt: now,
    });
    await repo.insertStep(tx, { districtCode: row.districtCode, caseId: row.id, action: 'attach', onDay: beijingDate(now), note: '添加答复附件 1 个', at: now });
    const data = { file: saved.fileName, sha256, mime: saved.mimeType, findings: saved.findings.length, confirmed: confirmedBy !== null };
    await appendAudit(tx, actor, { action: 'request.attach', subjectType: 'request_case', subjectId: row.id, districtCode: row.districtCode, data }, now);
    return saved;
  });
}

export async function removeCaseFile(deps: Deps, actor: StaffActor, caseId: number, fileId: number): Promise<void> {
  const row = await caseOf(deps, actor.user, caseId);
  const refusal = '这件申请已办结，不能再删除附件。';
  if (FINAL_STATES.has(row.state)) throw new ConflictError(refusal);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await lockOpenCase(tx, row.id, refusal);
    const gone = await repo.deleteCaseAttachment(tx, row.id, fileId);
    if (!gone) throw new NotFoundError('没有找到这个附件。');
    await repo.insertStep(tx, { districtCode: row.districtCode, caseId: row.id, action: 'detach', onDay: beijingDate(now), note: '删除答复附件 1 个', at: now });
    await appendAudit(tx, actor, { action: 'request.detach', subjectType: 'request_case', subjectId: row.id, districtCode: row.districtCode, data: { file: gone.fileName, sha256: gone.sha256 } }, now);
  });
}

export async function caseFiles(deps: Deps, user: SessionUser, caseId: number): Promise<repo.CaseAttachmentRow[]> {
  const row = await caseOf(deps, user, caseId);
  return repo.listCaseAttachments(deps.db.orm, row.id);
}

/** Names for the letter, numbers masked (the public tracking page shows only how many). */
export async function caseFileNames(deps: Deps, caseId: number): Promise<string[]> {
  return (await repo.listCaseAttachments(deps.db.orm, caseId)).map((f) => publicFileName(f.fileName));
}

export async function caseFileDownload(deps: Deps, user: SessionUser, caseId: number, fileId: number) {
  const file = (await caseFiles(deps, user, caseId)).find((f) => f.id === fileId);
  const bytes = file ? await storageFor(deps.config).get(file.sha256) : null;
  if (!file || !bytes) throw new NotFoundError('没有找到这个附件。');
  return { bytes, mimeType: file.mimeType, fileName: file.fileName };
}
