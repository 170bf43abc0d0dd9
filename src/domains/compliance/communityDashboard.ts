import type { Deps } from '../../platform/context.ts';
import { effectiveCatalogFor } from '../catalog/index.ts';
import type { OrgRow, SessionUser } from '../org/index.ts';
import { complianceNow } from './context.ts';
import { monthOf, rangeOf, type DateRange } from './dates.ts';
import { assertViewCommunity } from './policy.ts';
import { presentObligation, presentOrder, type ObligationView, type OrderView } from './present.ts';
import { ensureCalendarCurrent } from './recomputeDueDates.ts';
import { eventItems, eventKindsFor, EVENT_KINDS, type EventKind } from './registerEvent.ts';
import * as repo from './repository.ts';
import * as orders from './supervisionRepository.ts';
import { syncCommunity } from './syncObligations.ts';
import { STATUSES, type Status } from './types.ts';
import { addSlice, complianceStatus, emptyTally, type CaseTally, type Tally } from './summary.ts';

export interface EventChoice {
  itemId: number;
  name: string;
  seq: number;
  kinds: { value: EventKind; label: string }[];
}

export interface CommunityView {
  org: OrgRow;
  catalogTitle: string | null;
  today: string;
  range: DateRange;
  /** The month (YYYY-MM) or year shown; with `itemKey`, one item over that period. */
  period: string;
  itemKey: string | null;
  obligations: ObligationView[];
  counts: Record<Status, number>;
  /** Obligations dated before the period and still open, included in counts (往期未结). */
  carriedOver: number;
  orders: (orders.OrderRow & { view: OrderView })[];
  /** 依申请/疑义 逾期 of the period (summary.ts), the same figure as the matrix row. */
  cases: CaseTally;
  eventChoices: EventChoice[];
}

const rank = (s: Status) => STATUSES.indexOf(s);

/** The month's figures from the one status source, so the page agrees with the matrix and roll-up. */
async function tallyOf(deps: Deps, user: SessionUser, org: OrgRow, period: string): Promise<{ tally: Tally; cases: CaseTally }> {
  const report = await complianceStatus(deps, user, org, period);
  return { tally: report.total, cases: report.cases };
}

/** One item over a year: counted from the obligations listed (no carried-over ones in this view). */
function itemTally(views: ObligationView[], from: string): Tally {
  const t = emptyTally();
  for (const v of views) addSlice(t, { status: v.status, n: 1, carried: v.refOn < from });
  return t;
}

/**
 * A community's obligations of a month (overdue ones from earlier months included, worst
 * first), or of one item over a year, with its unfinished 督办 orders and the event form's items.
 */
export async function communityDashboard(deps: Deps, user: SessionUser, org: OrgRow, q: { period?: string; itemKey?: string }): Promise<CommunityView> {
  assertViewCommunity(user, org);
  await ensureCalendarCurrent(deps, undefined, org.districtCode);
  const effective = await effectiveCatalogFor(deps, org);
  const now = await complianceNow(deps, org.districtCode);
  const sync = await repo.findSync(deps.db.orm, org.id);
  if (effective && (!sync || sync.syncedOn !== now.today || sync.catalogId !== effective.catalog.id)) await syncCommunity(deps, org, { now });
  const period = q.period ?? (q.itemKey ? now.today.slice(0, 4) : monthOf(now.today));
  const range = rangeOf(period);
  const rows = await repo.listObligations(deps.db.orm, org.id, now.day, { from: range.from, to: range.to, itemKey: q.itemKey, withOpenBefore: !q.itemKey });
  const events = await repo.eventsByIds(deps.db.orm, rows.map((r) => r.row.eventId).filter((id): id is number => id != null));
  const views = rows.map((r) => presentObligation(r.row, r.status, r.row.eventId ? events.get(r.row.eventId) : undefined));
  views.sort((a, b) => rank(a.status) - rank(b.status));
  const figures = await tallyOf(deps, user, org, period);
  const tally = q.itemKey ? itemTally(views, range.from) : figures.tally;
  const unfinished = (await orders.listOrdersUnder(deps.db.orm, org.path)).filter((o) => o.orgId === org.id && o.status !== 'closed');
  const eventChoices = effective
    ? eventItems(effective.items).map((i) => ({ itemId: i.id, name: i.name, seq: i.seq, kinds: eventKindsFor(i.rules).map((k) => ({ value: k, label: EVENT_KINDS[k] })) }))
    : [];
  return {
    org,
    catalogTitle: effective?.catalog.title ?? null,
    today: now.today,
    range,
    period,
    itemKey: q.itemKey ?? null,
    obligations: views,
    counts: tally.counts,
    carriedOver: tally.carriedOver,
    orders: unfinished.map((o) => ({ ...o, view: presentOrder(o, now.today) })),
    cases: figures.cases,
    eventChoices,
  };
}
