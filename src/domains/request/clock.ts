import { AppError } from '../../platform/errors.ts';
import { describeDay, formatChineseDate, isoFromDay, parseIsoDate, CalendarInputError, CalendarUnknownError, type WorkCalendar } from '../calendar/index.ts';

/*
 * The 依申请公开 clock of 政府信息公开条例 (2019), as one pure use case on the working-day calendar.
 *
 * - Art. 33: reply within 20 working days, counted like every deadline here from the day after
 *   receipt. A request received on a rest day (holiday or weekend) therefore has the first
 *   working day after it as day 1; a 调休 working Saturday is a working day like any other.
 * - Art. 30: a 补正 notice goes out within 7 working days of receipt; once the corrected request
 *   arrives, the clock restarts from it (the day after it is day 1).
 * - Art. 32/34: while a third party (or another agency) is consulted, the working days after the
 *   letter went out up to and including the day the answer arrived are not counted.
 * - Art. 33: one extension of up to 20 working days. `due` is always the statutory date without
 *   it, `extendedDue` the date with it (pauses falling in the extension are skipped too);
 *   `extended` only records that the extension was approved and notified.
 */

export const REPLY_WORKDAYS = 20;
export const EXTENSION_WORKDAYS = 20;
export const CORRECTION_NOTICE_WORKDAYS = 7;

export interface Pause {
  /** Day the letter to the third party (or the other agency) went out. */
  from: string;
  /** Day the answer arrived. */
  to: string;
}

export interface RequestClockInput {
  received: string;
  corrected?: string | null;
  pauses?: readonly Pause[];
  extended?: boolean;
}

export interface RequestClock {
  /** First day of counting: the receipt (or the corrected request's receipt); day 1 is the working day after it. */
  start: string;
  due: string;
  extendedDue: string;
  /** Latest day for a 补正 notice (7 working days after the original receipt). */
  correctionNoticeDue: string;
  /** Working days not counted because of the pauses (before `due`). */
  pausedWorkdays: number;
  explanation: string;
}

/** Computes the reply dates of a request and explains each step in Chinese. */
export function requestClock(calendar: WorkCalendar, input: RequestClockInput): RequestClock {
  const { received } = input;
  parseIsoDate(received);
  const corrected = input.corrected ?? null;
  if (corrected !== null && parseIsoDate(corrected) < parseIsoDate(received)) {
    throw new CalendarInputError(`补正申请的收到日期 ${corrected} 早于原申请的收到日期 ${received}`);
  }
  const start = corrected ?? received;
  const pauses = mergePauses(input.pauses ?? [], start);
  const notice = calendar.addWorkdays(received, CORRECTION_NOTICE_WORKDAYS);
  const main = countWithPauses(calendar, start, REPLY_WORKDAYS, pauses);
  const ext = extendedOrRefuse(calendar, start, pauses, main.due);
  const steps = [
    `收到申请：${describeDay(calendar, received).explanation}（《政府信息公开条例》第三十一条）。`,
    `补正告知：如申请内容不明确，应自收到申请之日起${CORRECTION_NOTICE_WORKDAYS}个工作日内一次性告知补正，即不晚于${cn(notice.due)}（第三十条）；${notice.explanation}`,
  ];
  if (corrected) {
    steps.push(`收到补正后的申请：${describeDay(calendar, corrected).explanation}；答复期限自收到补正申请之日起重新计算（第三十条）。`);
  }
  steps.push(startStep(calendar, start));
  steps.push(...pauseSteps(calendar, pauses, main.pausedBefore));
  steps.push(`答复期限：${REPLY_WORKDAYS}个工作日${main.paused > 0 ? `，另加不计入的${main.paused}个工作日` : ''}，${main.explanation}即${cn(main.due)}（第三十三条第二款）。`);
  const extPause = ext.paused > main.paused ? `（延长期内又有${ext.paused - main.paused}个工作日征求意见不计入）` : '';
  steps.push(
    input.extended
      ? `延长答复期限：已经政府信息公开工作机构负责人同意并告知申请人，延长${EXTENSION_WORKDAYS}个工作日${extPause}，答复期限延至${cn(ext.due)}。`
      : `如需延长：经政府信息公开工作机构负责人同意并告知申请人，可延长一次，最长${EXTENSION_WORKDAYS}个工作日${extPause}，即不晚于${cn(ext.due)}；本申请尚未批准延长，答复期限仍为${cn(main.due)}。`,
  );
  return {
    start,
    due: main.due,
    extendedDue: ext.due,
    correctionNoticeDue: notice.due,
    pausedWorkdays: main.paused,
    explanation: steps.join('\n'),
  };
}

/**
 * The date with the extension. When only that date falls in a year whose holidays are not yet
 * known we still refuse (a wrong date is worse than none) but say what the statutory date is.
 */
function extendedOrRefuse(calendar: WorkCalendar, start: string, pauses: readonly Pause[], due: string): Counted {
  try {
    return countWithPauses(calendar, start, REPLY_WORKDAYS + EXTENSION_WORKDAYS, pauses);
  } catch (err) {
    if (!(err instanceof CalendarUnknownError)) throw err;
    throw new AppError(`答复期限为${cn(due)}，但延长后的期限进入${err.year}年：${err.message}`, 422, 'calendar_year_unknown');
  }
}

/** Sorts the pauses, checks each, clips them to after `start` and joins overlapping ones. */
export function mergePauses(pauses: readonly Pause[], start: string): Pause[] {
  for (const p of pauses) {
    if (parseIsoDate(p.to) < parseIsoDate(p.from)) {
      throw new CalendarInputError(`征求意见的收到答复日期 ${p.to} 早于发函日期 ${p.from}`);
    }
  }
  const clipped = pauses
    .filter((p) => p.to > start)
    .map((p) => ({ from: p.from < start ? start : p.from, to: p.to }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Pause[] = [];
  for (const p of clipped) {
    const last = merged[merged.length - 1];
    if (last && p.from <= last.to) {
      if (p.to > last.to) last.to = p.to;
    } else merged.push({ ...p });
  }
  return merged.filter((p) => p.to > p.from);
}

interface Counted {
  due: string;
  paused: number;
  /** How many of the pauses fell before the due date (the others do not move it). */
  pausedBefore: number;
  explanation: string;
}

/**
 * The n-th counted working day after `start`, where the working days inside a pause are not
 * counted. A pause only matters when its letter went out before the date reached so far; the
 * days it removes then push the date back by as many working days (the pauses are sorted and
 * disjoint, so one pass suffices).
 */
function countWithPauses(calendar: WorkCalendar, start: string, n: number, pauses: readonly Pause[]): Counted {
  let result = calendar.addWorkdays(start, n);
  let paused = 0;
  let pausedBefore = 0;
  for (const p of pauses) {
    if (p.from >= result.due) break;
    paused += calendar.countWorkdays(p.from, p.to).count;
    pausedBefore++;
    result = calendar.addWorkdays(start, n + paused);
  }
  return { due: result.due, paused, pausedBefore, explanation: result.explanation };
}

function startStep(calendar: WorkCalendar, start: string): string {
  const first = calendar.addWorkdays(start, 1).due;
  const next = isoFromDay(parseIsoDate(start) + 1);
  const note = first === next ? '' : `（次日${describeDay(calendar, next).explanation.replace(/^\S+?）是/, '是')}，顺延至其后第一个工作日）`;
  return `起算：自收到之日的次日起计算，收到当日不计入；收到当日为休息日的也同样处理，第1个工作日为${cn(first)}${note}。`;
}

function pauseSteps(calendar: WorkCalendar, pauses: readonly Pause[], counted: number): string[] {
  return pauses.slice(0, counted).map((p) => {
    const span = calendar.countWorkdays(p.from, p.to);
    return `征求第三方意见（第三十二条）：${cn(p.from)}发函，${cn(p.to)}收到答复；发函次日至收到答复当日的${span.count}个工作日不计入答复期限。`;
  });
}

function cn(iso: string): string {
  return formatChineseDate(parseIsoDate(iso));
}
