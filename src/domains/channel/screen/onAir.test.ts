/** The screen's hours and slide windows become instants on the server, by the one window rule. */
import { describe, expect, it } from 'vitest';
import { beijingMinutes } from '../../../platform/time.ts';
import { onAir, windowSpans, type Span } from './onAir.ts';
import { inWindows, type TimeWindow } from './playlist.ts';

const at = (iso: string) => new Date(iso).getTime();
const inside = (spans: Span[], t: number) => spans.some(([a, b]) => t >= a && t < b);

describe('screen on-air spans', () => {
  it('has no spans when there are no windows: always on', () => {
    expect(windowSpans([], new Date())).toBeNull();
    expect(onAir({ entries: [], excluded: [], defaultSeconds: 15, onHours: [] }, new Date())).toEqual({ on: null, slides: {} });
  });

  it('turns daily Beijing windows into instants, including one past midnight', () => {
    const now = new Date('2026-11-02T09:00:00+08:00');
    expect(windowSpans([{ from: '07:00', to: '21:30' }], now, 2)).toEqual([
      [now.getTime(), at('2026-11-02T21:30:00+08:00')],
      [at('2026-11-03T07:00:00+08:00'), at('2026-11-03T21:30:00+08:00')],
      // The horizon ends two days on, inside the next morning's window.
      [at('2026-11-04T07:00:00+08:00'), at('2026-11-04T09:00:00+08:00')],
    ]);
    expect(windowSpans([{ from: '22:00', to: '06:00' }], now, 1)).toEqual([[at('2026-11-02T22:00:00+08:00'), at('2026-11-03T06:00:00+08:00')]]);
  });

  it('agrees with inWindows at every minute of a week', () => {
    const windows: TimeWindow[] = [{ from: '08:00', to: '09:00' }, { from: '18:00', to: '02:30' }];
    const now = new Date('2026-11-02T09:17:40+08:00');
    const spans = windowSpans(windows, now)!;
    for (let t = Math.floor(now.getTime() / 60_000) * 60_000; t < now.getTime() + 7 * 86_400_000 - 60_000; t += 60_000) {
      expect(inside(spans, t)).toBe(inWindows(windows, beijingMinutes(new Date(t))));
    }
  });

  it('gives each windowed playlist entry its spans under the slides’ data-windows value', () => {
    const now = new Date('2026-11-02T09:00:00+08:00');
    const air = onAir({ entries: [{ itemKey: 'a', seconds: 30, windows: [{ from: '08:00', to: '12:00' }] }, { itemKey: 'b', seconds: 15, windows: [] }], excluded: [], defaultSeconds: 15, onHours: [{ from: '07:00', to: '21:30' }] }, now);
    expect(Object.keys(air.slides)).toEqual(['08:00-12:00']);
    expect(air.slides['08:00-12:00']![0]).toEqual([now.getTime(), at('2026-11-02T12:00:00+08:00')]);
    expect(air.on![0]).toEqual([now.getTime(), at('2026-11-02T21:30:00+08:00')]);
  });
});
