import type { Deps } from '../../platform/context.ts';
import { listOrgsFlat, type OrgRow, type SessionUser } from '../org/index.ts';
import { complianceNow } from './context.ts';
import { rangeOf } from './dates.ts';
import { assertViewArea } from './policy.ts';
import { ensureCalendarCurrent } from './recomputeDueDates.ts';
import * as repo from './repository.ts';
import { onTimeRate } from './status.ts';
import * as orders from './supervisionRepository.ts';
import type { Status } from './types.ts';

export interface RollupRow {
  street: OrgRow;
  communities: number;
  counts: Partial<Record<Status, number>>;
  total: number;
  onTime: number | null;
  /** On-time rate per month 'YYYY-MM' among obligations due that month. */
  months: Map<string, number | null>;
  unfinishedOrders: number;
}

export interface RollupView {
  district: OrgRow;
  year: string;
  months: string[];
  rows: RollupRow[];
  total: RollupRow;
}

function emptyRow(street: OrgRow): RollupRow {
  return { street, communities: 0, counts: {}, total: 0, onTime: null, months: new Map(), unfinishedOrders: 0 };
}

/** Per street of a district: obligations by status over a year and the on-time rate per month. */
export async function districtRollup(deps: Deps, user: SessionUser, district: OrgRow, year: string): Promise<RollupView> {
  assertViewArea(user, district);
  await ensureCalendarCurrent(deps, undefined, district.districtCode);
  const now = await complianceNow(deps, district.districtCode);
  const orgs = await listOrgsFlat(deps, district.path);
  const streets = orgs.filter((o) => o.kind === 'street');
  const streetOf = (o: OrgRow) => streets.find((s) => o.path.startsWith(s.path));
  const communities = orgs.filter((o) => o.kind === 'community' && streetOf(o));
  const range = rangeOf(year);
  const ids = communities.map((c) => c.id);
  const [counts, unfinished] = await Promise.all([
    repo.rollupCounts(deps.db.orm, ids, communities.map((c) => streetOf(c)!.code), range.from, range.to, now.day),
    orders.countUnfinishedOrders(deps.db.orm, ids),
  ]);
  const rows = new Map(streets.map((s) => [s.code, emptyRow(s)]));
  const total = emptyRow(district);
  const monthly = new Map<string, Partial<Record<Status, number>>>();
  for (const c of communities) {
    const row = rows.get(streetOf(c)!.code)!;
    row.communities++;
    row.unfinishedOrders += unfinished.get(c.id) ?? 0;
  }
  for (const c of counts) {
    for (const [target, key] of [[rows.get(c.groupCode)!, `${c.groupCode}|${c.month}`], [total, `*|${c.month}`]] as const) {
      target.counts[c.status] = (target.counts[c.status] ?? 0) + c.n;
      target.total += c.n;
      const m = monthly.get(key) ?? {};
      m[c.status] = (m[c.status] ?? 0) + c.n;
      monthly.set(key, m);
    }
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
  return { district, year, months, rows: [...rows.values()], total };
}
