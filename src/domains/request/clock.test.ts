import { describe, expect, it } from 'vitest';
import { CalendarInputError, CalendarUnknownError, createWorkCalendar } from '../calendar/index.ts';
import { requestClock, mergePauses } from './index.ts';

// Every expected date below was counted by hand against the built-in 2025/2026 arrangements:
// 2025 春节 1/28–2/4 (1/26 Sun, 2/8 Sat work), 清明 4/4–4/6, 国庆中秋 10/1–10/8 (9/28 Sun, 10/11 Sat work);
// 2026 元旦 1/1–1/3 (1/4 Sun work), 春节 2/15–2/23 (2/14 Sat, 2/28 Sat work), 清明 4/4–4/6,
// 劳动节 5/1–5/5 (5/9 Sat work), 端午 6/19–6/21, 国庆 10/1–10/7 (9/20 Sun, 10/10 Sat work).
const cal = createWorkCalendar();

describe('the 依申请公开 clock', () => {
  it.each([
    // received, due, extendedDue, correction notice due, what it shows
    ['2025-01-27', '2025-03-03', '2025-03-31', '2025-02-12', 'the working day before 春节 2025; 2/8 make-up Saturday counts'],
    ['2026-10-03', '2026-11-03', '2026-12-01', '2026-10-15', 'received on a 国庆 holiday: day 1 is 10/8, 10/10 counts'],
    ['2025-10-01', '2025-11-04', '2025-12-02', '2025-10-16', 'received on the first day of 国庆 2025'],
    ['2025-02-08', '2025-03-07', '2025-04-07', '2025-02-18', 'received on a make-up Saturday: day 1 is the Monday after'],
    ['2026-02-14', '2026-03-20', '2026-04-20', '2026-03-03', 'received on the make-up Saturday before 春节 2026'],
    ['2026-02-13', '2026-03-19', '2026-04-17', '2026-03-02', 'the Friday before: the make-up Saturday is day 1'],
    ['2025-03-09', '2025-04-07', '2025-05-07', '2025-03-18', 'received on a Sunday; 清明 skipped, 4/27 make-up Sunday counts'],
    ['2025-12-10', '2026-01-08', '2026-02-05', '2025-12-19', 'across 元旦 into 2026; 1/4 make-up Sunday counts'],
  ])('received %s → due %s, extended %s', (received, due, extendedDue, notice) => {
    const clock = requestClock(cal, { received });
    expect([clock.due, clock.extendedDue, clock.correctionNoticeDue]).toEqual([due, extendedDue, notice]);
  });

  it('explains step by step in Chinese, naming the holidays and make-up days', () => {
    const clock = requestClock(cal, { received: '2026-02-14' });
    expect(clock.explanation).toContain('2026年2月14日（星期六）是调休上班日');
    expect(clock.explanation).toContain('第1个工作日为2026年2月24日');
    expect(clock.explanation).toContain('跳过春节假期2月15日至2月23日');
    expect(clock.explanation).toContain('2月28日（星期六）调休上班计入');
    expect(clock.explanation).toContain('即2026年3月20日');
    expect(clock.explanation).toContain('尚未批准延长，答复期限仍为2026年3月20日');
  });

  it('restarts from the day after the corrected request arrives', () => {
    const clock = requestClock(cal, { received: '2026-03-02', corrected: '2026-03-20' });
    expect(clock.due).toBe('2026-04-20');
    expect(clock.start).toBe('2026-03-20');
    expect(clock.correctionNoticeDue).toBe('2026-03-11');
    expect(clock.explanation).toContain('自收到补正申请之日起重新计算');
    // corrected the day before 国庆 2025: day 1 is 10/9, 10/11 (Saturday) counts
    expect(requestClock(cal, { received: '2025-09-20', corrected: '2025-09-30' }).due).toBe('2025-11-04');
  });

  it('does not count the working days after the letter up to and including the answer', () => {
    expect(requestClock(cal, { received: '2026-04-27' }).due).toBe('2026-05-27');
    const paused = requestClock(cal, { received: '2026-04-27', pauses: [{ from: '2026-05-11', to: '2026-05-25' }] });
    expect([paused.due, paused.extendedDue, paused.pausedWorkdays]).toEqual(['2026-06-10', '2026-07-09', 10]);
    expect(paused.explanation).toContain('2026年5月11日发函，2026年5月25日收到答复；发函次日至收到答复当日的10个工作日不计入');
    const withAll = requestClock(cal, { received: '2025-09-20', corrected: '2025-09-30', pauses: [{ from: '2025-10-09', to: '2025-10-20' }], extended: true });
    expect([withAll.due, withAll.extendedDue]).toEqual(['2025-11-14', '2025-12-12']);
  });

  it('joins overlapping pauses, ignores a letter sent after the due date for due but not for the extension', () => {
    const two = requestClock(cal, { received: '2025-06-03', pauses: [{ from: '2025-06-09', to: '2025-06-12' }, { from: '2025-06-05', to: '2025-06-10' }] });
    expect(two.due).toBe('2025-07-08');
    const three = requestClock(cal, {
      received: '2025-06-03',
      pauses: [{ from: '2025-06-05', to: '2025-06-10' }, { from: '2025-06-09', to: '2025-06-12' }, { from: '2025-06-20', to: '2025-06-24' }],
    });
    expect(three.due).toBe('2025-07-10');
    const late = requestClock(cal, { received: '2026-04-27', pauses: [{ from: '2026-05-28', to: '2026-06-03' }] });
    expect([late.due, late.extendedDue]).toEqual(['2026-05-27', '2026-07-01']);
    // a pause on the due date itself: (from, to] lies after it
    expect(requestClock(cal, { received: '2026-04-27', pauses: [{ from: '2026-05-27', to: '2026-05-29' }] }).due).toBe('2026-05-27');
    expect(mergePauses([{ from: '2026-01-05', to: '2026-01-20' }], '2026-01-10')).toEqual([{ from: '2026-01-10', to: '2026-01-20' }]);
    expect(mergePauses([{ from: '2026-01-05', to: '2026-01-08' }], '2026-01-10')).toEqual([]);
  });

  it('records an approved extension without moving the statutory due date', () => {
    const clock = requestClock(cal, { received: '2026-10-03', extended: true });
    expect([clock.due, clock.extendedDue]).toEqual(['2026-11-03', '2026-12-01']);
    expect(clock.explanation).toContain('已经政府信息公开工作机构负责人同意并告知申请人，延长20个工作日，答复期限延至2026年12月1日');
  });

  it('refuses beyond the known years, in Chinese', () => {
    expect(() => requestClock(cal, { received: '2027-01-04' })).toThrow(CalendarUnknownError);
    expect(() => requestClock(cal, { received: '2026-12-10' })).toThrow('2027年节假日安排尚未公布或录入');
    // the statutory date is known (12/29) but the extension runs into 2027: refuse and say which
    expect(() => requestClock(cal, { received: '2026-12-01' })).toThrow(/答复期限为2026年12月29日，但延长后的期限进入2027年/);
  });

  it('rejects impossible input with a Chinese message', () => {
    expect(() => requestClock(cal, { received: '2026-02-30' })).toThrow(CalendarInputError);
    expect(() => requestClock(cal, { received: '2026-03-10', corrected: '2026-03-01' })).toThrow('早于原申请的收到日期');
    expect(() => requestClock(cal, { received: '2026-03-10', pauses: [{ from: '2026-03-20', to: '2026-03-12' }] })).toThrow('早于发函日期');
  });
});
