import type { DayEntry, HolidayRun } from '../calendar/index.ts';
import type { Rule } from '../catalog/index.ts';

export type ObligationKind = 'standing' | 'periodic' | 'event';

/** dated: a due date; pending: 时限待定 (days not set); unknown_year: the calendar cannot know yet; none: no time limit. */
export type DueState = 'dated' | 'pending' | 'unknown_year' | 'none';

/** What a due date is computed from: the item's rules and the days a human set for 及时. */
export interface DueBasis {
  rules: Rule[];
  promptDays: number | null;
}

/** Holidays and make-up days a due date's calculation crossed, kept to explain a later move. */
export interface DueTrace {
  holidays: HolidayRun[];
  makeupDays: DayEntry[];
}

export interface DueResult {
  state: DueState;
  dueOn: string | null;
  explanation: string;
  trace: DueTrace | null;
}

export const STATUSES = ['overdue', 'due_soon', 'pending', 'upcoming', 'done_late', 'done_on_time', 'waived'] as const;
/** Ordered worst first: a matrix cell shows the worst status among its obligations. */
export type Status = (typeof STATUSES)[number];

export type OrderStatus = 'open' | 'answered' | 'closed';

/** overdue/incorrect: an obligation; case_overdue/case_disputed: a resident's 查询 or 疑义. */
export type OrderReason = 'overdue' | 'incorrect' | 'case_overdue' | 'case_disputed';

/** disclosure: 依申请公开 to a street or district; query and objection: 查询 and 疑义 to a community. */
export type CaseDutyKind = 'disclosure' | 'query' | 'objection';
