import { formatChineseDate, parseIsoDate } from '../calendar/index.ts';

const BEIJING_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Beijing calendar date of an instant, 'YYYY-MM-DD'. */
export function beijingDate(at: Date): string {
  return BEIJING_DAY.format(at);
}

/** '2026-10-30' → 2026年10月30日. */
export function chineseDate(iso: string): string {
  return formatChineseDate(parseIsoDate(iso));
}

/** 2026年10月30日 for an instant, in Beijing time. */
export function chineseDateOf(at: Date): string {
  return chineseDate(beijingDate(at));
}

/** '2026-11-02T09:30' from a datetime-local field, read as Beijing time. */
export function parseBeijingDateTime(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const at = new Date(`${m[1]}T${m[2]}:${m[3]}:00+08:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** An instant as a datetime-local value in Beijing time. */
export function beijingDateTimeValue(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 16);
}
