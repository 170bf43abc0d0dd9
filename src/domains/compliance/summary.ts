import type { Deps } from '../../platform/context.ts';
import { communityKeysUnder, listOrgsFlat, type CommunityKey, type OrgRow, type SessionUser } from '../org/index.ts';
import { complianceNow, type ComplianceNow } from './context.ts';
import { keptView, versionOf } from './dashboardCache.ts';
import { monthOf, monthsOf, rangeOf, type DateRange } from './dates.ts';
import * as dashboards from './dashboardRepository.ts';
import type { SliceRow } from './dashboardRepository.ts';
import { assertViewArea, assertViewCommunity } from './policy.ts';
import { ensureCalendarCurrent } from './recomputeDueDates.ts';
import { caseFigures, type CaseFigureRow } from './caseDutyRepository.ts';
import * as repo from './repository.ts';
import { syncStale } from './syncObligations.ts';
import { STATUSES, type Status } from './types.ts';

/*
 * The one source of truth for compliance figures. Every view (community page, street matrix,
 * district roll-up, status command, .xlsx export, digest) counts the same scope: obligations
 * dated in the period shown, plus every obligation dated before it that is still open (往期未结:
 * a 长期公开 item never published stays overdue in every later month and year). Other files
 * only group and lay out what this returns.
 */

/** The statuses as the status command and its JSON name them (pending counts as not due yet). */
export const PUBLIC_STATUS: Record<Status, PublicStatus> = {
  overdue: 'overdue',
  due_soon: 'due_soon',
  pending: 'not_due',
  upcoming: 'not_due',
  done_late: 'late',
  done_on_time: 'on_time',
  waived: 'waived',
};
export type PublicStatus = 'not_due' | 'due_soon' | 'overdue' | 'on_time' | 'late' | 'waived';
export type PublicCounts = Record<PublicStatus, number>;

export type Counts = Record<Status, number>;

export const zeroCounts = (): Counts => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Counts;

export function publicCounts(counts: Partial<Counts>): PublicCounts {
  const out: PublicCounts = { not_due: 0, due_soon: 0, overdue: 0, on_time: 0, late: 0, waived: 0 };
  for (const s of STATUSES) out[PUBLIC_STATUS[s]] += counts[s] ?? 0;
  return out;
}

/** What one community (or a sum of them) counts: per status, and how many of those are carried over. */
export interface Tally {
  counts: Counts;
  carriedOver: number;
}

export const emptyTally = (): Tally => ({ counts: zeroCounts(), carriedOver: 0 });

export function addSlice(t: Tally, s: { status: Status; n: number; carried: boolean }): void {
  t.counts[s.status] += s.n;
  if (s.carried) t.carriedOver += s.n;
}

/** The communities a status view covers, its period, and “now” on its district's calendar. */
export interface StatusScope {
  area: OrgRow;
  /** Every organisation under the area (the area included), read once per view. */
  orgs: OrgRow[];
  communities: OrgRow[];
  period: string;
  range: DateRange;
  now: ComplianceNow;
}

/**
 * A status view of `area` over `period` (this year unless asked): who may look, the area's
 * obligations brought up to date (only communities not yet synced today: the daily job normally
 * has), so every view counts the same rows; then the view named `name`, kept under the district's
 * dashboard version and the day (dashboardCache.ts), computed from the scope when not kept.
 */
export async function statusView<T>(deps: Deps, user: SessionUser, area: OrgRow, period: string | undefined, name: string, compute: (scope: StatusScope) => Promise<T>): Promise<T> {
  assertView(user, area);
  let orgs: Promise<OrgRow[]> | undefined;
  const orgsOf = () => (orgs ??= area.kind === 'community' ? Promise.resolve([area]) : listOrgsFlat(deps, area.path));
  const communitiesOf = async () => (await orgsOf()).filter((o) => o.kind === 'community');
  const { now, version } = await upToDate(deps, area, async () => (await communitiesOf()).map((c) => c.id));
  const p = period ?? now.today.slice(0, 4);
  let covered = 1;
  const view = async () => {
    const communities = await communitiesOf();
    covered = communities.length;
    return compute({ area, orgs: await orgsOf(), communities, period: p, range: rangeOf(p), now });
  };
  return keptView(deps, `${name}|${area.path}|${p}`, version, view, () => covered);
}

/** An area as views need it: a full organisation row, or what a session knows of the person's own. */
type Area = Pick<OrgRow, 'id' | 'code' | 'name' | 'kind' | 'path' | 'districtCode'>;

function assertView(user: SessionUser, area: Area): void {
  if (area.kind === 'community') assertViewCommunity(user, area);
  else assertViewArea(user, area);
}

/**
 * The area's obligations current for its calendar and today (see statusView); “now” on its
 * calendar. Checked once per version and day: until something the dashboards count changes,
 * nothing can have become stale (a new day is a new key).
 */
async function upToDate(deps: Deps, area: Area, communityIds: () => Promise<number[]>): Promise<{ now: ComplianceNow; version: string }> {
  let version = await versionOf(deps, area.districtCode);
  let checked = false;
  const now = await keptView(deps, `now|${area.path}`, version, async () => {
    checked = true;
    await ensureCalendarCurrent(deps, undefined, area.districtCode);
    await syncStale(deps, await communityIds());
    return complianceNow(deps, area.districtCode);
  });
  // The check may have written (a sync): views are kept under the version after it.
  if (checked) version = await versionOf(deps, area.districtCode, true);
  return { now: { ...now, now: deps.clock.now() }, version };
}

/** The scope's obligations counted per community × status (× item, × month when asked). */
export function statusSlices(deps: Deps, scope: StatusScope, by: { item?: boolean; month?: boolean } = {}): Promise<SliceRow[]> {
  const { from, to } = scope.range;
  const periods = by.month ? monthsOf(scope.period) : [scope.period];
  return dashboards.statusSlices(deps.db.orm, { orgIds: scope.communities.map((c) => c.id), from, to, periods, day: scope.now.day }, by);
}

/** Per community id, its tally over the scope. */
export function tallyByCommunity(scope: StatusScope, slices: SliceRow[]): Map<number, Tally> {
  const out = new Map(scope.communities.map((c) => [c.id, emptyTally()]));
  for (const s of slices) addSlice(out.get(s.orgId)!, s);
  return out;
}

/**
 * Residents' requests, 查询 and 疑义 an organisation had to answer over the same scope
 * (依申请/疑义 逾期): late = answered after the due date, overdue = still open past it.
 */
export interface CaseTally {
  total: number;
  late: number;
  overdue: number;
}

export const emptyCaseTally = (): CaseTally => ({ total: 0, late: 0, overdue: 0 });

/** The case figures of every organisation under the scope's area (the area's own included). */
export interface CaseFigures {
  rows: CaseFigureRow[];
}

export async function caseFiguresOf(deps: Deps, scope: StatusScope): Promise<CaseFigures> {
  return { rows: await caseFigures(deps.db.orm, scope.area.path, scope.range.from, scope.range.to, scope.now.today) };
}

/** One organisation and everything under it: a community its own; a street its own 依申请公开 plus its communities'. */
export function caseTallyUnder(f: CaseFigures, path: string): CaseTally {
  const t = emptyCaseTally();
  for (const r of f.rows) {
    if (!r.orgPath.startsWith(path)) continue;
    t.total += r.total;
    t.late += r.late;
    t.overdue += r.overdue;
  }
  return t;
}

/** An organisation's own cases only (a street's 依申请公开, not its communities'). */
export function caseTallyOf(f: CaseFigures, orgId: number): CaseTally {
  const r = f.rows.find((x) => x.orgId === orgId);
  return r ? { total: r.total, late: r.late, overdue: r.overdue } : emptyCaseTally();
}

export interface OpenEntry {
  obligationId: number;
  org: OrgRow;
  item: string;
  itemKey: string;
  due: string | null;
  status: Status;
  /** Dated before the period: 往期未结. */
  carriedOver: boolean;
  explanation: string;
}

export interface StatusReport {
  area: OrgRow;
  period: string;
  range: DateRange;
  today: string;
  total: Tally;
  communities: { org: OrgRow; tally: Tally; cases: CaseTally }[];
  open: OpenEntry[];
  /** Residents' cases of the whole area (its own and everything under it). */
  cases: CaseTally;
}

/**
 * The status of a community, street or district over a period (this year unless asked), open
 * obligations carried over from earlier periods included: counts, per community, and the open list.
 */
export function complianceStatus(deps: Deps, user: SessionUser, area: OrgRow, period?: string): Promise<StatusReport> {
  return statusView(deps, user, area, period, 'status', (scope) => statusReport(deps, scope));
}

async function statusReport(deps: Deps, scope: StatusScope): Promise<StatusReport> {
  const area = scope.area;
  const ids = scope.communities.map((c) => c.id);
  const [slices, open, cases] = await Promise.all([statusSlices(deps, scope), repo.listOpenUpTo(deps.db.orm, ids, scope.range.to, scope.now.day), caseFiguresOf(deps, scope)]);
  const byId = tallyByCommunity(scope, slices);
  const total = emptyTally();
  for (const s of slices) addSlice(total, s);
  const orgs = new Map(scope.communities.map((c) => [c.id, c]));
  return {
    area,
    period: scope.period,
    range: scope.range,
    today: scope.now.today,
    total,
    communities: scope.communities.map((org) => ({ org, tally: byId.get(org.id)!, cases: caseTallyUnder(cases, org.path) })),
    cases: caseTallyUnder(cases, area.path),
    open: open.map(({ row, status }) => ({
      obligationId: row.id,
      org: orgs.get(row.orgId)!,
      item: row.itemName,
      itemKey: row.itemKey,
      due: row.dueOn,
      status,
      carriedOver: row.refOn < scope.range.from,
      explanation: row.explanation,
    })),
  };
}

/**
 * The communities under an admin's area with something overdue (carried-over included), worst
 * first: the same scope and count as complianceStatus's overdue, read without the rest of its
 * figures and without the communities' rows (a district admin's to-do list counts over a
 * thousand communities). `area` as a session knows the person's own organisation.
 */
export async function overdueCommunities(deps: Deps, user: SessionUser, area: Area): Promise<{ org: CommunityKey; overdue: number }[]> {
  assertView(user, area);
  const keys = () => (area.kind === 'community' ? Promise.resolve([area]) : communityKeysUnder(deps, area.path));
  const { now, version } = await upToDate(deps, area, async () => (await keys()).map((c) => c.id));
  return keptView(deps, `overdue|${area.path}`, version, async () => overdueUnder(deps, await keys(), now));
}

async function overdueUnder(deps: Deps, communities: CommunityKey[], now: ComplianceNow): Promise<{ org: CommunityKey; overdue: number }[]> {
  const counts = await dashboards.overdueCounts(deps.db.orm, { orgIds: communities.map((c) => c.id), to: rangeOf(now.today.slice(0, 4)).to, today: now.day.today });
  return communities
    .map((c) => ({ org: { id: c.id, code: c.code, name: c.name }, overdue: counts.get(c.id) ?? 0 }))
    .filter((c) => c.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.org.code.localeCompare(b.org.code));
}

/** The status command's JSON: `{"org","counts","open":[{"item","due","status",…}]}`. */
export function statusJson(report: StatusReport) {
  return {
    org: report.area.code,
    counts: publicCounts(report.total.counts),
    cases: report.cases,
    open: report.open.map((o) => ({
      item: o.item,
      due: o.due,
      status: PUBLIC_STATUS[o.status],
      org: o.org.code,
      orgName: o.org.name,
      carriedOver: o.carriedOver,
      obligation: o.obligationId,
    })),
  };
}

/** The current month as a period ('YYYY-MM'), for views that default to it. */
export const currentMonth = (scope: { now: ComplianceNow }) => monthOf(scope.now.today);
