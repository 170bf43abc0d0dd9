import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBuiltinYears } from './builtinYears.ts';
import { CalendarDataError, CalendarUnknownError } from './errors.ts';
import { readYearDataFile } from './notice.ts';
import type { YearData } from './types.ts';
import { WorkCalendar, createWorkCalendar } from './workCalendar.ts';

const samplePath = fileURLToPath(new URL('../../../data/calendar/sample-2027-notice.txt', import.meta.url));

describe('built-in years', () => {
  it('covers 2004–2026 with the notices’ holiday names', () => {
    const years = loadBuiltinYears();
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    const names = new Set(years.flatMap((y) => y.holidays.map((h) => h.name)));
    expect([...names]).toEqual(expect.arrayContaining(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']));
    expect(names.has('清明')).toBe(false);
    const y2026 = years.find((y) => y.year === 2026);
    expect(y2026?.workdays.map((d) => d.date)).toEqual([
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
  });
});

describe('corrections and new years', () => {
  it('a holiday added by the admin moves the due date', () => {
    const corrected = createWorkCalendar([
      { year: 2026, holidays: [{ date: '2026-10-08', name: '国庆节' }], workdays: [] },
    ]);
    const result = corrected.addWorkdays('2026-09-28', 20);
    expect(result.due).toBe('2026-11-02');
    expect(result.skippedHolidays).toEqual([{ name: '国庆节', from: '2026-10-01', to: '2026-10-08' }]);
    expect(result.explanation).toContain('跳过国庆节假期10月1日至10月8日');
    // The shared built-in calendar is untouched.
    expect(createWorkCalendar().addWorkdays('2026-09-28', 20).due).toBe('2026-10-30');
  });

  it('a weekday listed as a working day cancels a holiday; a weekend one becomes a make-up day', () => {
    const corrected = createWorkCalendar([
      {
        year: 2026,
        holidays: [],
        workdays: [{ date: '2026-10-07', name: '国庆节' }, { date: '2026-10-17', name: '国庆节' }],
      },
    ]);
    expect(corrected.isWorkday('2026-10-07')).toBe(true);
    expect(corrected.holidayName('2026-10-07')).toBeUndefined();
    expect(corrected.addWorkdays('2026-09-28', 20).due).toBe('2026-10-28');
    expect(corrected.addWorkdays('2026-09-28', 20).makeupDays.map((d) => d.date)).toEqual(['2026-10-10', '2026-10-17']);
  });

  it('`replace` discards what earlier sources said about the year', () => {
    const replaced = createWorkCalendar([
      { year: 2026, replace: true, holidays: [{ date: '2026-01-01', name: '元旦' }], workdays: [] },
    ]);
    expect(replaced.isWorkday('2026-10-01')).toBe(true);
    expect(replaced.isWorkday('2026-10-10')).toBe(false);
    expect(replaced.isWorkday('2025-10-01')).toBe(false);
  });

  it('the 2027 sample notice makes 2026-12-20 + 20 working days computable', async () => {
    const withSample = createWorkCalendar(await readYearDataFile(samplePath));
    const result = withSample.addWorkdays('2026-12-20', 20);
    expect(result.due).toBe('2027-01-18');
    expect(result.explanation).toContain('跳过元旦假期2027年1月1日至2027年1月3日');
    expect(withSample.knownYears.at(-1)).toBe(2027);
    expect(() => withSample.addWorkdays('2027-12-20', 20)).toThrow('2028年节假日安排尚未公布或录入');
  });

  it('a gap year stays unknown even when a later year is entered', () => {
    const year2028: YearData = { year: 2028, holidays: [{ date: '2028-01-01', name: '元旦' }], workdays: [] };
    const gapped = createWorkCalendar([year2028]);
    expect(gapped.addWorkdays('2028-01-01', 1).due).toBe('2028-01-03');
    expect(() => gapped.isWorkday('2027-06-01')).toThrow(CalendarUnknownError);
    expect(() => gapped.addWorkdays('2026-12-20', 20)).toThrow('2027年节假日安排尚未公布或录入');
    expect(() => gapped.countWorkdays('2026-12-01', '2028-01-05')).toThrow('2027年');
  });

  it('rebuilding is cheap enough to do on every admin edit', () => {
    const started = performance.now();
    for (let i = 0; i < 5; i++) createWorkCalendar();
    // Generous bound: this guards against an accidental quadratic build, not a benchmark.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('data checks', () => {
  it.each<[unknown[], string]>([
    [[], '没有任何节假日数据'],
    [[{ year: 2027, holidays: [], workdays: [] }], '2027年的数据中没有任何放假日期'],
    [[{ year: '2027', holidays: [] }], '年份无效'],
    [[{ year: 2027, holidays: [{ date: '2027-02-30', name: '春节' }] }], '日期不存在：2027-02-30'],
    [[{ year: 2027, holidays: [{ date: '2027-01-01' }] }], '缺少节日名称'],
    [[{ year: 2027, holidays: [{ date: '2029-01-01', name: '元旦' }] }], '不属于2027年前后'],
    [
      [{ year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [{ date: '2027-01-01', name: '元旦' }] }],
      '2027-01-01 既是放假日又是上班日',
    ],
  ])('rejects bad year data (%#)', (years, message) => {
    expect(() => new WorkCalendar(years as YearData[])).toThrow(CalendarDataError);
    expect(() => new WorkCalendar(years as YearData[])).toThrow(message);
  });
});
