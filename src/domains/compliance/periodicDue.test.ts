/** Periodic due points from the 时限 parser's due details (issue 10): 次年1月底前, 次月10日前, 3月底前. */
import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../calendar/index.ts';
import type { PeriodicRule } from '../catalog/index.ts';
import { computeDue } from './deadlines.ts';

const calendar = createWorkCalendar();
const span = { start: 0, end: 1 };

function dueOf(rule: Omit<PeriodicRule, 'kind' | 'span'>, periodKey: string) {
  const rules = [{ kind: 'periodic' as const, span, ...rule }];
  return computeDue(calendar, { kind: 'periodic', basis: { rules, promptDays: null }, anchorOn: '2025-01-01', periodKey });
}

describe('periodic due points', () => {
  it('每年公开一次，次年1月底前: 2025年度 is due by 31 January 2026, moved past the weekend', () => {
    const due = dueOf({ every: 'year', due: { nextPeriod: true, monthOfPeriod: 1 } }, '2025-Y');
    // 2026-01-31 is a Saturday: 民法典 第二百零三条 moves it to Monday 2 February.
    expect(due.dueOn).toBe('2026-02-02');
    expect(due.explanation).toContain('每年公开一次，次年1月底前');
    expect(due.explanation).toContain('2026年1月31日');
  });

  it('每季度公开一次，次月15日前: the 4th quarter is due in January of the next year', () => {
    expect(dueOf({ every: 'quarter', due: { nextPeriod: true, day: 15 } }, '2025-Q4').dueOn).toBe('2026-01-15');
    expect(dueOf({ every: 'quarter', due: { nextPeriod: true, day: 15 } }, '2026-Q1').dueOn).toBe('2026-04-15');
  });

  it('每月公开一次，次月10日前 and 次月底前', () => {
    // 2026-01-10 is a Saturday.
    expect(dueOf({ every: 'month', due: { nextPeriod: true, day: 10 } }, '2025-12').dueOn).toBe('2026-01-12');
    expect(dueOf({ every: 'month', due: { nextPeriod: true } }, '2026-02').dueOn).toBe('2026-03-31');
  });

  it('每年3月底前 stays inside its own year; 12月31日前 is the year end', () => {
    expect(dueOf({ every: 'year', due: { monthOfPeriod: 3 } }, '2026-Y').dueOn).toBe('2026-03-31');
    expect(dueOf({ every: 'year', due: { monthOfPeriod: 12, day: 31 } }, '2026-Y').dueOn).toBe('2026-12-31');
  });

  it('a due point in a year the calendar does not know yet is an honest unknown, not a guess', () => {
    const due = dueOf({ every: 'year', due: { nextPeriod: true, monthOfPeriod: 1 } }, '2026-Y');
    expect(due.state).toBe('unknown_year');
    expect(due.dueOn).toBeNull();
  });

  it('rules stored before due points existed keep their meaning', () => {
    expect(dueOf({ every: 'quarter', due: { monthOfPeriod: 1, day: 20 } }, '2026-Q4').dueOn).toBe('2026-10-20');
    expect(dueOf({ every: 'quarter', due: { afterEnd: { amount: 10, unit: 'day' } } }, '2026-Q1').dueOn).toBe('2026-04-10');
    expect(dueOf({ every: 'half_year' }, '2026-H1').dueOn).toBe('2026-06-30');
  });
});
