import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { loadRecord, lockStillOpen, orgOf, requireOpenVersion, type StaffActor } from './access.ts';
import { assertSupervisor } from './policy.ts';
import { preparePublication, publishPrepared } from './publishVersion.ts';
import * as repo from './repository.ts';
import { tellApproved, tellReturned } from './reviewNotices.ts';
import { parseBeijingDateTime } from '../../platform/time.ts';

const approveInput = z.object({
  comment: z.string().trim().max(1000, { error: '意见不能超过 1000 字' }).optional(),
  publishAt: z.string().trim().max(30).optional(),
});

export const returnInput = z.object({
  comment: z.string().trim().min(2, { error: '退回时请写明需要修改的地方' }).max(1000, { error: '意见不能超过 1000 字' }),
});

/** Nobody reviews what they wrote or submitted themselves. */
function assertNotOwn(actor: StaffActor, version: repo.VersionRow): void {
  if (version.authorId === actor.user.id || version.submittedById === actor.user.id) {
    throw new ForbiddenError('不能审核自己起草或提交的记录，请由其他监督委员会成员审核。');
  }
}

/** A supervisor approves: published now, or at the set time (the editor's, or one given here). */
export async function approveRecord(deps: Deps, actor: StaffActor, recordId: number, raw: unknown): Promise<Date> {
  const input = parseInput(approveInput, raw);
  const record = await loadRecord(deps, recordId);
  assertSupervisor(actor.user, record);
  const version = await requireOpenVersion(deps.db.orm, record, ['submitted'], '审核通过');
  assertNotOwn(actor, version);
  const requested = input.publishAt ? parseBeijingDateTime(input.publishAt) : version.publishAt;
  if (input.publishAt && !requested) throw new ValidationError('定时发布时间格式不对');
  const org = await orgOf(deps, record);
  const prepared = await preparePublication(deps, org, record, version, requested);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await lockStillOpen(tx, record.id, version);
    await appendAudit(tx, actor, { action: 'record.approve', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { version: version.version, comment: input.comment ?? null } }, now);
    await publishPrepared(tx, deps, actor, prepared, { reviewerId: actor.user.id, reviewerName: actor.user.displayName, reviewedAt: now, reviewComment: input.comment || null });
    await tellApproved(tx, org, record, version, actor.user, prepared.values.publishedAt as Date, now);
  });
  return prepared.values.publishedAt as Date;
}

/** A supervisor returns the record to the editor with comments. */
export async function returnRecord(deps: Deps, actor: StaffActor, recordId: number, raw: unknown): Promise<void> {
  const { comment } = parseInput(returnInput, raw);
  const record = await loadRecord(deps, recordId);
  assertSupervisor(actor.user, record);
  const version = await requireOpenVersion(deps.db.orm, record, ['submitted'], '退回');
  assertNotOwn(actor, version);
  const org = await orgOf(deps, record);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await lockStillOpen(tx, record.id, version);
    await tellReturned(tx, org, record, version, actor.user, comment, now);
    await repo.updateVersion(tx, version.id, { status: 'returned', reviewerId: actor.user.id, reviewerName: actor.user.displayName, reviewedAt: now, reviewComment: comment, updatedAt: now });
    await appendAudit(tx, actor, { action: 'record.return', subjectType: 'record', subjectId: record.id, districtCode: record.districtCode, data: { version: version.version, comment } }, now);
  });
}
