import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { loadRecord, lockStillOpen, orgOf, requireOpenVersion, type StaffActor } from './access.ts';
import { assertEditor, assertSupervisor } from './policy.ts';
import { findUnmasked, fingerprint, KIND_LABELS, maskContent, overrideHolds, type Located } from './privacyGate.ts';
import { loadItemContext } from './itemContext.ts';
import { assertListHasPublicity } from './publicity.ts';
import { preparePublication, publishPrepared } from './publishVersion.ts';
import * as repo from './repository.ts';
import { reviewRequired } from './reviewSettings.ts';
import { tellSubmitted } from './reviewNotices.ts';

/** Submission refused while personal numbers are written out in full; lists where they are. */
export class PrivacyBlockedError extends ValidationError {
  constructor(readonly found: Located[]) {
    const sample = found
      .slice(0, 5)
      .map((f) => `${f.where}的${KIND_LABELS[f.finding.kind] ?? '号码'} ${f.finding.masked}`)
      .join('；');
    super(`还有 ${found.length} 处身份证号、手机号或银行卡号没有遮盖（${sample}${found.length > 5 ? '……' : ''}），不能提交。请点“一键遮盖”，或删除含号码的附件；确需保留的，请监督委员会成员填写理由后放行。`);
  }
}

async function contentOf(deps: Deps, version: repo.VersionRow) {
  return repo.listAttachments(deps.db.orm, [version.id]);
}

function assertComplete(version: repo.VersionRow, attachments: repo.AttachmentRow[]): void {
  if (version.bodyMd.trim() === '' && version.tables.length === 0 && attachments.length === 0) {
    throw new ValidationError('记录还没有内容：请填写正文，或导入表格、上传附件后再提交。');
  }
  if (version.version > 1 && !version.correctionNote?.trim()) throw new ValidationError('更正记录需要填写更正说明（改了什么、为什么改），公众会看到。');
}

/**
 * The editor submits the draft. Personal numbers in full block it (unless a supervisor's override
 * covers exactly this content). With review on it waits for a supervisor; with review off it is
 * published at once and the audit log says review was off.
 */
export async function submitRecord(deps: Deps, actor: StaffActor, recordId: number): Promise<'submitted' | 'published'> {
  const record = await loadRecord(deps, recordId);
  assertEditor(actor.user, record);
  const version = await requireOpenVersion(deps.db.orm, record, ['draft', 'returned'], '提交');
  const attachments = await contentOf(deps, version);
  assertComplete(version, attachments);
  const org = await orgOf(deps, record);
  assertListHasPublicity(version, await loadItemContext(deps, org, record.itemKey));
  const found = findUnmasked(version, attachments, deps.clock.now());
  if (found.length > 0 && !overrideHolds(version, attachments)) throw new PrivacyBlockedError(found);
  const now = deps.clock.now();
  const submitted = { status: 'submitted' as const, submittedAt: now, submittedById: actor.user.id, updatedAt: now };
  const audit = { action: 'record.submit', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { version: version.version, override: found.length > 0 } };
  if (await reviewRequired(deps, record.orgId)) {
    await deps.db.transaction(async (tx) => {
      await lockStillOpen(tx, record.id, version, { text: true, files: attachments });
      await repo.updateVersion(tx, version.id, submitted);
      await appendAudit(tx, actor, audit, now);
      await tellSubmitted(tx, org, record, version, actor.user, now);
    });
    return 'submitted';
  }
  const prepared = await preparePublication(deps, org, record, version, version.publishAt);
  await deps.db.transaction(async (tx) => {
    await lockStillOpen(tx, record.id, version, { text: true, files: attachments });
    await appendAudit(tx, actor, { ...audit, data: { ...audit.data, review: 'off' } }, now);
    await publishPrepared(tx, deps, actor, prepared, { ...submitted, status: 'published', reviewSkipped: true });
  });
  return 'published';
}

/** The editor's one-click fix: masks every number found in title, body and table text. */
export async function maskDraft(deps: Deps, actor: StaffActor, recordId: number): Promise<number> {
  const record = await loadRecord(deps, recordId);
  assertEditor(actor.user, record);
  const version = await requireOpenVersion(deps.db.orm, record, ['draft', 'returned'], '修改');
  const now = deps.clock.now();
  const count = findUnmasked(version, [], now).length;
  await deps.db.transaction(async (tx) => {
    await lockStillOpen(tx, record.id, version, { text: true });
    await repo.updateVersion(tx, version.id, { ...maskContent(version), updatedAt: now });
    await appendAudit(tx, actor, { action: 'record.mask', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { version: version.version, masked: count } }, now);
  });
  return count;
}

const overrideInput = z.object({
  reason: z.string().trim().min(10, { error: '请写明放行理由（至少 10 个字），它会记入审计日志' }).max(1000, { error: '理由不能超过 1000 字' }),
});

/** A supervisor lets this exact content be submitted despite the findings, with a written reason. */
export async function overridePrivacy(deps: Deps, actor: StaffActor, recordId: number, raw: unknown): Promise<void> {
  const { reason } = parseInput(overrideInput, raw);
  const record = await loadRecord(deps, recordId);
  assertSupervisor(actor.user, record);
  const version = await requireOpenVersion(deps.db.orm, record, ['draft', 'returned'], '放行');
  const attachments = await contentOf(deps, version);
  const now = deps.clock.now();
  const found = findUnmasked(version, attachments, now);
  if (found.length === 0) throw new ConflictError('这条记录没有未遮盖的号码，不需要放行。');
  const override = { byId: actor.user.id, byName: actor.user.displayName, reason, at: now.toISOString(), fingerprint: fingerprint(version, attachments), findings: found.length };
  await deps.db.transaction(async (tx) => {
    await lockStillOpen(tx, record.id, version, { text: true, files: attachments });
    await repo.updateVersion(tx, version.id, { privacyOverride: override });
    await appendAudit(tx, actor, { action: 'record.privacy_override', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { version: version.version, reason, findings: found.map((f) => `${f.where}:${f.finding.kind}:${f.finding.masked}`) } }, now);
  });
}
