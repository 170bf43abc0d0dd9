import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { findOrganisationById, type OrgRow } from '../org/index.ts';
import { chineseDate } from '../../platform/time.ts';
import { complianceNow, type ComplianceNow } from './context.ts';
import { ORDER_REASONS } from './issueOrder.ts';
import { notify, staffOn } from './notifications.ts';
import * as orders from './supervisionRepository.ts';

/** Working days the community gets to answer an escalated case (重庆: 村 3 days, then the township 10). */
export const CASE_ORDER_WORKDAYS = 10;

export interface CaseOrderInput {
  caseId: number;
  orgId: number;
  /** '查询' or '疑义' and its subject, as the order list shows it. */
  title: string;
  reason: 'case_overdue' | 'case_disputed';
  /** The case's due date, for the instructions. */
  dueOn: string | null;
}

/** What an order on a case needs from outside the transaction (the embedded database has one connection). */
export interface CaseOrderContext {
  org: OrgRow;
  street: OrgRow | null;
  now: ComplianceNow;
}

export async function caseOrderContext(deps: Deps, orgId: number): Promise<CaseOrderContext> {
  const org = await findOrganisationById(deps, orgId);
  if (!org) throw new NotFoundError('没有找到这件申请所属的社区。');
  const street = org.parentId ? await findOrganisationById(deps, org.parentId) : null;
  return { org, street, now: await complianceNow(deps, org.districtCode) };
}

/**
 * The street's 督办 on a community's 查询 or 疑义 that was not answered by its date (or whose
 * answer the resident disputes). Issued by the request domain's daily job inside its own
 * transaction (the case is locked there); at most one order per case (a unique index), so a
 * second run returns the existing order. The community's editors and supervisors are notified.
 */
export async function issueCaseOrder(tx: Executor, ctx: CaseOrderContext, actor: AuditActor, input: CaseOrderInput): Promise<{ order: orders.OrderRow; created: boolean }> {
  const existing = await orders.findOrderOfCase(tx, input.caseId);
  if (existing) return { order: existing, created: false };
  const { org, street, now } = ctx;
  if (org.id !== input.orgId) throw new Error(`case ${input.caseId}: context of organisation ${org.id}, case of ${input.orgId}`);
  const deadline = now.cal.addWorkdays(now.today, CASE_ORDER_WORKDAYS);
  const late = input.dueOn ? `应于${chineseDate(input.dueOn)}前答复而未答复` : '未按期答复';
  const instructions = input.reason === 'case_overdue' ? `居民的${input.title}${late}，请核实后书面答复居民，并报告办理情况。` : `居民对${input.title}的答复有异议，请重新核实、答复并报告办理情况。`;
  const order = await orders.insertOrder(tx, {
    districtCode: org.districtCode,
    orgId: org.id,
    orgPath: org.path,
    obligationId: null,
    caseId: input.caseId,
    caseTitle: input.title,
    reasonKind: input.reason,
    instructions,
    workdays: CASE_ORDER_WORKDAYS,
    dueOn: deadline.due,
    dueExplanation: deadline.explanation,
    status: 'open',
    issuedById: null,
    issuedByName: '系统（逾期自动督办）',
    issuerOrgName: street?.name ?? '街道',
    issuedAt: now.now,
  });
  const notice = { kind: 'order', title: `督办：${input.title}（${ORDER_REASONS[input.reason]}）`, body: `${street?.name ?? '街道'}要求于${chineseDate(deadline.due)}前办理：${instructions}`, link: `/staff/compliance/orders/${order.id}` };
  await notify(tx, org.districtCode, await staffOn(tx, org, ['editor', 'supervisor']), notice, now.now);
  const data = { org: org.code, case: input.caseId, reason: input.reason, workdays: CASE_ORDER_WORKDAYS, dueOn: deadline.due };
  await appendAudit(tx, actor, { action: 'compliance.order_issue', subjectType: 'compliance_order', subjectId: order.id, districtCode: org.districtCode, data }, now.now);
  return { order, created: true };
}
