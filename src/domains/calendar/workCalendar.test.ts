import { describe, expect, it } from 'vitest';
import { CalendarInputError, CalendarUnknownError } from './errors.ts';
import { createWorkCalendar } from './workCalendar.ts';

const calendar = createWorkCalendar();

describe('addWorkdays', () => {
  it('skips 国庆节 and counts the 10月10日 make-up Saturday (the issue acceptance check)', () => {
    const result = calendar.addWorkdays('2026-09-28', 20);
    expect(result.due).toBe('2026-10-30');
    expect(result.skippedHolidays).toEqual([{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }]);
    expect(result.makeupDays).toEqual([{ date: '2026-10-10', name: '国庆节' }]);
    expect(result.explanation).toBe(
      '2026年9月28日 + 20个工作日（起算日不计入）= 2026年10月30日；跳过国庆节假期10月1日至10月7日；' +
        '10月10日（星期六）调休上班计入；另有周末休息日5天不计入。',
    );
  });

  it('crosses 春节 2026 with make-up Saturdays on both sides', () => {
    const result = calendar.addWorkdays('2026-02-12', 5);
    expect(result.due).toBe('2026-02-26');
    expect(result.skippedHolidays).toEqual([{ name: '春节', from: '2026-02-15', to: '2026-02-23' }]);
    expect(result.makeupDays).toEqual([{ date: '2026-02-14', name: '春节' }]);
    expect(calendar.addWorkdays('2026-02-12', 12).makeupDays.map((d) => d.date)).toEqual(['2026-02-14', '2026-02-28']);
  });

  it('crosses the year boundary and counts the 2026年1月4日 make-up Sunday', () => {
    const result = calendar.addWorkdays('2025-12-31', 2);
    expect(result.due).toBe('2026-01-05');
    expect(result.makeupDays).toEqual([{ date: '2026-01-04', name: '元旦' }]);
    // Dates carry the year when the span covers two years.
    expect(result.explanation).toContain('跳过元旦假期2026年1月1日至2026年1月3日；2026年1月4日（星期日）调休上班计入');
    expect(calendar.addWorkdays('2025-12-26', 5).due).toBe('2026-01-05');
  });

  it('merges 中秋节 running into 国庆节 (2023) into one block', () => {
    const result = calendar.addWorkdays('2023-09-20', 10);
    expect(result.due).toBe('2023-10-10');
    expect(result.skippedHolidays).toEqual([{ name: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06' }]);
    expect(result.makeupDays.map((d) => d.date)).toEqual(['2023-10-07', '2023-10-08']);
  });

  it('starting inside a holiday counts from the first working day after it', () => {
    expect(calendar.addWorkdays('2026-10-03', 1).due).toBe('2026-10-08');
    expect(calendar.addWorkdays('2026-10-03', 1).skippedHolidays).toEqual([
      { name: '国庆节', from: '2026-10-04', to: '2026-10-07' },
    ]);
  });

  it('n = 0 is the same day when it is a working day, else the next working day', () => {
    expect(calendar.addWorkdays('2026-09-28', 0)).toMatchObject({ due: '2026-09-28', skippedHolidays: [], makeupDays: [] });
    expect(calendar.addWorkdays('2026-09-28', 0).explanation).toBe('2026年9月28日 + 0个工作日（当天）= 2026年9月28日；当天为工作日。');
    const holiday = calendar.addWorkdays('2026-10-01', 0);
    expect(holiday.due).toBe('2026-10-08');
    expect(holiday.explanation).toContain('当天为国庆节假期，顺延至下一个工作日');
    expect(calendar.addWorkdays('2026-03-07', 0).due).toBe('2026-03-09');
    expect(calendar.addWorkdays('2026-03-07', 0).explanation).toContain('当天为星期六休息日');
    const makeup = calendar.addWorkdays('2026-10-10', 0);
    expect(makeup).toMatchObject({ due: '2026-10-10', makeupDays: [{ date: '2026-10-10', name: '国庆节' }] });
    expect(makeup.explanation).toContain('当天（星期六）为调休上班日');
  });

  it('says so when nothing but weekends lies in between', () => {
    const result = calendar.addWorkdays('2026-03-02', 5);
    expect(result.due).toBe('2026-03-09');
    expect(result.explanation).toBe(
      '2026年3月2日 + 5个工作日（起算日不计入）= 2026年3月9日；期间无法定节假日或调休上班日；另有周末休息日2天不计入。',
    );
  });
});

describe('addDays', () => {
  it('moves a last day on a holiday to the next working day (民法典 第二百零三条)', () => {
    const result = calendar.addDays('2026-09-28', 5);
    expect(result.due).toBe('2026-10-08');
    expect(calendar.addDays('2026-09-28', 3).due).toBe('2026-10-08');
    expect(result.skippedHolidays).toEqual([{ name: '国庆节', from: '2026-10-03', to: '2026-10-07' }]);
    expect(result.explanation).toBe(
      '2026年9月28日 + 5日（自然日）= 2026年10月3日，该日为国庆节假期，依《民法典》第二百零三条顺延至其后第一个工作日2026年10月8日；' +
        '跳过国庆节假期10月3日至10月7日。',
    );
  });

  it('moves a last day on a weekend to Monday, and lands in 春节 to the day after it', () => {
    expect(calendar.addDays('2026-03-02', 5)).toMatchObject({ due: '2026-03-09', skippedHolidays: [] });
    expect(calendar.addDays('2026-03-02', 5).explanation).toContain('该日为星期六休息日');
    expect(calendar.addDays('2026-02-01', 15).due).toBe('2026-02-24');
  });

  it('does not move a last day on a make-up working Saturday or an ordinary weekday', () => {
    const makeup = calendar.addDays('2026-09-28', 12);
    expect(makeup).toMatchObject({ due: '2026-10-10', makeupDays: [{ date: '2026-10-10', name: '国庆节' }] });
    expect(makeup.explanation).toContain('为调休上班日，无需顺延');
    expect(calendar.addDays('2026-09-28', 1)).toEqual({
      due: '2026-09-29',
      explanation: '2026年9月28日 + 1日（自然日）= 2026年9月29日。',
      skippedHolidays: [],
      makeupDays: [],
    });
  });
});

describe('countWorkdays', () => {
  it('excludes the start day and includes the end day', () => {
    const result = calendar.countWorkdays('2026-09-28', '2026-10-30');
    expect(result.count).toBe(20);
    expect(result.explanation).toMatch(/^2026年9月28日（不含）至2026年10月30日（含）共20个工作日；跳过国庆节假期/);
    expect(calendar.countWorkdays('2026-09-28', '2026-09-28').count).toBe(0);
    expect(calendar.countWorkdays('2026-09-28', '2026-09-29').count).toBe(1);
  });

  it('counts a whole year: 2026 has 248 working days', () => {
    // 261 weekdays − 19 weekday holidays (元旦2, 春节6, 清明1, 劳动节3, 端午1, 中秋1, 国庆5) + 6 make-up days.
    const result = calendar.countWorkdays('2025-12-31', '2026-12-31');
    expect(result.count).toBe(248);
    expect(result.skippedHolidays.map((run) => run.name)).toEqual([
      '元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节',
    ]);
    expect(result.makeupDays).toHaveLength(6);
  });

  it('inverts addWorkdays', () => {
    for (const n of [0, 1, 5, 20, 60]) {
      const due = calendar.addWorkdays('2026-01-30', n).due;
      if (n > 0) expect(calendar.countWorkdays('2026-01-30', due).count).toBe(n);
    }
  });

  it('rejects an end before the start', () => {
    expect(() => calendar.countWorkdays('2026-10-30', '2026-09-28')).toThrow('结束日期 2026-09-28 早于起始日期 2026-10-30');
  });
});

describe('beyond the known years', () => {
  it('refuses 2026-12-20 + 20 working days: the count runs into 2027', () => {
    expect(() => calendar.addWorkdays('2026-12-20', 20)).toThrow(CalendarUnknownError);
    expect(() => calendar.addWorkdays('2026-12-20', 20)).toThrow('2027年节假日安排尚未公布或录入，无法计算准确期限');
    try {
      calendar.addWorkdays('2026-12-20', 20);
    } catch (error) {
      expect(error).toMatchObject({ year: 2027, statusCode: 422 });
    }
  });

  it('still answers when the result stays inside 2026', () => {
    expect(calendar.addWorkdays('2026-12-20', 9).due).toBe('2026-12-31');
  });

  it('refuses dates and spans in unknown years', () => {
    expect(() => calendar.isWorkday('2027-01-04')).toThrow('2027年节假日安排尚未公布或录入');
    expect(() => calendar.addWorkdays('2003-12-30', 1)).toThrow('2003年节假日安排尚未公布或录入');
    expect(() => calendar.addDays('2026-12-25', 10)).toThrow('2027年节假日安排尚未公布或录入');
    expect(() => calendar.countWorkdays('2026-12-01', '2027-01-15')).toThrow('2027年节假日安排尚未公布或录入');
  });
});

describe('input checks', () => {
  it.each([
    ['2026-02-30', '日期不存在：2026-02-30（2026年2月只有28天）'],
    ['2026-13-01', '日期不存在：2026-13-01（月份应为 01 至 12）'],
    ['abc', '日期格式无效：“abc”，应为 YYYY-MM-DD 格式，例如 2026-10-30'],
    ['2026-2-3', '日期格式无效：“2026-2-3”'],
  ])('rejects %s', (date, message) => {
    expect(() => calendar.isWorkday(date)).toThrow(CalendarInputError);
    expect(() => calendar.addWorkdays(date, 1)).toThrow(message);
  });

  it.each([-1, 1.5, Number.NaN])('rejects the count %s', (n) => {
    expect(() => calendar.addWorkdays('2026-09-28', n)).toThrow('工作日数必须是不小于0的整数');
    expect(() => calendar.addDays('2026-09-28', n)).toThrow('天数必须是不小于0的整数');
  });
});

describe('day queries', () => {
  it('knows weekends, holidays and make-up days', () => {
    expect(calendar.isWorkday('2026-10-09')).toBe(true);
    expect(calendar.isWorkday('2026-10-01')).toBe(false);
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
    expect(calendar.isWorkday('2026-10-11')).toBe(false);
    expect(calendar.holidayName('2026-02-17')).toBe('春节');
    expect(calendar.holidayName('2026-04-05')).toBe('清明节');
    expect(calendar.holidayName('2026-10-10')).toBeUndefined();
    expect(calendar.knownYears[0]).toBe(2004);
    expect(calendar.knownYears.at(-1)).toBe(2026);
  });
});
