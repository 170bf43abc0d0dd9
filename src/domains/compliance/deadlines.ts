import { createHash } from 'node:crypto';
import { CalendarUnknownError, publicityEnd, type DeadlineResult, type WorkCalendar } from '../calendar/index.ts';
import { describeRule, type PeriodicRule, type PublicityRule, type Rule, type WithinRule } from '../catalog/index.ts';
import { addMonthsIso, monthEnd } from './dates.ts';
import { periodOfKey, type Period } from './periods.ts';
import type { DueBasis, DueResult, DueTrace, ObligationKind } from './types.ts';
import { chineseDate } from '../../platform/time.ts';

/*
 * Due dates from rules and the calendar, as pure functions: the same inputs always give the same
 * date and the same Chinese explanation, which is what lets a stored date be checked and moved.
 */

interface Plan {
  within: WithinRule | null;
  periodic: PeriodicRule | null;
  publicity: PublicityRule | null;
  standing: boolean;
  prompt: boolean;
  override: boolean;
}

export function planOf(rules: readonly Rule[]): Plan {
  const first = <K extends Rule['kind']>(kind: K) => (rules.find((r) => r.kind === kind) as Extract<Rule, { kind: K }> | undefined) ?? null;
  return {
    within: first('within'),
    periodic: first('periodic'),
    publicity: first('publicity'),
    standing: rules.some((r) => r.kind === 'standing'),
    prompt: rules.some((r) => r.kind === 'prompt'),
    override: rules.some((r) => r.kind === 'override'),
  };
}

/** An item that needs an editor to register “信息形成/变更/获取” before anything is due. */
export function takesEvents(plan: Plan): boolean {
  return !plan.periodic && (plan.within !== null || plan.prompt || !plan.standing);
}

interface Step {
  due: string;
  text: string;
  trace: DueTrace;
}

const traceOf = (r: DeadlineResult): DueTrace => ({ holidays: r.skippedHolidays, makeupDays: r.makeupDays });
const EMPTY_TRACE: DueTrace = { holidays: [], makeupDays: [] };

/** A fixed last day that falls on a rest day moves to the next working day (民法典 第二百零三条). */
function onOrAfterWorkday(cal: WorkCalendar, iso: string): Step {
  if (cal.isWorkday(iso)) return { due: iso, text: `期限为${chineseDate(iso)}`, trace: EMPTY_TRACE };
  const moved = cal.addDays(iso, 0);
  const rest = cal.holidayName(iso) ? `${cal.holidayName(iso)}假期` : '周末休息日';
  return { due: moved.due, text: `规定日期${chineseDate(iso)}为${rest}，依《民法典》第二百零三条顺延至${chineseDate(moved.due)}`, trace: traceOf(moved) };
}

function withinStep(cal: WorkCalendar, amount: number, unit: WithinRule['unit'], from: string): Step {
  if (unit === 'workday') {
    const r = cal.addWorkdays(from, amount);
    return { due: r.due, text: r.explanation.replace(/。$/, ''), trace: traceOf(r) };
  }
  if (unit === 'day') {
    const r = cal.addDays(from, amount);
    return { due: r.due, text: r.explanation.replace(/。$/, ''), trace: traceOf(r) };
  }
  const end = addMonthsIso(from, amount);
  const shifted = onOrAfterWorkday(cal, end);
  const tail = shifted.due === end ? '' : `；${shifted.text}`;
  return { due: shifted.due, text: `${chineseDate(from)} + ${amount}个月 = ${chineseDate(end)}${tail}`, trace: shifted.trace };
}

function dated(step: Step, prefix: string, plan: Plan): DueResult {
  const note = plan.override ? '（法律法规另有规定的，从其规定）' : '';
  return { state: 'dated', dueOn: step.due, explanation: `${prefix}${step.text}${note}。`, trace: step.trace };
}

/** Runs a calculation; a year the calendar does not know yet becomes an honest “cannot know”. */
function guarded(prefix: string, fn: () => DueResult): DueResult {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof CalendarUnknownError)) throw err;
    return { state: 'unknown_year', dueOn: null, explanation: `${prefix}${err.message}。`, trace: null };
  }
}

/** “信息形成之日起20个工作日内” from the registered date; 及时 by the days a human set. */
function eventDue(cal: WorkCalendar, basis: DueBasis, anchorOn: string): DueResult {
  const plan = planOf(basis.rules);
  if (plan.within) {
    const rule = plan.within;
    const prefix = `依“${describeRule(rule)}”：`;
    return guarded(prefix, () => dated(withinStep(cal, rule.amount, rule.unit, anchorOn), prefix, plan));
  }
  if (plan.prompt && basis.promptDays != null) {
    const days = basis.promptDays;
    const prefix = `依“及时公开”（按 ${days} 个工作日计算）：`;
    return guarded(prefix, () => dated(withinStep(cal, days, 'workday', anchorOn), prefix, plan));
  }
  if (plan.prompt) {
    return { state: 'pending', dueOn: null, explanation: '公开时限为“及时公开”，具体天数尚未设定，时限待定。请管理员在目录清单中为该事项设定天数。', trace: null };
  }
  return { state: 'none', dueOn: null, explanation: '该事项的公开时限未规定具体期限。', trace: null };
}

/** 长期公开: first published within the item's limit from adoption, then current at all times. */
function standingDue(cal: WorkCalendar, basis: DueBasis, adoptedOn: string): DueResult {
  const plan = planOf(basis.rules);
  const head = `长期公开，须始终保持有效的公开内容；本社区自${chineseDate(adoptedOn)}起适用该目录清单`;
  if (plan.within) {
    const rule = plan.within;
    const prefix = `${head}，首次公开依“${describeRule(rule)}”：`;
    return guarded(prefix, () => dated(withinStep(cal, rule.amount, rule.unit, adoptedOn), prefix, plan));
  }
  const prefix = `${head}：`;
  return guarded(prefix, () => dated(onOrAfterWorkday(cal, adoptedOn), prefix, plan));
}

/**
 * Last day of the month a periodic due point names: the Nth month of the period, or of the period
 * after it (次年1月底前 of 2026年度 is in January 2027; 次月10日前 of 2026年第4季度 is in January 2027).
 */
function dueMonthEnd(period: Period, monthOfPeriod: number, nextPeriod: boolean): string {
  const [endYear, endMonth] = period.end.split('-').map(Number) as [number, number];
  const first = nextPeriod ? endYear * 12 + endMonth : period.year * 12 + period.firstMonth - 1;
  const index = first + monthOfPeriod - 1;
  return monthEnd(Math.floor(index / 12), (index % 12) + 1);
}

function periodicStep(cal: WorkCalendar, plan: Plan, rule: PeriodicRule, period: Period): Step {
  const due = rule.due;
  if (due?.afterEnd) return withinStep(cal, due.afterEnd.amount, due.afterEnd.unit, period.end);
  if (due?.atEnd) return onOrAfterWorkday(cal, period.end);
  if (due?.day || due?.monthOfPeriod || due?.nextPeriod) {
    const last = dueMonthEnd(period, due.monthOfPeriod ?? 1, due.nextPeriod === true);
    const day = due.day ? Math.min(due.day, Number(last.slice(8))) : Number(last.slice(8));
    return onOrAfterWorkday(cal, `${last.slice(0, 8)}${String(day).padStart(2, '0')}`);
  }
  if (plan.within) return withinStep(cal, plan.within.amount, plan.within.unit, period.end);
  return onOrAfterWorkday(cal, period.end);
}

/** One per period, due at the rule's due point, or the period's end plus the item's `within`. */
function periodicDue(cal: WorkCalendar, basis: DueBasis, period: Period): DueResult {
  const plan = planOf(basis.rules);
  const rule = plan.periodic;
  if (!rule) return { state: 'none', dueOn: null, explanation: '该事项不是定期公开事项。', trace: null };
  const prefix = `依“${describeRule(rule)}”，${period.label}（${chineseDate(period.start)}至${chineseDate(period.end)}）：`;
  return guarded(prefix, () => dated(periodicStep(cal, plan, rule, period), prefix, plan));
}

export interface DueInput {
  kind: ObligationKind;
  basis: DueBasis;
  anchorOn: string;
  periodKey: string | null;
}

export function computeDue(cal: WorkCalendar, input: DueInput): DueResult {
  if (input.kind === 'standing') return standingDue(cal, input.basis, input.anchorOn);
  if (input.kind === 'periodic') return periodicDue(cal, input.basis, periodOfKey(input.periodKey ?? ''));
  return eventDue(cal, input.basis, input.anchorOn);
}

/** The last day a 公示 must stay up, by the item's publicity rule (the calendar domain's one rule). */
export function publicityEndOf(cal: WorkCalendar, basis: DueBasis, publishedOn: string): string | null {
  const rule = planOf(basis.rules).publicity;
  return rule ? publicityEnd(cal, publishedOn, rule).endsOn : null;
}

/** Rules without their text offsets: rewording the same rule is not a change. */
function canonicalBasis(basis: DueBasis): string {
  const rules = basis.rules.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'span' && k !== 'dueSpan')));
  return JSON.stringify({ rules, promptDays: basis.promptDays });
}

export function basisHash(basis: DueBasis): string {
  return createHash('sha256').update(canonicalBasis(basis)).digest('hex').slice(0, 16);
}

/** The fingerprint of everything a due date was computed from. */
export function fingerprint(input: DueInput, calendarVersion: number): string {
  const text = JSON.stringify([input.kind, basisHash(input.basis), input.anchorOn, input.periodKey, calendarVersion]);
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}
