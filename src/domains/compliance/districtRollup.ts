import type { Deps } from '../../platform/context.ts';
import type { OrgRow, SessionUser } from '../org/index.ts';
import { onTimeRate } from './status.ts';
import { addSlice, caseFiguresOf, caseTallyUnder, emptyCaseTally, emptyTally, statusView, statusSlices, type CaseTally, type StatusScope, type Tally } from './summary.ts';
import * as orders from './supervisionRepository.ts';
import type { Status } from './types.ts';

export interface RollupRow {
  street: OrgRow;
  communities: number;
  counts: Partial<Record<Status, number>>;
  total: number;
  /** Obligations from before the year still open, included in counts (往期未结). */
  carriedOver: number;
  onTime: number | null;
  /** On-time rate per month 'YYYY-MM' among obligations due that month. */
  months: Map<string, number | null>;
  unfinishedOrders: number;
  /** 依申请/疑义 逾期: the street's own 依申请公开 and its communities' 查询 and 疑义 (summary.ts). */
  cases: CaseTally;
}

export interface RollupView {
  district: OrgRow;
  year: string;
  months: string[];
  rows: RollupRow[];
  total: RollupRow;
  /** Every community with its own figures (the same tally as its page and the matrix). */
  communities: { org: OrgRow; street: OrgRow; tally: Tally; cases: CaseTally }[];
}

function emptyRow(street: OrgRow): RollupRow {
  return { street, communities: 0, counts: {}, total: 0, carriedOver: 0, onTime: null, months: new Map(), unfinishedOrders: 0, cases: emptyCaseTally() };
}

function addTo(row: RollupRow, monthly: Map<string, Partial<Record<Status, number>>>, key: string, s: { status: Status; n: number; carried: boolean; month: string | null }): void {
  row.counts[s.status] = (row.counts[s.status] ?? 0) + s.n;
  row.total += s.n;
  if (s.carried) {
    row.carriedOver += s.n;
    return; // carried-over obligations count in the year's totals, not in an earlier month's rate
  }
  const m = monthly.get(`${key}|${s.month}`) ?? {};
  m[s.status] = (m[s.status] ?? 0) + s.n;
  monthly.set(`${key}|${s.month}`, m);
}

/** Per street of a district: obligations by status over a year (open ones from before included) and the on-time rate per month. */
export async function districtRollup(deps: Deps, user: SessionUser, district: OrgRow, year: string): Promise<RollupView> {
  return statusView(deps, user, district, year, 'rollup', (scope) => rollupOf(deps, scope));
}

async function rollupOf(deps: Deps, scope: StatusScope): Promise<RollupView> {
  const district = scope.area;
  const year = scope.period;
  const streets = scope.orgs.filter((o) => o.kind === 'street');
  const streetOf = (o: OrgRow) => streets.find((s) => o.path.startsWith(s.path));
  const communities = scope.communities.filter((c) => streetOf(c));
  const [slices, unfinished, cases] = await Promise.all([
    statusSlices(deps, { ...scope, communities }, { month: true }),
    orders.countUnfinishedOrders(deps.db.orm, communities.map((c) => c.id)),
    caseFiguresOf(deps, scope),
  ]);
  const rows = new Map(streets.map((s) => [s.code, emptyRow(s)]));
  const total = emptyRow(district);
  const monthly = new Map<string, Partial<Record<Status, number>>>();
  const tallies = new Map(communities.map((c) => [c.id, { org: c, street: streetOf(c)!, tally: emptyTally(), cases: caseTallyUnder(cases, c.path) }]));
  for (const row of rows.values()) row.cases = caseTallyUnder(cases, row.street.path);
  total.cases = caseTallyUnder(cases, district.path);
  for (const c of communities) {
    const row = rows.get(streetOf(c)!.code)!;
    row.communities++;
    row.unfinishedOrders += unfinished.get(c.id) ?? 0;
  }
  for (const s of slices) {
    const entry = tallies.get(s.orgId)!;
    addSlice(entry.tally, s);
    addTo(rows.get(entry.street.code)!, monthly, entry.street.code, s);
    addTo(total, monthly, '*', s);
  }
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  for (const row of [...rows.values(), total]) {
    const code = row === total ? '*' : row.street.code;
    row.onTime = onTimeRate(row.counts);
    for (const m of months) row.months.set(m, onTimeRate(monthly.get(`${code}|${m}`) ?? {}));
    if (row !== total) {
      total.communities += row.communities;
      total.unfinishedOrders += row.unfinishedOrders;
    }
  }
  return { district, year, months, rows: [...rows.values()], total, communities: [...tallies.values()] };
}
