/*
 * Beijing dates and the Chinese date format, the one implementation every floor uses.
 * China has one time zone and no daylight saving, so a fixed +08:00 offset is exact.
 * Calendar dates travel as 'YYYY-MM-DD' strings; only the clock's instant is turned into one.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;

/** The instant shifted so that its UTC fields read as Beijing wall time. */
function wall(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString();
}

/** The Beijing calendar date of an instant, 'YYYY-MM-DD'. */
export function beijingDate(at: Date): string {
  return wall(at).slice(0, 10);
}

/** Minutes since Beijing midnight (the screen's daily windows). */
export function beijingMinutes(at: Date): number {
  const iso = wall(at);
  return Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16));
}

/** '2026-10-30' (or any string starting so) → 2026年10月30日, the form every user reads. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 2026年10月30日 for an instant, in Beijing time. */
export function chineseDateOf(at: Date): string {
  return chineseDate(beijingDate(at));
}

/** 2026年10月30日 15:05 for an instant, in Beijing time. */
export function chineseDateTime(at: Date): string {
  return `${chineseDateOf(at)} ${wall(at).slice(11, 16)}`;
}

/** '2026-11-02T09:30' from a datetime-local field, read as Beijing time; null when invalid. */
export function parseBeijingDateTime(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const at = new Date(`${m[1]}T${m[2]}:${m[3]}:00+08:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** An instant as a datetime-local value ('2026-11-02T09:30') in Beijing time. */
export function beijingDateTimeValue(at: Date): string {
  return wall(at).slice(0, 16);
}
