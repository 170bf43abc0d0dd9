import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { beijingDate } from '../../platform/time.ts';
import * as repo from './repository.ts';

const SYSTEM = { id: null, name: 'system:request-daily', ip: null };

export interface RequestDailyRun {
  escalated: number;
  overdueRequests: number;
  correctionsLapsed: number;
}

/**
 * The daily pass over open cases: a 查询 or 疑义 not answered by its due date goes to the street
 * (state 已转街道督办, on the trail and audited); overdue 依申请公开 requests and lapsed 补正
 * deadlines are counted for the staff queue, where they show as 已逾期. Running twice a day
 * changes nothing the second time.
 */
export async function runRequestDaily(deps: Deps): Promise<RequestDailyRun> {
  const now = deps.clock.now();
  const today = beijingDate(now);
  const open = await repo.listOpenCases(deps.db.orm, ['received', 'correction_requested', 'consulting']);
  let escalated = 0;
  let overdueRequests = 0;
  let correctionsLapsed = 0;
  for (const c of open) {
    const due = c.extended ? c.extendedDueOn : c.dueOn;
    if (c.kind === 'disclosure') {
      if (c.state === 'correction_requested' && c.correctionDeadline && c.correctionDeadline < today) correctionsLapsed++;
      else if (due && due < today && c.state !== 'correction_requested') overdueRequests++;
      continue;
    }
    if (c.state !== 'received' || !due || due >= today) continue;
    await deps.db.transaction(async (tx) => {
      const row = await repo.lockCase(tx, c.id);
      if (!row || row.state !== 'received') return;
      await repo.updateCase(tx, row.id, { state: 'escalated' });
      await repo.insertStep(tx, { districtCode: row.districtCode, caseId: row.id, action: 'escalate', onDay: today, note: '逾期未答复，自动转街道督办', at: now });
      await appendAudit(tx, SYSTEM, { action: 'request.escalate', subjectType: 'request_case', subjectId: row.id, districtCode: row.districtCode, data: { reason: 'overdue', dueOn: due } }, now);
      escalated++;
    });
  }
  return { escalated, overdueRequests, correctionsLapsed };
}
