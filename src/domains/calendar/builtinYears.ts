import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CalendarDataError } from './errors.ts';
import type { DayEntry, YearData } from './types.ts';

/*
 * chinese-days ships the State Council arrangements for 2004–2026 as one JSON file:
 * { holidays: { 'YYYY-MM-DD': 'English,中文,n' }, workdays: {...}, inLieuDays: {...} }.
 * We read the data file directly rather than the library's API so the calendar stays plain data
 * that admins can amend, and so nothing in the library guesses about years it does not know.
 */

// The library's short names differ from the ones the notices use.
const NAME_FIXES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

let cached: readonly YearData[] | undefined;

/** The built-in years (2004–2026), one YearData per calendar year, read once per process. */
export function loadBuiltinYears(): readonly YearData[] {
  cached ??= Object.freeze(readBuiltinYears());
  return cached;
}

function readBuiltinYears(): YearData[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve('chinese-days/dist/chinese-days.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const byYear = new Map<number, YearData>();
  const yearOf = (date: string): YearData => {
    const year = Number(date.slice(0, 4));
    let data = byYear.get(year);
    if (!data) byYear.set(year, (data = { year, holidays: [], workdays: [] }));
    return data;
  };
  for (const entry of toEntries(raw.holidays, file)) yearOf(entry.date).holidays.push(entry);
  for (const entry of toEntries(raw.workdays, file)) yearOf(entry.date).workdays.push(entry);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

function toEntries(map: unknown, file: string): DayEntry[] {
  if (typeof map !== 'object' || map === null) {
    throw new CalendarDataError(`内置节假日数据格式异常：${file}`);
  }
  return Object.entries(map as Record<string, unknown>)
    .map(([date, label]) => ({ date, name: chineseName(String(label)) }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

function chineseName(label: string): string {
  // 'National Day,国庆节,3' → 国庆节
  const name = label.split(',')[1]?.trim() || label;
  return NAME_FIXES[name] ?? name;
}
