import { dayFromParts, isWeekend, partsFromDay } from './dates.ts';
import type { MergedCalendarData } from './yearData.ts';

/**
 * Precomputed arrays over every day from 1 January of the first year to 31 December of the last
 * year the data mentions. Positions are "offsets" (day number − firstDay). Building costs one pass
 * over ~365 × years days, so the calendar can be rebuilt whenever an admin edits a year.
 */
export interface CalendarIndex {
  readonly firstDay: number;
  readonly length: number;
  /** 1 when the day is a working day. */
  readonly working: Uint8Array;
  /** prefix[i] = number of working days among offsets 0..i (inclusive). */
  readonly prefix: Int32Array;
  /** Offsets of all working days in order: workdays[k] is the (k+1)-th working day. */
  readonly workdays: Int32Array;
  /** Last offset of the run of known years containing offset i; -1 when i's year is unknown. */
  readonly knownEnd: Int32Array;
  /** Offsets of holidays (rest days with a name), ascending, with their names alongside. */
  readonly holidayOffsets: Int32Array;
  readonly holidayNames: readonly string[];
  /** Offsets of weekend days that are working days (调休上班), ascending, with names alongside. */
  readonly makeupOffsets: Int32Array;
  readonly makeupNames: readonly string[];
  readonly knownYears: readonly number[];
}

export function buildCalendarIndex(data: MergedCalendarData): CalendarIndex {
  const years = [...data.knownYears];
  for (const day of data.entries.keys()) years.push(partsFromDay(day).year);
  const firstDay = dayFromParts(Math.min(...years), 1, 1);
  const length = dayFromParts(Math.max(...years) + 1, 1, 1) - firstDay;

  const working = new Uint8Array(length);
  const prefix = new Int32Array(length);
  const workdays: number[] = [];
  const holidays: { offsets: number[]; names: string[] } = { offsets: [], names: [] };
  const makeups: { offsets: number[]; names: string[] } = { offsets: [], names: [] };
  let count = 0;
  for (let i = 0; i < length; i++) {
    const day = firstDay + i;
    const entry = data.entries.get(day);
    const weekend = isWeekend(day);
    const isWorking = entry ? entry.working : !weekend;
    if (isWorking) {
      working[i] = 1;
      workdays.push(i);
      count++;
    }
    prefix[i] = count;
    if (entry && !entry.working) pushNamed(holidays, i, entry.name);
    if (entry && entry.working && weekend) pushNamed(makeups, i, entry.name);
  }
  return {
    firstDay,
    length,
    working,
    prefix,
    workdays: Int32Array.from(workdays),
    knownEnd: buildKnownEnd(firstDay, length, data.knownYears),
    holidayOffsets: Int32Array.from(holidays.offsets),
    holidayNames: holidays.names,
    makeupOffsets: Int32Array.from(makeups.offsets),
    makeupNames: makeups.names,
    knownYears: [...data.knownYears].sort((a, b) => a - b),
  };
}

function pushNamed(target: { offsets: number[]; names: string[] }, offset: number, name: string): void {
  target.offsets.push(offset);
  target.names.push(name);
}

/** One backward pass: each known day points at the last day before the next unknown year. */
function buildKnownEnd(firstDay: number, length: number, knownYears: ReadonlySet<number>): Int32Array {
  const knownEnd = new Int32Array(length);
  let runEnd = -1;
  let year = partsFromDay(firstDay + length - 1).year;
  let yearStart = dayFromParts(year, 1, 1) - firstDay;
  for (let i = length - 1; i >= 0; i--) {
    if (i < yearStart) {
      year--;
      yearStart = dayFromParts(year, 1, 1) - firstDay;
    }
    if (!knownYears.has(year)) runEnd = -1;
    else if (runEnd < 0) runEnd = i;
    knownEnd[i] = runEnd;
  }
  return knownEnd;
}

/** First position p in the ascending array with values[p] >= target. */
export function lowerBound(values: Int32Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
