import { CalendarInputError } from './errors.ts';

/*
 * Dates are Beijing local calendar dates written 'YYYY-MM-DD'. We turn them into day numbers
 * (days since 1970-01-01) with integer arithmetic only, so no Date object, time zone or DST rule
 * can shift a deadline by a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of a civil date (H. Hinnant's days_from_civil, proleptic Gregorian). */
export function dayFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of dayFromParts. */
export function partsFromDay(dayNumber: number): DateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

export function yearOfDay(dayNumber: number): number {
  return partsFromDay(dayNumber).year;
}

/** Parses 'YYYY-MM-DD' strictly; anything else is a user error with a Chinese message. */
export function parseIsoDate(text: unknown): number {
  const match = typeof text === 'string' ? ISO_DATE.exec(text) : null;
  if (!match) {
    throw new CalendarInputError(`日期格式无效：“${String(text)}”，应为 YYYY-MM-DD 格式，例如 2026-10-30`);
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12) {
    throw new CalendarInputError(`日期不存在：${String(text)}（月份应为 01 至 12）`);
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    throw new CalendarInputError(`日期不存在：${String(text)}（${year}年${month}月只有${last}天）`);
  }
  return dayFromParts(year, month, day);
}

export function isoFromDay(dayNumber: number): string {
  const { year, month, day } = partsFromDay(dayNumber);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const weekday = weekdayOf(dayNumber);
  return weekday === 0 || weekday === 6;
}

export function weekdayName(dayNumber: number): string {
  return WEEKDAY_NAMES[weekdayOf(dayNumber)] ?? '';
}

/** 2026年10月30日 — the form every user-facing date takes. */
export function formatChineseDate(dayNumber: number): string {
  const { year, month, day } = partsFromDay(dayNumber);
  return `${year}年${month}月${day}日`;
}

/** 10月30日, or the full form when the surrounding text spans more than one year. */
export function formatShortDate(dayNumber: number, withYear: boolean): string {
  if (withYear) return formatChineseDate(dayNumber);
  const { month, day } = partsFromDay(dayNumber);
  return `${month}月${day}日`;
}
