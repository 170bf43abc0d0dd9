import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { findOrganisationById, type SessionUser } from '../org/index.ts';
import { complianceNow } from './context.ts';
import { notify, staffOn } from './notifications.ts';
import { assertCanIssueOrder } from './policy.ts';
import * as repo from './repository.ts';
import { statusOf } from './status.ts';
import * as orders from './supervisionRepository.ts';
import { chineseDate } from '../../platform/time.ts';
import type { OrderReason } from './types.ts';

export const ORDER_REASONS: Record<OrderReason, string> = {
  overdue: '逾期未公开',
  incorrect: '公开内容有误或不全',
  case_overdue: '查询/疑义逾期未答复',
  case_disputed: '对查询/疑义的答复有争议',
};

const orderInput = z.object({
  reasonKind: z.enum(['overdue', 'incorrect'], { error: '请选择督办事由' }),
  instructions: z.string().trim().min(4, { error: '请写明督办要求（至少 4 个字）' }).max(1000, { error: '督办要求不能超过 1000 个字' }),
  workdays: z.coerce
    .number({ error: '整改期限应为 1 到 60 个工作日' })
    .int({ error: '整改期限应为整数个工作日' })
    .min(1, { error: '整改期限至少 1 个工作日' })
    .max(60, { error: '整改期限不能超过 60 个工作日' }),
});

/**
 * A street or district admin orders a community to fix an overdue (or wrong) disclosure within
 * its own working-day deadline. The community's editors are notified; all in one transaction.
 */
export async function issueOrder(deps: Deps, actor: AuditActor & { user: SessionUser }, obligationId: number, raw: unknown): Promise<orders.OrderRow> {
  const input = parseInput(orderInput, raw);
  const obligation = await repo.findObligation(deps.db.orm, obligationId);
  const org = obligation ? await findOrganisationById(deps, obligation.orgId) : null;
  if (!obligation || !org) throw new NotFoundError('没有找到这项公开义务。');
  assertCanIssueOrder(actor.user, org);
  const now = await complianceNow(deps, org.districtCode);
  const status = statusOf(obligation, now.day);
  if (input.reasonKind === 'overdue' && status !== 'overdue') throw new ValidationError('只有已逾期的公开义务可以按“逾期未公开”督办。');
  if (input.reasonKind === 'incorrect' && !obligation.fulfilledOn) throw new ValidationError('尚未公开的事项请按“逾期未公开”督办。');
  const deadline = now.cal.addWorkdays(now.today, input.workdays); // refuses a year the calendar does not know
  return deps.db.transaction(async (tx) => {
    // The obligation's row lock orders two admins (or a double click) issuing at once: the second
    // waits, then finds the first's order. No unique index covers "one unfinished order".
    await repo.lockObligation(tx, obligation.id);
    const unfinished = (await orders.listOrdersOfObligation(tx, obligation.id)).find((o) => o.status !== 'closed');
    if (unfinished) throw new ConflictError(`这项公开义务已有未办结的督办单（第 ${unfinished.id} 号）。`);
    const order = await orders.insertOrder(tx, {
      districtCode: org.districtCode,
      orgId: org.id,
      orgPath: org.path,
      obligationId: obligation.id,
      reasonKind: input.reasonKind,
      instructions: input.instructions,
      workdays: input.workdays,
      dueOn: deadline.due,
      dueExplanation: deadline.explanation,
      status: 'open',
      issuedById: actor.user.id,
      issuedByName: actor.user.displayName,
      issuerOrgName: actor.user.orgName,
      issuedAt: now.now,
    });
    const title = `督办：${obligation.itemName}（${ORDER_REASONS[input.reasonKind]}）`;
    const body = `${actor.user.orgName}要求于${chineseDate(deadline.due)}前整改：${input.instructions}`;
    await notify(tx, org.districtCode, await staffOn(tx, org, ['editor']), { kind: 'order', title, body, link: `/staff/compliance/orders/${order.id}` }, now.now, { mail: true, group: org });
    const data = { org: org.code, obligation: obligation.id, reason: input.reasonKind, workdays: input.workdays, dueOn: deadline.due };
    await appendAudit(tx, actor, { action: 'compliance.order_issue', subjectType: 'compliance_order', subjectId: order.id, districtCode: org.districtCode, data }, now.now);
    return order;
  });
}
