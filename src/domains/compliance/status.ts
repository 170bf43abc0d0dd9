import { CalendarUnknownError, type WorkCalendar } from '../calendar/index.ts';
import { STATUSES, type Status } from './types.ts';

export const STATUS_LABELS: Record<Status, string> = {
  overdue: '已逾期',
  due_soon: '即将到期',
  pending: '时限待定',
  upcoming: '未到期',
  done_late: '逾期后公开',
  done_on_time: '按时公开',
  waived: '已免除',
};

/** Short forms for matrix cells, where a word must fit beside a number. */
const STATUS_SHORT: Record<Status, string> = {
  overdue: '逾期',
  due_soon: '将到期',
  pending: '待定',
  upcoming: '未到期',
  done_late: '迟公开',
  done_on_time: '按时',
  waived: '免除',
};

/** What “today” means for statuses: the Beijing date and the last day that counts as due soon. */
export interface StatusDay {
  today: string;
  /** Due on or before this day (and not before today) is “due soon”: ≤ 3 working days away. */
  soonUntil: string;
}

const DUE_SOON_WORKDAYS = 3;

export function statusDay(cal: WorkCalendar, today: string): StatusDay {
  try {
    return { today, soonUntil: cal.addWorkdays(today, DUE_SOON_WORKDAYS).due };
  } catch (err) {
    // Near the end of the last known year every known due date is at most a few days away.
    if (err instanceof CalendarUnknownError) return { today, soonUntil: '9999-12-31' };
    throw err;
  }
}

interface StatusInput {
  waivedAt: Date | null;
  fulfilledOn: string | null;
  dueOn: string | null;
}

/** The same decision the repository makes in SQL (see statusSql), for one loaded row. */
export function statusOf(row: StatusInput, day: StatusDay): Status {
  if (row.waivedAt) return 'waived';
  if (row.fulfilledOn) return row.dueOn == null || row.fulfilledOn <= row.dueOn ? 'done_on_time' : 'done_late';
  if (row.dueOn == null) return 'pending';
  if (row.dueOn < day.today) return 'overdue';
  if (row.dueOn <= day.soonUntil) return 'due_soon';
  return 'upcoming';
}

export function isOpen(status: Status): boolean {
  return status === 'overdue' || status === 'due_soon' || status === 'pending' || status === 'upcoming';
}

/** The worst of several statuses (STATUSES is ordered worst first). */
export function worstOf(statuses: Iterable<Status>): Status | null {
  let best = Infinity;
  for (const s of statuses) best = Math.min(best, STATUSES.indexOf(s));
  return Number.isFinite(best) ? STATUSES[best]! : null;
}

/** Done on time among those that were due: on time / (on time + late + overdue); null when none. */
export function onTimeRate(counts: Partial<Record<Status, number>>): number | null {
  const onTime = counts.done_on_time ?? 0;
  const due = onTime + (counts.done_late ?? 0) + (counts.overdue ?? 0);
  return due === 0 ? null : onTime / due;
}

export function formatRate(rate: number | null): string {
  return rate == null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/** “逾期 2 / 按时 3”: every status of a matrix cell, worst first. */
export function cellText(cell: { counts: Partial<Record<Status, number>> }): string {
  return STATUSES.filter((s) => cell.counts[s])
    .map((s) => `${STATUS_SHORT[s]} ${cell.counts[s]}`)
    .join(' / ');
}
