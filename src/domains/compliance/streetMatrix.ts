import type { Deps } from '../../platform/context.ts';
import type { OrgRow, SessionUser } from '../org/index.ts';
import type { DateRange } from './dates.ts';
import type { SliceRow } from './dashboardRepository.ts';
import * as repo from './repository.ts';
import { worstOf } from './status.ts';
import { addSlice, caseFiguresOf, caseTallyOf, caseTallyUnder, emptyTally, publicCounts, statusView, statusSlices, type CaseTally, type StatusScope, type Tally } from './summary.ts';
import * as orders from './supervisionRepository.ts';
import type { Status } from './types.ts';

interface MatrixCell {
  worst: Status;
  counts: Partial<Record<Status, number>>;
  total: number;
  /** Of those, obligations from earlier periods still open (往期未结). */
  carried: number;
}

export interface MatrixRow {
  org: OrgRow;
  cells: Map<string, MatrixCell>;
  /** Every obligation of the row, carried-over ones included (summary.ts). */
  counts: Partial<Record<Status, number>>;
  carriedOver: number;
  unfinishedOrders: number;
  lastSyncedAt: Date | null;
  /** 依申请/疑义 逾期: the community's 查询 and 疑义 (summary.ts). */
  cases: CaseTally;
}

export interface MatrixView {
  area: OrgRow;
  period: string;
  range: DateRange;
  today: string;
  items: { key: string; name: string; seq: number }[];
  rows: MatrixRow[];
  /** The area's own cases (a street's 依申请公开), and all of the area's together. */
  ownCases: CaseTally;
  cases: CaseTally;
}

function addCell(row: MatrixRow, s: SliceRow): void {
  const cell = row.cells.get(s.itemKey!) ?? { worst: s.status, counts: {}, total: 0, carried: 0 };
  cell.counts[s.status] = (cell.counts[s.status] ?? 0) + s.n;
  cell.total += s.n;
  if (s.carried) cell.carried += s.n;
  cell.worst = worstOf(Object.keys(cell.counts) as Status[])!;
  row.cells.set(s.itemKey!, cell);
}

/**
 * Communities × items of a street (or a whole district) for a year or a month, each cell
 * coloured by the worst status among its obligations, carried-over open ones included and
 * marked. Counts come from the one status scope (summary.ts), grouped per item.
 */
export async function streetMatrix(deps: Deps, user: SessionUser, area: OrgRow, period: string): Promise<MatrixView> {
  return statusView(deps, user, area, period, 'matrix', (scope) => matrixOf(deps, scope));
}

async function matrixOf(deps: Deps, scope: StatusScope): Promise<MatrixView> {
  const area = scope.area;
  const ids = scope.communities.map((c) => c.id);
  const [slices, unfinished, syncs, cases] = await Promise.all([
    statusSlices(deps, scope, { item: true }),
    orders.countUnfinishedOrders(deps.db.orm, ids),
    repo.listSync(deps.db.orm, ids),
    caseFiguresOf(deps, scope),
  ]);
  const items = new Map<string, { key: string; name: string; seq: number }>();
  const tallies = new Map<number, Tally>();
  const synced = new Map(syncs.map((s) => [s.orgId, s.syncedAt]));
  const rows = new Map<number, MatrixRow>(
    scope.communities.map((org) => [org.id, { org, cells: new Map(), counts: {}, carriedOver: 0, unfinishedOrders: unfinished.get(org.id) ?? 0, lastSyncedAt: synced.get(org.id) ?? null, cases: caseTallyUnder(cases, org.path) }]),
  );
  for (const s of slices) {
    const known = items.get(s.itemKey!);
    if (!known || s.itemSeq! < known.seq) items.set(s.itemKey!, { key: s.itemKey!, name: s.itemName!, seq: s.itemSeq! });
    addCell(rows.get(s.orgId)!, s);
    const t = tallies.get(s.orgId) ?? emptyTally();
    addSlice(t, s);
    tallies.set(s.orgId, t);
  }
  for (const [id, t] of tallies) {
    const row = rows.get(id)!;
    row.counts = Object.fromEntries(Object.entries(t.counts).filter(([, n]) => n > 0));
    row.carriedOver = t.carriedOver;
  }
  const sortedItems = [...items.values()].sort((a, b) => a.seq - b.seq || a.name.localeCompare(b.name, 'zh-CN'));
  const ownCases = caseTallyOf(cases, area.id);
  return { area, period: scope.period, range: scope.range, today: scope.now.today, items: sortedItems, rows: [...rows.values()], ownCases, cases: caseTallyUnder(cases, area.path) };
}

/** The matrix command's JSON: one row per community, counts with carried-over obligations included. */
export function matrixJson(view: MatrixView) {
  return {
    street: view.area.code,
    period: view.period,
    today: view.today,
    cases: view.cases,
    ownCases: view.ownCases,
    rows: view.rows.map((r) => ({
      org: r.org.code,
      name: r.org.name,
      counts: publicCounts(r.counts),
      carriedOver: r.carriedOver,
      unfinishedOrders: r.unfinishedOrders,
      cases: r.cases,
      cells: Object.fromEntries(view.items.filter((i) => r.cells.has(i.key)).map((i) => [i.name, { ...publicCounts(r.cells.get(i.key)!.counts), carriedOver: r.cells.get(i.key)!.carried }])),
    })),
  };
}
