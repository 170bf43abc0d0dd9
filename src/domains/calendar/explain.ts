import { lowerBound, type CalendarIndex } from './calendarIndex.ts';
import { dayFromParts, formatShortDate, isoFromDay, weekdayName } from './dates.ts';
import type { DayEntry, HolidayRun } from './types.ts';

/** What lies inside a span of days: named holiday blocks, make-up working days, plain weekend rest days. */
export interface RangeDetails {
  skippedHolidays: HolidayRun[];
  makeupDays: DayEntry[];
  weekendRestDays: number;
}

interface OpenRun {
  names: string[];
  from: number;
  to: number;
}

/**
 * Describes offsets a..b (inclusive). Binary search finds the first holiday and make-up day, then
 * we walk only the entries inside the span, so the cost grows with what is reported, not with
 * the number of days.
 */
export function describeRange(index: CalendarIndex, a: number, b: number): RangeDetails {
  if (a > b) return { skippedHolidays: [], makeupDays: [], weekendRestDays: 0 };
  const runs: OpenRun[] = [];
  let holidayDays = 0;
  for (let p = lowerBound(index.holidayOffsets, a); p < index.holidayOffsets.length; p++) {
    const offset = index.holidayOffsets[p]!;
    if (offset > b) break;
    holidayDays++;
    appendToRuns(index, runs, offset, index.holidayNames[p] ?? '');
  }
  const makeupDays: DayEntry[] = [];
  for (let p = lowerBound(index.makeupOffsets, a); p < index.makeupOffsets.length; p++) {
    const offset = index.makeupOffsets[p]!;
    if (offset > b) break;
    makeupDays.push({ date: isoFromDay(index.firstDay + offset), name: index.makeupNames[p] ?? '' });
  }
  const workingDays = index.prefix[b]! - (a > 0 ? index.prefix[a - 1]! : 0);
  return {
    skippedHolidays: runs.map((run) => ({
      name: run.names.join('、'),
      from: isoFromDay(index.firstDay + run.from),
      to: isoFromDay(index.firstDay + run.to),
    })),
    makeupDays,
    weekendRestDays: b - a + 1 - workingDays - holidayDays,
  };
}

/**
 * Holiday days join the previous block when no working day separates them. The data sometimes
 * omits a weekend inside a block (2015 端午: 6月20日 and 6月22日), and 中秋节 may run straight into
 * 国庆节; both read best as one block.
 */
function appendToRuns(index: CalendarIndex, runs: OpenRun[], offset: number, name: string): void {
  const last = runs[runs.length - 1];
  if (last && index.prefix[offset - 1]! - index.prefix[last.to]! === 0) {
    last.to = offset;
    if (!last.names.includes(name)) last.names.push(name);
    return;
  }
  runs.push({ names: [name], from: offset, to: offset });
}

/** "跳过国庆节假期10月1日至10月7日；10月10日（星期六）调休上班计入；另有周末休息日5天不计入" */
export function describeDetails(details: RangeDetails, withYear: boolean): string {
  const parts: string[] = [];
  if (details.skippedHolidays.length > 0) {
    parts.push(`跳过${describeHolidayRuns(details.skippedHolidays, withYear)}`);
  }
  if (details.makeupDays.length > 0) {
    const days = details.makeupDays.map((entry) => formatWithWeekday(entry.date, withYear));
    parts.push(`${days.join('、')}调休上班计入`);
  }
  if (parts.length === 0) parts.push('期间无法定节假日或调休上班日');
  if (details.weekendRestDays > 0) parts.push(`另有周末休息日${details.weekendRestDays}天不计入`);
  return parts.join('；');
}

/** "中秋节假期9月25日至9月27日、国庆节假期10月1日至10月7日" */
export function describeHolidayRuns(runs: readonly HolidayRun[], withYear: boolean): string {
  return runs.map((run) => `${run.name}假期${formatSpan(run, withYear)}`).join('、');
}

function formatSpan(run: HolidayRun, withYear: boolean): string {
  const from = formatShortDate(dayOfIso(run.from), withYear);
  return run.from === run.to ? from : `${from}至${formatShortDate(dayOfIso(run.to), withYear)}`;
}

function formatWithWeekday(iso: string, withYear: boolean): string {
  const day = dayOfIso(iso);
  return `${formatShortDate(day, withYear)}（${weekdayName(day)}）`;
}

// Inputs here were produced by isoFromDay, so slicing is safe and skips re-validation.
function dayOfIso(iso: string): number {
  return dayFromParts(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}
