import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { findOrganisation } from '../org/index.ts';
import type { StaffActor } from './access.ts';
import { assertDistrictAdminOf } from './policy.ts';
import * as repo from './repository.ts';

/** Review is on unless the district admin turned it off for the community. */
export async function reviewRequired(deps: Deps, orgId: number): Promise<boolean> {
  return (await repo.findReviewSetting(deps.db.orm, orgId))?.reviewRequired ?? true;
}

export async function reviewSettingsOf(deps: Deps, orgIds: number[]): Promise<Map<number, boolean>> {
  return new Map((await repo.listReviewSettings(deps.db.orm, orgIds)).map((s) => [s.orgId, s.reviewRequired]));
}

/** Turns supervisor review on or off for one community; the audit log keeps who and when. */
export async function setReviewRequired(deps: Deps, actor: StaffActor, orgCode: string, required: boolean): Promise<void> {
  const org = await findOrganisation(deps, orgCode);
  if (!org) throw new NotFoundError('没有找到这个社区。');
  assertDistrictAdminOf(actor.user, org.path);
  if (org.kind !== 'community') throw new ValidationError('审核设置只适用于社区（村）。');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await repo.saveReviewSetting(tx, { orgId: org.id, districtCode: org.districtCode, reviewRequired: required, updatedBy: actor.name, updatedAt: now });
    await appendAudit(tx, actor, { action: required ? 'record.review_on' : 'record.review_off', subjectType: 'organisation', subjectId: org.code, districtCode: org.districtCode, data: { reviewRequired: required } }, now);
  });
}
