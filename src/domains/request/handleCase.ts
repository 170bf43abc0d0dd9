import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { StaffActor } from '../../platform/principal.ts';
import { beijingDate } from '../../platform/time.ts';
import { parseInput } from '../../platform/validate.ts';
import { calendarOf, datesOf, querySettingOf, type CaseDates } from './caseClock.ts';
import { assertCanHandle } from './policy.ts';
import { tellCompliance } from './complianceLink.ts';
import * as repo from './repository.ts';
import { STEPS, type StepName } from './steps.ts';

/**
 * A staff step on a case (see steps.ts): checked against the case's kind and state, applied,
 * added to the public trail and audited, all in one transaction with the case locked.
 */
export async function handleCase(deps: Deps, actor: StaffActor, caseId: number, step: string, raw: unknown): Promise<repo.CaseRow> {
  const def = STEPS[step as StepName];
  if (!def) throw new ValidationError('未知的办理操作。');
  const input = parseInput(def.input, raw ?? {});
  const before = await repo.findCase(deps.db.orm, caseId);
  if (!before) throw new NotFoundError('没有找到这件申请。');
  assertCanHandle(actor.user, before);
  const cal = await calendarOf(deps, before.districtCode);
  const setting = await querySettingOf(deps.db.orm, before.districtCode);
  const now = deps.clock.now();
  const today = beijingDate(now);
  return deps.db.transaction(async (tx) => {
    const row = await repo.lockCase(tx, caseId);
    if (!row) throw new NotFoundError('没有找到这件申请。');
    if (!def.kinds.includes(row.kind) || !def.from.includes(row.state)) throw new ConflictError(`这件申请当前不能“${def.label}”。`);
    const monthCount = step === 'reply' ? await repo.countApplicantMonth(tx, row) : 0;
    const result = def.run(input, { today, row, actor: { id: actor.user.id, name: actor.user.displayName }, monthCount });
    const merged = { ...row, ...result.changes };
    const dates: Partial<CaseDates> = result.recompute ? datesOf(cal, row.kind, setting, merged) : {};
    const closing = merged.state === 'closed' || merged.state === 'abandoned';
    const updated = await repo.updateCase(tx, row.id, { ...result.changes, ...dates, ...(closing ? { closedAt: now } : {}) });
    await repo.insertStep(tx, { districtCode: row.districtCode, caseId: row.id, action: step, onDay: result.onDay ?? today, note: result.note, at: now });
    await tellCompliance(tx, updated, now);
    const data = { step, from: row.state, to: updated.state, ...(dates.dueOn !== undefined ? { dueOn: dates.dueOn } : {}) };
    await appendAudit(tx, actor, { action: `request.${step}`, subjectType: 'request_case', subjectId: row.id, districtCode: row.districtCode, data }, now);
    return updated;
  });
}
