import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { findOrganisationById, inScope, isAdmin, type OrgRow, type SessionUser } from '../org/index.ts';
import { complianceNow } from './context.ts';
import { assertViewCommunity } from './policy.ts';
import { presentObligation, presentOrder, type ObligationView, type OrderView } from './present.ts';
import * as repo from './repository.ts';
import { statusOf } from './status.ts';
import * as orders from './supervisionRepository.ts';

export interface ObligationDetail {
  org: OrgRow;
  view: ObligationView;
  changes: repo.DueChangeRow[];
  orders: (orders.OrderRow & { view: OrderView })[];
  canPublish: boolean;
  canWaive: boolean;
  /** Which 督办 reasons the viewer may issue now (empty: none). */
  orderReasons: ('overdue' | 'incorrect')[];
}

/** One obligation with its history and what the viewer may do with it. */
export async function obligationDetail(deps: Deps, user: SessionUser, id: number): Promise<ObligationDetail> {
  const row = await repo.findObligation(deps.db.orm, id);
  const org = row ? await findOrganisationById(deps, row.orgId) : null;
  if (!row || !org) throw new NotFoundError('没有找到这项公开义务。');
  assertViewCommunity(user, org);
  const now = await complianceNow(deps, org.districtCode);
  const status = statusOf(row, now.day);
  const event = row.eventId ? (await repo.eventsByIds(deps.db.orm, [row.eventId])).get(row.eventId) : undefined;
  const view = presentObligation(row, status, event);
  const list = await orders.listOrdersOfObligation(deps.db.orm, row.id);
  const admin = isAdmin(user.role) && inScope(user, org.path);
  const unfinished = list.some((o) => o.status !== 'closed');
  const orderReasons = !admin || unfinished ? [] : status === 'overdue' ? (['overdue'] as const) : row.fulfilledOn ? (['incorrect'] as const) : [];
  return {
    org,
    view,
    changes: await repo.listDueChanges(deps.db.orm, row.id),
    orders: list.map((o) => ({ ...o, view: presentOrder(o, now.today) })),
    canPublish: view.open && user.role === 'editor' && user.orgId === org.id,
    canWaive: view.open && admin && user.orgPath !== org.path,
    orderReasons: [...orderReasons],
  };
}
