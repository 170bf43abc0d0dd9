import type { Deps } from '../../platform/context.ts';
import { listOrgsFlat, type OrgRow, type SessionUser } from '../org/index.ts';
import { complianceNow } from './context.ts';
import { rangeOf, type DateRange } from './dates.ts';
import { assertViewArea } from './policy.ts';
import { ensureCalendarCurrent } from './recomputeDueDates.ts';
import * as repo from './repository.ts';
import { worstOf } from './status.ts';
import * as orders from './supervisionRepository.ts';
import type { Status } from './types.ts';

interface MatrixCell {
  worst: Status;
  counts: Partial<Record<Status, number>>;
  total: number;
}

export interface MatrixRow {
  org: OrgRow;
  cells: Map<string, MatrixCell>;
  counts: Partial<Record<Status, number>>;
  unfinishedOrders: number;
  lastSyncedAt: Date | null;
}

export interface MatrixView {
  area: OrgRow;
  period: string;
  range: DateRange;
  today: string;
  items: { key: string; name: string; seq: number }[];
  rows: MatrixRow[];
}

function addCount(target: Partial<Record<Status, number>>, status: Status, n: number): void {
  target[status] = (target[status] ?? 0) + n;
}

/**
 * Communities × items of a street (or a whole district) for a year or a month, each cell
 * coloured by the worst status among its obligations. A pure read of the materialised
 * obligations: the daily job and the community pages keep them in line with the catalogs.
 */
export async function streetMatrix(deps: Deps, user: SessionUser, area: OrgRow, period: string): Promise<MatrixView> {
  assertViewArea(user, area);
  await ensureCalendarCurrent(deps, undefined, area.districtCode);
  const now = await complianceNow(deps, area.districtCode);
  const communities = (await listOrgsFlat(deps, area.path)).filter((o) => o.kind === 'community');
  const ids = communities.map((c) => c.id);
  const range = rangeOf(period);
  const [counts, unfinished, syncs] = await Promise.all([
    repo.matrixCounts(deps.db.orm, ids, range.from, range.to, now.day),
    orders.countUnfinishedOrders(deps.db.orm, ids),
    repo.listSync(deps.db.orm, ids),
  ]);
  const items = new Map<string, { key: string; name: string; seq: number }>();
  const rows = new Map<number, MatrixRow>(
    communities.map((org) => [org.id, { org, cells: new Map(), counts: {}, unfinishedOrders: unfinished.get(org.id) ?? 0, lastSyncedAt: syncs.find((s) => s.orgId === org.id)?.syncedAt ?? null }]),
  );
  for (const c of counts) {
    const known = items.get(c.itemKey);
    if (!known || c.itemSeq < known.seq) items.set(c.itemKey, { key: c.itemKey, name: c.itemName, seq: c.itemSeq });
    const row = rows.get(c.orgId)!;
    const present = Object.keys(c.counts) as Status[];
    row.cells.set(c.itemKey, { worst: worstOf(present)!, counts: c.counts, total: present.reduce((n, s) => n + c.counts[s]!, 0) });
    for (const s of present) addCount(row.counts, s, c.counts[s]!);
  }
  const sortedItems = [...items.values()].sort((a, b) => a.seq - b.seq || a.name.localeCompare(b.name, 'zh-CN'));
  return { area, period, range, today: now.today, items: sortedItems, rows: [...rows.values()] };
}
