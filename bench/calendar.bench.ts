import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createWorkCalendar, loadBuiltinYears, type YearData } from '../src/domains/calendar/index.ts';

/*
 * Working-day arithmetic: the indexed WorkCalendar (explanations included) against the day-by-day
 * loop most implementations use, measured in the same run on the same inputs.
 *   node --import tsx bench/calendar.bench.ts
 */

const DAY_MS = 86_400_000;
const MEASURE_MS = 400;

/** The usual approach: step one day at a time, look each day up in sets of ISO strings. */
function naiveCalendar(years: readonly YearData[]) {
  const holidays = new Set(years.flatMap((y) => y.holidays.map((h) => h.date)));
  const workdays = new Set(years.flatMap((y) => y.workdays.map((w) => w.date)));
  const isWork = (d: Date): boolean => {
    const iso = d.toISOString().slice(0, 10);
    return workdays.has(iso) || (!holidays.has(iso) && d.getUTCDay() % 6 !== 0);
  };
  return {
    addWorkdays(date: string, n: number): string {
      const d = new Date(`${date}T00:00:00Z`);
      for (let left = n; left > 0; ) {
        d.setUTCDate(d.getUTCDate() + 1);
        if (isWork(d)) left--;
      }
      return d.toISOString().slice(0, 10);
    },
    countWorkdays(from: string, to: string): number {
      const d = new Date(`${from}T00:00:00Z`);
      const end = Date.parse(`${to}T00:00:00Z`);
      let count = 0;
      while (d.getTime() < end) {
        d.setUTCDate(d.getUTCDate() + 1);
        if (isWork(d)) count++;
      }
      return count;
    },
  };
}

interface Input {
  date: string;
  n: number;
  to: string;
}

function inputs(count: number, maxN: number, seed: number): Input[] {
  let state = seed;
  const rand = (): number => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const first = Date.UTC(2004, 0, 1);
  // Leave room at the end so no input runs past 2026 (the calendar would rightly refuse it).
  const days = (Date.UTC(2027, 0, 1) - first) / DAY_MS - Math.ceil(maxN * 1.6) - 30;
  return Array.from({ length: count }, () => {
    const start = first + Math.floor(rand() * days) * DAY_MS;
    const n = 1 + Math.floor(rand() * maxN);
    const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    return { date: iso(start), n, to: iso(start + Math.round(n * 1.4) * DAY_MS) };
  });
}

/** Calls per second of fn over the inputs, cycling until MEASURE_MS has passed. */
function opsPerSecond(data: Input[], fn: (input: Input) => unknown): number {
  for (let i = 0; i < 2000; i++) fn(data[i % data.length]!); // warm-up for the JIT
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < MEASURE_MS) {
    for (let i = 0; i < 1000; i++) fn(data[(calls + i) % data.length]!);
    calls += 1000;
    elapsed = performance.now() - started;
  }
  return (calls * 1000) / elapsed;
}

const fmt = (ops: number): string => Math.round(ops).toLocaleString('en-US').padStart(12);

export async function runCalendarBench(): Promise<string[]> {
  const buildStarted = performance.now();
  const rebuilds = 20;
  for (let i = 0; i < rebuilds; i++) createWorkCalendar();
  const buildMs = (performance.now() - buildStarted) / rebuilds;
  const calendar = createWorkCalendar();
  const naive = naiveCalendar(loadBuiltinYears());

  const lines = [`calendar: rebuild from ${loadBuiltinYears().length} built-in years: ${buildMs.toFixed(2)} ms`];
  for (const [label, maxN] of [['n ≤ 60', 60], ['n ≤ 500', 500]] as const) {
    const data = inputs(10_000, maxN, 42);
    for (const input of data.slice(0, 200)) {
      if (calendar.addWorkdays(input.date, input.n).due !== naive.addWorkdays(input.date, input.n)) {
        throw new Error(`bench sanity check failed for ${input.date} + ${input.n}`);
      }
    }
    const pairs: [string, (i: Input) => unknown, (i: Input) => unknown][] = [
      ['addWorkdays', (i) => calendar.addWorkdays(i.date, i.n), (i) => naive.addWorkdays(i.date, i.n)],
      ['countWorkdays', (i) => calendar.countWorkdays(i.date, i.to), (i) => naive.countWorkdays(i.date, i.to)],
    ];
    for (const [name, indexed, loop] of pairs) {
      const fast = opsPerSecond(data, indexed);
      const slow = opsPerSecond(data, loop);
      lines.push(
        `calendar: ${name.padEnd(13)} ${label.padEnd(8)} indexed ${fmt(fast)} ops/s | naive loop ${fmt(slow)} ops/s | ratio ${(fast / slow).toFixed(1)}×`,
      );
    }
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  for (const line of await runCalendarBench()) console.log(line);
}
