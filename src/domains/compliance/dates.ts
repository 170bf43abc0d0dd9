import { isoFromDay, parseIsoDate } from '../calendar/index.ts';

/*
 * Dates here are Beijing calendar dates 'YYYY-MM-DD' (China has one time zone and no DST), the
 * same strings the calendar takes. Only the clock's instant is ever turned into one.
 */

export function addDaysIso(iso: string, n: number): string {
  return isoFromDay(parseIsoDate(iso) + n);
}

export function monthStart(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** Last day of a month (month may run past 12: it rolls into the next year). */
export function monthEnd(year: number, month: number): string {
  const next = month === 12 ? monthStart(year + 1, 1) : monthStart(year, month + 1);
  return addDaysIso(next, -1);
}

/** The same day N months later, clamped to the month's end (3月31日 + 1个月 = 4月30日). */
export function addMonthsIso(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = Number(monthEnd(year, month).slice(8, 10));
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface DateRange {
  from: string;
  to: string;
  label: string;
}

/** '2026-10' → 2026年10月; '2026' → 2026年. */
export function rangeOf(period: string): DateRange {
  if (/^\d{4}-\d{2}$/.test(period)) {
    const [y, m] = period.split('-').map(Number) as [number, number];
    return { from: monthStart(y, m), to: monthEnd(y, m), label: `${y}年${m}月` };
  }
  const y = Number(period);
  return { from: `${y}-01-01`, to: `${y}-12-31`, label: `${y}年` };
}

/** The months ('YYYY-MM') a period is made of: itself, or a year's twelve. */
export function monthsOf(period: string): string[] {
  if (/^\d{4}-\d{2}$/.test(period)) return [period];
  return Array.from({ length: 12 }, (_, i) => `${Number(period)}-${String(i + 1).padStart(2, '0')}`);
}

export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}
