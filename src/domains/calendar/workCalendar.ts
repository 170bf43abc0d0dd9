import { loadBuiltinYears } from './builtinYears.ts';
import { buildCalendarIndex, lowerBound, type CalendarIndex } from './calendarIndex.ts';
import { formatChineseDate, isoFromDay, parseIsoDate, weekdayName, yearOfDay } from './dates.ts';
import { CalendarDataError, CalendarInputError, CalendarUnknownError } from './errors.ts';
import { describeDetails, describeHolidayRuns, describeRange } from './explain.ts';
import type { DayEntry, DeadlineResult, WorkdayCountResult, YearData } from './types.ts';
import { mergeYearData, validateYearData } from './yearData.ts';

/**
 * China's working-day calendar: weekends rest, 法定节假日 rest, 调休 weekend days work.
 *
 * Built from plain year data so the district admin's corrections can be applied by rebuilding
 * (a few milliseconds). Every query is O(1) or O(log n) on a precomputed index; the only work
 * that grows with the span is listing the holidays the explanation names.
 *
 * A year is "known" when some source supplied data for it. Any calculation touching an unknown
 * year throws CalendarUnknownError instead of assuming Monday–Friday.
 */
export class WorkCalendar {
  private readonly index: CalendarIndex;

  /** `years` in override order: later entries amend (or with `replace`, supersede) earlier ones. */
  constructor(years: readonly YearData[]) {
    if (years.length === 0) throw new CalendarDataError('没有任何节假日数据，无法建立工作日历');
    const validated = years.map((data) => validateYearData(data));
    this.index = buildCalendarIndex(mergeYearData(validated));
  }

  /** Years the calendar can compute in, ascending. */
  get knownYears(): readonly number[] {
    return this.index.knownYears;
  }

  isWorkday(date: string): boolean {
    return this.index.working[this.offsetOf(date)] === 1;
  }

  /** The holiday's name when `date` is a holiday (放假), otherwise undefined. */
  holidayName(date: string): string | undefined {
    return this.holidayAt(this.offsetOf(date));
  }

  /**
   * The n-th working day after `date` (民法典 第二百零一条: the trigger day is not counted).
   * n = 0 means "当天": `date` itself when it is a working day, else the next working day.
   */
  addWorkdays(date: string, n: number): DeadlineResult {
    const start = this.offsetOf(date);
    checkCount(n, '工作日数');
    const { prefix, working, workdays } = this.index;
    // prefix[start] counts working days up to and including start, so the n-th one after it sits
    // at workdays[prefix[start] + n - 1]; for n = 0 we want the first one on or after start.
    const ordinal = n === 0 ? prefix[start]! - working[start]! : prefix[start]! + n - 1;
    const due = this.checkedWithinKnown(start, workdays[ordinal]);
    return this.explainWorkdays(start, n, due);
  }

  /**
   * `date` plus n calendar days; when that day is a rest day (holiday or weekend) the period ends
   * on the next working day instead (民法典 第二百零三条). A 调休 working Saturday does not move.
   */
  addDays(date: string, n: number): DeadlineResult {
    const start = this.offsetOf(date);
    checkCount(n, '天数');
    const end = this.checkedWithinKnown(start, start + n);
    const { prefix, working, workdays } = this.index;
    // end is a rest day here, so prefix[end] working days precede it and the next is workdays[prefix[end]].
    const due = working[end] === 1 ? end : this.checkedWithinKnown(start, workdays[prefix[end]!]);
    return this.explainDays(start, n, end, due);
  }

  /**
   * Working days in the span that starts after `from` and ends on `to`: `from` is not counted,
   * `to` is (the same convention as addWorkdays, so countWorkdays(d, addWorkdays(d, n).due) = n).
   */
  countWorkdays(from: string, to: string): WorkdayCountResult {
    const a = this.offsetOf(from);
    const b = this.offsetOf(to);
    if (b < a) throw new CalendarInputError(`结束日期 ${to} 早于起始日期 ${from}`);
    this.checkedWithinKnown(a, b);
    const count = this.index.prefix[b]! - this.index.prefix[a]!;
    const details = describeRange(this.index, a + 1, b);
    const withYear = this.yearOf(a) !== this.yearOf(b);
    const explanation = `${this.format(a)}（不含）至${this.format(b)}（含）共${count}个工作日；${describeDetails(details, withYear)}。`;
    return { count, explanation, skippedHolidays: details.skippedHolidays, makeupDays: details.makeupDays };
  }

  private explainWorkdays(start: number, n: number, due: number): DeadlineResult {
    const withYear = this.yearOf(start) !== this.yearOf(due);
    const details = describeRange(this.index, n === 0 ? start : start + 1, due);
    const result = { due: this.iso(due), skippedHolidays: details.skippedHolidays, makeupDays: details.makeupDays };
    if (n > 0) {
      const head = `${this.format(start)} + ${n}个工作日（起算日不计入）= ${this.format(due)}`;
      return { ...result, explanation: `${head}；${describeDetails(details, withYear)}。` };
    }
    const head = `${this.format(start)} + 0个工作日（当天）= ${this.format(due)}`;
    if (due !== start) {
      const tail = `当天${this.restLabel(start)}，顺延至下一个工作日；${describeDetails(details, withYear)}`;
      return { ...result, explanation: `${head}；${tail}。` };
    }
    const today = details.makeupDays.length > 0 ? `当天（${this.weekday(start)}）为调休上班日` : '当天为工作日';
    return { ...result, explanation: `${head}；${today}。` };
  }

  private explainDays(start: number, n: number, end: number, due: number): DeadlineResult {
    const head = `${this.format(start)} + ${n}日（自然日）= ${this.format(end)}`;
    const makeupDays = this.makeupAt(due);
    if (due === end) {
      const note = makeupDays.length > 0 ? `；该日（${this.weekday(end)}）为调休上班日，无需顺延` : '';
      return { due: this.iso(due), explanation: `${head}${note}。`, skippedHolidays: [], makeupDays };
    }
    const skipped = describeRange(this.index, end, due - 1).skippedHolidays;
    const dueText = makeupDays.length > 0 ? `${this.format(due)}（${this.weekday(due)}调休上班）` : this.format(due);
    const moved = `该日${this.restLabel(end)}，依《民法典》第二百零三条顺延至其后第一个工作日${dueText}`;
    const withYear = this.yearOf(start) !== this.yearOf(due);
    const runs = skipped.length > 0 ? `；跳过${describeHolidayRuns(skipped, withYear)}` : '';
    return { due: this.iso(due), explanation: `${head}，${moved}${runs}。`, skippedHolidays: skipped, makeupDays };
  }

  /** The make-up working day at `offset`, as a one-element list, or an empty list. */
  private makeupAt(offset: number): DayEntry[] {
    const p = lowerBound(this.index.makeupOffsets, offset);
    if (this.index.makeupOffsets[p] !== offset) return [];
    return [{ date: this.iso(offset), name: this.index.makeupNames[p] ?? '' }];
  }

  private holidayAt(offset: number): string | undefined {
    const p = lowerBound(this.index.holidayOffsets, offset);
    return this.index.holidayOffsets[p] === offset ? this.index.holidayNames[p] : undefined;
  }

  /** "为国庆节假期" or "为星期日休息日". */
  private restLabel(offset: number): string {
    const name = this.holidayAt(offset);
    return name ? `为${name}假期` : `为${this.weekday(offset)}休息日`;
  }

  /** Offset of a date in a known year, or the reason it cannot be used. */
  private offsetOf(date: string): number {
    const day = parseIsoDate(date);
    const offset = day - this.index.firstDay;
    if (offset < 0 || offset >= this.index.length || this.index.knownEnd[offset]! < 0) {
      throw new CalendarUnknownError(yearOfDay(day));
    }
    return offset;
  }

  /** `target` when every day from `start` to it lies in known years; else names the first unknown year. */
  private checkedWithinKnown(start: number, target: number | undefined): number {
    const lastKnown = this.index.knownEnd[start]!;
    if (target === undefined || target > lastKnown) {
      throw new CalendarUnknownError(yearOfDay(this.index.firstDay + lastKnown + 1));
    }
    return target;
  }

  private format(offset: number): string {
    return formatChineseDate(this.index.firstDay + offset);
  }

  private iso(offset: number): string {
    return isoFromDay(this.index.firstDay + offset);
  }

  private weekday(offset: number): string {
    return weekdayName(this.index.firstDay + offset);
  }

  private yearOf(offset: number): number {
    return yearOfDay(this.index.firstDay + offset);
  }
}

/** The built-in 2004–2026 data amended by `extra` (admin corrections, newly announced years). */
export function createWorkCalendar(extra: readonly YearData[] = []): WorkCalendar {
  return new WorkCalendar([...loadBuiltinYears(), ...extra]);
}

function checkCount(n: number, what: string): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new CalendarInputError(`${what}必须是不小于0的整数，收到：${String(n)}`);
  }
}
