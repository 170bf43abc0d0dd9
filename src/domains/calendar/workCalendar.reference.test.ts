import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBuiltinYears } from './builtinYears.ts';
import { CalendarUnknownError } from './errors.ts';
import { readYearDataFile } from './notice.ts';
import type { YearData } from './types.ts';
import { WorkCalendar } from './workCalendar.ts';

/*
 * The indexed calendar must agree with the obvious day-by-day loop on thousands of random
 * inputs. The loop below shares no code with the index (it steps JavaScript Dates in UTC and
 * looks days up in Sets), so agreement means the prefix arithmetic is right, not merely consistent.
 */

const DAY_MS = 86_400_000;
const UNKNOWN = 'unknown';

function naiveCalendar(years: readonly YearData[]) {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const known = new Set<number>();
  for (const data of years) {
    known.add(data.year);
    for (const h of data.holidays) {
      holidays.add(h.date);
      workdays.delete(h.date);
    }
    for (const w of data.workdays) {
      workdays.add(w.date);
      holidays.delete(w.date);
    }
  }
  const weekday = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay();
  const isWork = (iso: string): boolean => workdays.has(iso) || (!holidays.has(iso) && weekday(iso) % 6 !== 0);
  const next = (iso: string): string => new Date(Date.parse(`${iso}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const isKnown = (iso: string): boolean => known.has(Number(iso.slice(0, 4)));

  function addWorkdays(date: string, n: number): string {
    let day = date;
    if (!isKnown(day)) return UNKNOWN;
    if (n === 0) {
      while (!isWork(day)) if (!isKnown((day = next(day)))) return UNKNOWN;
      return day;
    }
    for (let left = n; left > 0; ) {
      day = next(day);
      if (!isKnown(day)) return UNKNOWN;
      if (isWork(day)) left--;
    }
    return day;
  }

  function addDays(date: string, n: number): string {
    let day = date;
    if (!isKnown(day)) return UNKNOWN;
    for (let i = 0; i < n; i++) if (!isKnown((day = next(day)))) return UNKNOWN;
    while (!isWork(day)) if (!isKnown((day = next(day)))) return UNKNOWN;
    return day;
  }

  /** Count plus the weekend working days met on the way, for checking explanations too. */
  function countWorkdays(from: string, to: string): { count: number; makeups: string[] } | typeof UNKNOWN {
    let count = 0;
    const makeups: string[] = [];
    for (let day = from; day < to; ) {
      day = next(day);
      if (!isKnown(day)) return UNKNOWN;
      if (isWork(day)) count++;
      if (isWork(day) && weekday(day) % 6 === 0) makeups.push(day);
    }
    return isKnown(from) ? { count, makeups } : UNKNOWN;
  }

  return { addWorkdays, addDays, countWorkdays, holidays };
}

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDate(rand: () => number, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  return new Date(start + Math.floor(rand() * ((end - start) / DAY_MS)) * DAY_MS).toISOString().slice(0, 10);
}

function outcome(run: () => string): string {
  try {
    return run();
  } catch (error) {
    if (error instanceof CalendarUnknownError) return UNKNOWN;
    throw error;
  }
}

async function sources(): Promise<Record<string, YearData[]>> {
  const sample = await readYearDataFile(fileURLToPath(new URL('../../../data/calendar/sample-2027-notice.txt', import.meta.url)));
  const correction: YearData = { year: 2026, holidays: [{ date: '2026-10-08', name: '国庆节' }], workdays: [] };
  return { builtin: [...loadBuiltinYears()], 'builtin + 2027 sample + correction': [...loadBuiltinYears(), ...sample, correction] };
}

describe('indexed calendar equals a naive day-by-day loop', async () => {
  for (const [label, years] of Object.entries(await sources())) {
    const calendar = new WorkCalendar(years);
    const naive = naiveCalendar(years);
    const lastYear = years.reduce((max, y) => Math.max(max, y.year), 0);

    it(`addWorkdays, 5000 random inputs (${label})`, () => {
      const rand = random(1);
      for (let i = 0; i < 5000; i++) {
        const date = randomDate(rand, 2003, lastYear + 1);
        const n = i % 10 === 0 ? Math.floor(rand() * 600) : Math.floor(rand() * 45);
        expect(outcome(() => calendar.addWorkdays(date, n).due), `${date} + ${n}`).toBe(naive.addWorkdays(date, n));
      }
    });

    it(`addDays, 5000 random inputs (${label})`, () => {
      const rand = random(2);
      for (let i = 0; i < 5000; i++) {
        const date = randomDate(rand, 2003, lastYear + 1);
        const n = Math.floor(rand() * 90);
        expect(outcome(() => calendar.addDays(date, n).due), `${date} + ${n}日`).toBe(naive.addDays(date, n));
      }
    });

    it(`countWorkdays and its make-up days, 3000 random spans (${label})`, () => {
      const rand = random(3);
      for (let i = 0; i < 3000; i++) {
        const from = randomDate(rand, 2003, lastYear + 1);
        const to = new Date(Date.parse(`${from}T00:00:00Z`) + Math.floor(rand() * 400) * DAY_MS).toISOString().slice(0, 10);
        const expected = naive.countWorkdays(from, to);
        let actual: { count: number; makeups: string[] } | typeof UNKNOWN = UNKNOWN;
        try {
          const result = calendar.countWorkdays(from, to);
          actual = { count: result.count, makeups: result.makeupDays.map((d) => d.date) };
          for (const run of result.skippedHolidays) {
            expect(naive.holidays.has(run.from) && naive.holidays.has(run.to), `${run.from}–${run.to}`).toBe(true);
          }
        } catch (error) {
          if (!(error instanceof CalendarUnknownError)) throw error;
        }
        expect(actual, `${from} → ${to}`).toEqual(expected);
      }
    });
  }
});
