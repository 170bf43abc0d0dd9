import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ConflictError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { bumpPublicVersion } from '../org/index.ts';
import { maskText } from './privacy/index.ts';
import { loadRecord, type StaffActor } from './access.ts';
import { recordWithdrawn } from './complianceHooks.ts';
import { assertCanWithdraw, assertEditor } from './policy.ts';
import * as repo from './repository.ts';

// The 更正 note and the withdrawal reason are shown to the public: a personal number typed into
// them is stored masked, so no later surface (page, feed, export, audit) can show it whole.
const publicNote = (min: string, max: string) =>
  z.string().trim().min(4, { error: min }).max(1000, { error: max }).transform((s) => maskText(s).text);

const correctionInput = z.object({
  correctionNote: publicNote('请写明更正的内容和原因（至少 4 个字），公众会看到', '更正说明不能超过 1000 字'),
});

const withdrawInput = z.object({
  reason: publicNote('请写明撤回原因（至少 4 个字），公众会看到', '撤回原因不能超过 1000 字'),
});

async function publishedRecord(deps: Deps, recordId: number): Promise<{ record: repo.RecordRow; current: repo.VersionRow }> {
  const record = await loadRecord(deps, recordId);
  if (record.withdrawnAt) throw new ConflictError('这条记录已撤回。');
  const current = (await repo.listVersions(deps.db.orm, record.id)).find((v) => v.version === record.currentVersion);
  if (!current) throw new ConflictError('这条记录还没有发布，请直接修改草稿。');
  return { record, current };
}

/**
 * Starts a correction: a new draft version copied from the published one (its attachments too).
 * The published version stays as it is and stays visible; the correction goes through review.
 */
export async function startCorrection(deps: Deps, actor: StaffActor, recordId: number, raw: unknown): Promise<repo.VersionRow> {
  const { correctionNote } = parseInput(correctionInput, raw);
  const { record, current } = await publishedRecord(deps, recordId);
  assertEditor(actor.user, record);
  return copyAsCorrection(deps, actor, record, current, correctionNote, deps.clock.now());
}

async function copyAsCorrection(deps: Deps, actor: StaffActor, record: repo.RecordRow, current: repo.VersionRow, correctionNote: string, now: Date): Promise<repo.VersionRow> {
  return deps.db.transaction(async (tx) => {
    // Two editors correcting at once: the record's row lock makes the second wait, then see the
    // first's draft. Checked before the lock, a draft committed in between went unseen and both
    // got a correction (numbered one after the other, so no unique index caught it).
    const locked = await repo.lockRecord(tx, record.id);
    if (!locked || locked.withdrawnAt) throw new ConflictError('这条记录已撤回。');
    if (locked.currentVersion !== current.version) throw new ConflictError('这条记录刚刚发布了新的版本，请刷新页面后再更正。');
    if (await repo.openVersion(tx, record.id)) throw new ConflictError('这条记录已有一个正在处理的更正版本。');
    const version = Math.max(...(await repo.listVersions(tx, record.id)).map((v) => v.version)) + 1;
    const next = await repo.insertVersion(tx, {
      recordId: record.id,
      districtCode: record.districtCode,
      version,
      status: 'draft',
      title: current.title,
      bodyMd: current.bodyMd,
      tables: current.tables,
      informationFormedOn: current.informationFormedOn,
      periodFrom: current.periodFrom,
      periodTo: current.periodTo,
      publicity: current.publicity,
      publicityDays: current.publicityDays,
      correctionNote,
      personalList: current.personalList,
      audience: current.audience,
      authorId: actor.user.id,
      authorName: actor.user.displayName,
      updatedAt: now,
    });
    await repo.copyAttachments(tx, current.id, next.id);
    await appendAudit(tx, actor, { action: 'record.correct', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { version: next.version, correctionNote } }, now);
    return next;
  });
}

/** Withdraws a published record: content leaves public pages, a trace with the reason stays. */
export async function withdrawRecord(deps: Deps, actor: StaffActor, recordId: number, raw: unknown): Promise<void> {
  const { reason } = parseInput(withdrawInput, raw);
  const { record } = await publishedRecord(deps, recordId);
  assertCanWithdraw(actor.user, record);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.updateRecord(tx, record.id, { withdrawnAt: now, withdrawnReason: reason, withdrawnBy: actor.user.displayName });
    await repo.deleteSearchText(tx, record.id);
    await bumpPublicVersion(tx, record.orgId, 'content');
    await recordWithdrawn(tx, deps, { recordId: record.id, at: now });
    await appendAudit(tx, actor, { action: 'record.withdraw', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { reason } }, now);
  });
}
