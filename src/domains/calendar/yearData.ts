import { CalendarDataError, CalendarInputError } from './errors.ts';
import { parseIsoDate, yearOfDay } from './dates.ts';
import type { DayEntry, YearData } from './types.ts';

/** What one date ends up as after every source has been applied, latest source winning. */
export interface MergedEntry {
  working: boolean;
  name: string;
  /** The YearData.year that last set this date; a `replace` of that year clears it. */
  sourceYear: number;
}

export interface MergedCalendarData {
  knownYears: Set<number>;
  /** Keyed by day number. Dates without an entry follow the weekend rule. */
  entries: Map<number, MergedEntry>;
}

const MIN_YEAR = 1949;
const MAX_YEAR = 2200;

/**
 * Checks one year's data from any source (JSON file, DB rows, parsed notice) and returns a
 * clean copy. Messages are Chinese because an admin entering the year sees them.
 */
export function validateYearData(value: unknown, label = '节假日数据'): YearData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CalendarDataError(`${label}应为对象，包含 year、holidays、workdays`);
  }
  const raw = value as Record<string, unknown>;
  const year = raw.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarDataError(`${label}的年份无效：${String(year)}`);
  }
  const where = `${label}（${year}年）`;
  if (raw.replace !== undefined && typeof raw.replace !== 'boolean') {
    throw new CalendarDataError(`${where}的 replace 应为 true 或 false`);
  }
  const holidays = validateEntries(raw.holidays, year, `${where}的放假日期 holidays`, false);
  const workdays = validateEntries(raw.workdays, year, `${where}的调休上班日期 workdays`, true);
  const holidayDates = new Set(holidays.map((entry) => entry.date));
  const clash = workdays.find((entry) => holidayDates.has(entry.date));
  if (clash) throw new CalendarDataError(`${where}中 ${clash.date} 既是放假日又是上班日`);
  const result: YearData = { year, holidays, workdays };
  if (raw.replace === true) result.replace = true;
  return result;
}

function validateEntries(value: unknown, year: number, where: string, optional: boolean): DayEntry[] {
  if (value === undefined && optional) return [];
  if (!Array.isArray(value)) throw new CalendarDataError(`${where}应为数组`);
  const seen = new Set<string>();
  return value.map((item: unknown, i) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const name = typeof entry.name === 'string' ? entry.name.trim() : '';
    if (!name) throw new CalendarDataError(`${where}第${i + 1}项缺少节日名称 name`);
    const date = checkedDate(entry.date, `${where}第${i + 1}项`);
    // A notice may reach into the neighbouring year (元旦 from 12月31日), never further.
    if (Math.abs(yearOfDay(parseIsoDate(date)) - year) > 1) {
      throw new CalendarDataError(`${where}第${i + 1}项的日期 ${date} 不属于${year}年前后`);
    }
    if (seen.has(date)) throw new CalendarDataError(`${where}中日期 ${date} 重复出现`);
    seen.add(date);
    return { date, name };
  });
}

function checkedDate(value: unknown, where: string): string {
  try {
    parseIsoDate(value);
  } catch (error) {
    if (error instanceof CalendarInputError) throw new CalendarDataError(`${where}：${error.message}`);
    throw error;
  }
  return value as string;
}

/**
 * Applies the sources in order: later ones amend (or, with `replace`, supersede) earlier ones,
 * so built-in data first, then the admin's corrections and new years.
 */
export function mergeYearData(years: readonly YearData[]): MergedCalendarData {
  const knownYears = new Set<number>();
  const entries = new Map<number, MergedEntry>();
  for (const data of years) {
    const isNewYear = data.replace === true || !knownYears.has(data.year);
    // A year with no holiday at all is almost certainly not entered yet; treating it as known
    // would be exactly the silent Monday–Friday guess we refuse to make.
    if (isNewYear && data.holidays.length === 0) {
      throw new CalendarDataError(`${data.year}年的数据中没有任何放假日期，请录入完整的节假日安排`);
    }
    if (data.replace === true) {
      for (const [day, entry] of entries) if (entry.sourceYear === data.year) entries.delete(day);
    }
    for (const entry of data.holidays) {
      entries.set(parseIsoDate(entry.date), { working: false, name: entry.name, sourceYear: data.year });
    }
    for (const entry of data.workdays) {
      entries.set(parseIsoDate(entry.date), { working: true, name: entry.name, sourceYear: data.year });
    }
    knownYears.add(data.year);
  }
  return { knownYears, entries };
}
