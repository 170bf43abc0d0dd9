import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { beijingDate, chineseDate } from '../../platform/time.ts';
import { caseOrderContext, issueCaseOrder } from '../compliance/index.ts';
import { answerDueOf, caseTitle, tellCompliance } from './complianceLink.ts';
import * as repo from './repository.ts';

const SYSTEM = { id: null, name: 'system:request-daily', ip: null };

export interface RequestDailyRun {
  /** 查询/疑义 that got the street's 督办 order in this run. */
  escalated: number;
  overdueRequests: number;
  correctionsLapsed: number;
}

/**
 * The daily pass over open cases. A 查询 or 疑义 not answered by its due date, or escalated or
 * disputed by staff, becomes the street's 督办 order (compliance) — once per case: the case is
 * locked, and its order_id and the order's unique case_id make a rerun change nothing. The case
 * shows 已转街道督办 with the order on its trail, and both are audited. Overdue 依申请公开 requests
 * and lapsed 补正 deadlines are counted for the staff queue, where they show as 已逾期.
 */
export async function runRequestDaily(deps: Deps): Promise<RequestDailyRun> {
  const now = deps.clock.now();
  const today = beijingDate(now);
  let escalated = 0;
  for (const c of await repo.listCasesToSupervise(deps.db.orm, today)) {
    if (await superviseCase(deps, c, today, now)) escalated++;
  }
  let overdueRequests = 0;
  let correctionsLapsed = 0;
  for (const c of await repo.listOpenCases(deps.db.orm, ['received', 'correction_requested', 'consulting'])) {
    if (c.kind !== 'disclosure') continue;
    const due = answerDueOf(c);
    if (c.state === 'correction_requested' && c.correctionDeadline && c.correctionDeadline < today) correctionsLapsed++;
    else if (due && due < today && c.state !== 'correction_requested') overdueRequests++;
  }
  return { escalated, overdueRequests, correctionsLapsed };
}

/** One case to the street's 督办, in one transaction with the case locked; false when another run got there first. */
async function superviseCase(deps: Deps, c: repo.CaseRow, today: string, now: Date): Promise<boolean> {
  const ctx = await caseOrderContext(deps, c.orgId);
  return deps.db.transaction(async (tx) => {
    const row = await repo.lockCase(tx, c.id);
    if (!row || row.orderId !== null || (row.kind !== 'query' && row.kind !== 'objection')) return false;
    const due = answerDueOf(row);
    const overdue = row.state === 'received' && due !== null && due < today;
    if (!overdue && row.state !== 'escalated' && !row.disputedOn) return false;
    const reason = row.disputedOn ? 'case_disputed' : 'case_overdue';
    const { order } = await issueCaseOrder(tx, ctx, SYSTEM, { caseId: row.id, orgId: row.orgId, title: caseTitle(row), reason, dueOn: due });
    const state = row.state === 'received' ? 'escalated' : row.state;
    const updated = await repo.updateCase(tx, row.id, { state, orderId: order.id });
    const why = reason === 'case_disputed' ? '对答复有争议' : '逾期未答复';
    const note = `已督办：${why}，街道督办单第 ${order.id} 号，要求社区${order.dueOn ? `于${chineseDate(order.dueOn)}前` : ''}办理`;
    await repo.insertStep(tx, { districtCode: row.districtCode, caseId: row.id, action: 'supervise', onDay: today, note, at: now });
    await tellCompliance(tx, updated, now);
    const data = { reason, order: order.id, dueOn: due, from: row.state, to: state };
    await appendAudit(tx, SYSTEM, { action: 'request.escalate', subjectType: 'request_case', subjectId: row.id, districtCode: row.districtCode, data }, now);
    return true;
  });
}
