import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import type { StaffActor } from '../../platform/principal.ts';
import { type OrgRow, findOrganisationById } from '../org/index.ts';
import { notify, staffOn } from './notifications.ts';
import { assertCanAnswerOrder, assertCanReviewOrder } from './policy.ts';
import * as orders from './supervisionRepository.ts';
import type { OrderStatus } from './types.ts';


const text = (min: number, what: string) =>
  z.object({
    text: z.string().trim().min(min, { error: `请填写${what}${min > 0 ? `（至少 ${min} 个字）` : ''}` }).max(2000, { error: `${what}不能超过 2000 个字` }),
  });

const answerInput = text(4, '整改情况');
const reviewInput = text(0, '审核意见');
export const returnInput = text(4, '退回理由');

async function loadOrder(deps: Deps, id: number): Promise<orders.OrderRow> {
  const order = await orders.findOrder(deps.db.orm, id);
  if (!order) throw new NotFoundError('没有找到这份督办单。');
  return order;
}

/** Changes an order's status inside a transaction, refusing when someone else changed it first. */
async function transition(
  deps: Deps,
  id: number,
  from: OrderStatus,
  fn: (tx: Executor, order: orders.OrderRow, now: Date) => Promise<void>,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const order = await orders.lockOrder(tx, id);
    if (!order) throw new NotFoundError('没有找到这份督办单。');
    if (order.status !== from) throw new ConflictError(from === 'open' ? '这份督办单已经答复过了。' : '这份督办单当前不在待审核状态。');
    await fn(tx, order, now);
  });
}

/** The community's editor answers with what was done. The issuer is notified. */
export async function answerOrder(deps: Deps, actor: StaffActor, id: number, raw: unknown): Promise<void> {
  const { text: response } = parseInput(answerInput, raw);
  const loaded = await loadOrder(deps, id);
  assertCanAnswerOrder(actor.user, loaded);
  const street = await streetOf(deps, loaded);
  await transition(deps, id, 'open', async (tx, order, now) => {
    await orders.updateOrder(tx, id, { status: 'answered', response, respondedBy: `${actor.user.displayName}（${actor.user.orgName}）`, respondedAt: now });
    await notify(tx, order.districtCode, await issuersOf(tx, order, street), { kind: 'order', title: `督办单第 ${id} 号已答复`, body: `${actor.user.orgName}：${response}`, link: `/staff/compliance/orders/${id}` }, now, { mail: true });
    await appendAudit(tx, actor, { action: 'compliance.order_answer', subjectType: 'compliance_order', subjectId: id, districtCode: order.districtCode, data: { response } }, now);
  });
}

/** The street above the community of an order the daily job issued (read before the transaction). */
async function streetOf(deps: Deps, order: orders.OrderRow): Promise<OrgRow | null> {
  if (order.issuedById != null) return null;
  const org = await findOrganisationById(deps, order.orgId);
  return org?.parentId ? findOrganisationById(deps, org.parentId) : null;
}

/** Who hears of an answer: the admin who issued the order, or the street's admins when the daily job did. */
async function issuersOf(tx: Executor, order: orders.OrderRow, street: OrgRow | null) {
  if (order.issuedById != null) return [{ id: order.issuedById, username: '', displayName: order.issuedByName }];
  return street ? staffOn(tx, street, ['street_admin']) : [];
}

async function tellCommunity(tx: Executor, org: OrgRow | null, order: orders.OrderRow, title: string, body: string, now: Date): Promise<void> {
  if (org) await notify(tx, order.districtCode, await staffOn(tx, org, ['editor']), { kind: 'order', title, body, link: `/staff/compliance/orders/${order.id}` }, now, { mail: true, group: org });
}

/** Loads the order and its community, checking the actor reviews orders there. */
async function loadForReview(deps: Deps, actor: StaffActor, id: number): Promise<OrgRow | null> {
  const order = await loadOrder(deps, id);
  assertCanReviewOrder(actor.user, order);
  return findOrganisationById(deps, order.orgId);
}

/** The admin accepts the answer: the order is 办结. */
export async function closeOrder(deps: Deps, actor: StaffActor, id: number, raw: unknown): Promise<void> {
  const { text: note } = parseInput(reviewInput, raw);
  const org = await loadForReview(deps, actor, id);
  await transition(deps, id, 'answered', async (tx, order, now) => {
    await orders.updateOrder(tx, id, { status: 'closed', closingNote: note || null, closedBy: `${actor.user.displayName}（${actor.user.orgName}）`, closedAt: now });
    await tellCommunity(tx, org, order, `督办单第 ${id} 号已办结`, note || '上级已确认整改完成。', now);
    await appendAudit(tx, actor, { action: 'compliance.order_close', subjectType: 'compliance_order', subjectId: id, districtCode: order.districtCode, data: { note } }, now);
  });
}

/** The admin returns an unsatisfactory answer: the order is open again. */
export async function returnOrder(deps: Deps, actor: StaffActor, id: number, raw: unknown): Promise<void> {
  const { text: note } = parseInput(returnInput, raw);
  const org = await loadForReview(deps, actor, id);
  await transition(deps, id, 'answered', async (tx, order, now) => {
    await orders.updateOrder(tx, id, { status: 'open', closingNote: `退回：${note}` });
    await tellCommunity(tx, org, order, `督办单第 ${id} 号被退回`, note, now);
    await appendAudit(tx, actor, { action: 'compliance.order_return', subjectType: 'compliance_order', subjectId: id, districtCode: order.districtCode, data: { note } }, now);
  });
}
