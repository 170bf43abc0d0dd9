import { describe, expect, it } from 'vitest';
import { beijingDate, beijingDateTimeValue, beijingMinutes, chineseDate, chineseDateOf, chineseDateTime, parseBeijingDateTime } from './time.ts';

describe('Beijing dates', () => {
  it('turns an instant into the Beijing day, across the UTC midnight', () => {
    expect(beijingDate(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
    expect(beijingDate(new Date('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
    expect(beijingMinutes(new Date('2026-10-01T01:05:00Z'))).toBe(9 * 60 + 5);
    expect(beijingMinutes(new Date('2026-09-30T16:00:00Z'))).toBe(0);
  });

  it('writes dates the way users read them', () => {
    expect(chineseDate('2026-10-03')).toBe('2026年10月3日');
    expect(chineseDateOf(new Date('2026-12-31T16:30:00Z'))).toBe('2027年1月1日');
    expect(chineseDateTime(new Date('2026-10-30T07:05:00Z'))).toBe('2026年10月30日 15:05');
    expect(chineseDateTime(new Date('2026-10-30T16:00:00Z'))).toBe('2026年10月31日 00:00');
  });

  it('reads a datetime-local field as Beijing time and writes it back the same', () => {
    const at = parseBeijingDateTime('2026-11-02T09:30')!;
    expect(at.toISOString()).toBe('2026-11-02T01:30:00.000Z');
    expect(beijingDateTimeValue(at)).toBe('2026-11-02T09:30');
    expect(parseBeijingDateTime('2026-11-02')).toBeNull();
    expect(parseBeijingDateTime('2026-13-02T09:30')).toBeNull();
  });
});
