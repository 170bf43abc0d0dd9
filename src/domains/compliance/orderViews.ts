import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { findOrganisation, findOrganisationById, listOrgsFlat, inScope, isAdmin, type OrgRow, type SessionUser } from '../org/index.ts';
import { complianceNow } from './context.ts';
import { assertViewCommunity, assertViewOrder, canAnswerOrder } from './policy.ts';
import { presentObligation, presentOrder, type ObligationView, type OrderView } from './present.ts';
import * as repo from './repository.ts';
import { statusOf } from './status.ts';
import * as store from './supervisionRepository.ts';
import type { OrderStatus } from './types.ts';

export interface OrderListItem extends store.OrderRow {
  view: OrderView;
  orgName: string;
  itemName: string;
}

/** 督办 orders the user may see: admins their subtree's, community staff their own community's. */
export async function listOrdersFor(deps: Deps, user: SessionUser, q: { orgCode?: string; status?: OrderStatus }): Promise<{ orders: OrderListItem[]; scope: OrgRow | null }> {
  let path = user.orgPath;
  let scope: OrgRow | null = null;
  if (q.orgCode) {
    scope = await findOrganisation(deps, q.orgCode);
    if (!scope) throw new NotFoundError('没有找到这个组织。');
    assertViewCommunity(user, scope);
    path = scope.path;
  }
  const [rows, orgs, now] = await Promise.all([store.listOrdersUnder(deps.db.orm, path, q.status), listOrgsFlat(deps, user.orgPath), complianceNow(deps, user.districtCode)]);
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const obligations = await repo.obligationsByIds(deps.db.orm, rows.flatMap((o) => (o.obligationId == null ? [] : [o.obligationId])));
  return {
    scope,
    orders: rows.map((o) => ({ ...o, view: presentOrder(o, now.today), orgName: names.get(o.orgId) ?? '', itemName: subjectName(o, obligations) })),
  };
}

/** What an order is about: the obligation's item, or the resident's case. */
function subjectName(o: store.OrderRow, obligations: Map<number, { itemName: string }>): string {
  if (o.caseTitle) return o.caseTitle;
  return o.obligationId == null ? '' : (obligations.get(o.obligationId)?.itemName ?? '');
}

export interface OrderDetail {
  order: store.OrderRow;
  view: OrderView;
  org: OrgRow;
  /** Null when the order is about a resident's case (caseId). */
  obligation: ObligationView | null;
  canAnswer: boolean;
  canReview: boolean;
}

export async function orderDetail(deps: Deps, user: SessionUser, id: number): Promise<OrderDetail> {
  const order = await store.findOrder(deps.db.orm, id);
  if (!order) throw new NotFoundError('没有找到这份督办单。');
  assertViewOrder(user, order);
  const [org, obligation, now] = await Promise.all([
    findOrganisationById(deps, order.orgId),
    order.obligationId == null ? null : repo.findObligation(deps.db.orm, order.obligationId),
    complianceNow(deps, order.districtCode),
  ]);
  if (!org || (order.obligationId != null && !obligation)) throw new NotFoundError('督办单所涉社区或公开义务不存在。');
  const event = obligation?.eventId ? (await repo.eventsByIds(deps.db.orm, [obligation.eventId])).get(obligation.eventId) : undefined;
  return {
    order,
    view: presentOrder(order, now.today),
    org,
    obligation: obligation ? presentObligation(obligation, statusOf(obligation, now.day), event) : null,
    canAnswer: order.status === 'open' && canAnswerOrder(user, order),
    canReview: order.status === 'answered' && isAdmin(user.role) && inScope(user, order.orgPath),
  };
}
