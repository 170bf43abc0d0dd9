/**
 * When the screen plays, as instants the browser obeys. The daily-window rule (`inWindows`, Beijing
 * time, windows past midnight) runs here only; the screen's script compares its clock with the
 * [start, end) spans it is sent and never interprets a time of day itself. Spans cover a week from
 * the last poll, so a screen that loses the server keeps its hours for that long.
 */
import { beijingMinutes } from '../../../platform/time.ts';
import { inWindows, type Playlist, type TimeWindow } from './playlist.ts';
import { windowsAttr } from './slides.ts';

export const SCHEDULE_DAYS = 7;
const MINUTE = 60_000;

/** [start, end) in epoch milliseconds. */
export type Span = [number, number];

export interface OnAir {
  /** When the screen shows anything; null: always. */
  on: Span[] | null;
  /** Per slide `data-windows` value, when such slides play; a slide without windows always may. */
  slides: Record<string, Span[]>;
}

/** The minutes from `from` for `days` days inside the windows, as spans; null when there are no windows (always). */
export function windowSpans(windows: TimeWindow[], from: Date, days = SCHEDULE_DAYS): Span[] | null {
  if (windows.length === 0) return null;
  const start = Math.floor(from.getTime() / MINUTE) * MINUTE;
  const end = start + days * 1440 * MINUTE;
  const spans: Span[] = [];
  let open: number | null = null;
  for (let t = start; t < end; t += MINUTE) {
    const inside = inWindows(windows, beijingMinutes(new Date(t)));
    if (inside && open === null) open = t;
    if (!inside && open !== null) {
      spans.push([open, t]);
      open = null;
    }
  }
  if (open !== null) spans.push([open, end]);
  return spans;
}

/** The screen's hours and each windowed entry's spans, from now. */
export function onAir(playlist: Playlist, now: Date): OnAir {
  const slides: Record<string, Span[]> = {};
  for (const e of playlist.entries) {
    const key = windowsAttr(e.windows);
    if (key && !slides[key]) slides[key] = windowSpans(e.windows, now) ?? [];
  }
  return { on: windowSpans(playlist.onHours, now), slides };
}
