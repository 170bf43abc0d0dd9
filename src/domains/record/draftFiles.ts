import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { UPLOAD_LIMIT_BYTES } from '../../platform/http.ts';
import { attachmentOf, loadRecord, lockStillOpen, requireOpenVersion, type StaffActor } from './access.ts';
import { storageFor } from '../../platform/storage.ts';
import { bumpPublicVersion } from '../org/index.ts';
import { assertEditor, assertSupervisor } from './policy.ts';
import { scanFile } from './privacy/index.ts';
import * as repo from './repository.ts';
import { importTable, type TableFile } from './tables/importTable.ts';

const MAX_ATTACHMENTS = 20;

/** Reads a table from .xlsx/.csv into the draft; ID and phone columns arrive masked. */
export async function importTableIntoDraft(deps: Deps, actor: StaffActor, recordId: number, file: TableFile): Promise<{ warnings: string[]; errors: string[] }> {
  const record = await loadRecord(deps, recordId);
  assertEditor(actor.user, record);
  const version = await requireOpenVersion(deps.db.orm, record, ['draft', 'returned'], '导入表格');
  if (version.tables.length >= 10) throw new ValidationError('一条记录最多 10 张表格。');
  const { table, errors, warnings } = await importTable(file);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await lockStillOpen(tx, record.id, version, { text: true });
    await repo.updateVersion(tx, version.id, { tables: [...version.tables, table], updatedAt: now });
    await appendAudit(
      tx,
      actor,
      { action: 'record.table_import', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { version: version.version, file: file.fileName.slice(0, 200), rows: table.rows.length, columns: table.columns.map((c) => c.type) } },
      now,
    );
  });
  return { warnings, errors };
}

/** What may be attached, decided from the bytes: PDF, pictures, Word and Excel. */
const ALLOWED: Record<string, { scanned: boolean }> = {
  'application/pdf': { scanned: true },
  'image/png': { scanned: false },
  'image/jpeg': { scanned: false },
  'image/gif': { scanned: false },
  'image/webp': { scanned: false },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { scanned: true },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { scanned: true },
};

function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  // Control characters and the characters file systems and headers choke on become '_'.
  const cleaned = [...base].map((ch) => (ch.charCodeAt(0) < 0x20 || '"<>|*?:'.includes(ch) ? '_' : ch)).join('');
  return cleaned.slice(0, 120) || 'file';
}

/** The size limit in words, for the page the upload came from. */
export const UPLOAD_TOO_BIG = `文件太大，没有上传：单个文件不能超过 ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB。请压缩或拆分后再上传（扫描件可降低分辨率，长表格可分成几个文件）。`;

export interface InspectedFile {
  fileName: string;
  mimeType: string;
  scanned: boolean;
  findings: { kind: string; masked: string }[];
}

/**
 * The record domain's rules for an uploaded file, shared with other domains' attachments: the
 * type decided from the bytes, a safe file name, and the personal numbers found in PDF, Word and
 * Excel text (pictures cannot be scanned).
 */
export async function inspectAttachment(file: TableFile): Promise<InspectedFile> {
  if (file.bytes.length === 0) throw new ValidationError('请选择要上传的文件。');
  const { fileTypeFromBuffer } = await import('file-type'); // ~10 MB, for uploads only
  const type = await fileTypeFromBuffer(file.bytes);
  const rule = type ? ALLOWED[type.mime] : undefined;
  if (!type || !rule) throw new ValidationError(`“${safeName(file.fileName)}”不是可接受的附件。附件只能是 PDF、图片（PNG、JPEG）、Word（.docx）或 Excel（.xlsx）文件，单个文件不超过 10 MB。`);
  const findings = rule.scanned ? (await scanFile(file)).findings.map((f) => ({ kind: f.kind as string, masked: f.masked })) : [];
  return { fileName: safeName(file.fileName), mimeType: type.mime, scanned: rule.scanned, findings };
}

async function assertRoomForFile(ex: Executor, versionId: number): Promise<void> {
  if ((await repo.listAttachments(ex, [versionId])).length >= MAX_ATTACHMENTS) throw new ValidationError(`一条记录最多 ${MAX_ATTACHMENTS} 个附件。`);
}

/**
 * Stores an attachment content-addressed and scans the text of PDF, Word and Excel files for
 * personal numbers. A file with any is kept for staff but never offered to the public.
 */
export async function addAttachment(deps: Deps, actor: StaffActor, recordId: number, file: TableFile): Promise<repo.AttachmentRow> {
  const record = await loadRecord(deps, recordId);
  assertEditor(actor.user, record);
  const version = await requireOpenVersion(deps.db.orm, record, ['draft', 'returned'], '添加附件');
  await assertRoomForFile(deps.db.orm, version.id); // before the file is inspected and stored
  const inspected = await inspectAttachment(file);
  const { findings, scanned, mimeType } = inspected;
  const sha256 = await storageFor(deps.config).put(file.bytes);
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    await lockStillOpen(tx, record.id, version);
    await assertRoomForFile(tx, version.id); // again under the lock: two uploads at once both saw room for one
    const row = await repo.insertAttachment(tx, {
      versionId: version.id,
      districtCode: record.districtCode,
      sha256,
      fileName: inspected.fileName,
      mimeType,
      size: file.bytes.length,
      scanned,
      findings,
      createdBy: actor.name,
      createdAt: now,
    });
    await repo.updateVersion(tx, version.id, { updatedAt: now });
    await appendAudit(tx, actor, { action: 'record.attach', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { version: version.version, file: row.fileName, sha256, mime: mimeType, findings: findings.length } }, now);
    return row;
  });
}

export async function removeAttachment(deps: Deps, actor: StaffActor, recordId: number, attachmentId: number): Promise<void> {
  const record = await loadRecord(deps, recordId);
  assertEditor(actor.user, record);
  const version = await requireOpenVersion(deps.db.orm, record, ['draft', 'returned'], '删除附件');
  const attachment = await repo.findAttachment(deps.db.orm, attachmentId);
  if (!attachment || attachment.versionId !== version.id) throw new NotFoundError('没有找到这个附件。');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await lockStillOpen(tx, record.id, version);
    await repo.deleteAttachment(tx, attachment.id);
    await appendAudit(tx, actor, { action: 'record.detach', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { version: version.version, file: attachment.fileName, sha256: attachment.sha256 } }, now);
  });
}

/**
 * A picture cannot be scanned (no OCR), so it stays off public pages until a supervisor of the
 * community has looked at it and says it holds no ID, phone or bank number. Audited; the release
 * follows the file into later corrections (same bytes).
 */
export async function releasePicture(deps: Deps, actor: StaffActor, recordId: number, attachmentId: number): Promise<void> {
  const record = await loadRecord(deps, recordId);
  assertSupervisor(actor.user, record);
  const attachment = await attachmentOf(deps, record, attachmentId);
  if (attachment.scanned) throw new ConflictError('这个附件已自动检查，不需要人工确认。');
  if (attachment.releasedAt) return;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.releaseAttachment(tx, attachment.id, actor.user.displayName, now);
    await bumpPublicVersion(tx, record.orgId, 'content'); // the picture joins the record's public page
    await appendAudit(tx, actor, { action: 'record.picture_release', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { file: attachment.fileName, sha256: attachment.sha256 } }, now);
  });
}
