/**
 * What a screen plays: the playlist staff set (which items, seconds per page, daily time windows)
 * applied to the community's current public records. With no entries, every item plays.
 */
import type { PublicRecordView } from '../../record/index.ts';

export interface TimeWindow {
  /** 'HH:MM' Beijing time; `to` before `from` runs past midnight. */
  from: string;
  to: string;
}

export interface PlaylistEntry {
  itemKey: string;
  seconds: number;
  /** Empty: all day (within the screen's hours). */
  windows: TimeWindow[];
}

export interface Playlist {
  entries: PlaylistEntry[];
  defaultSeconds: number;
  /** When the screen shows anything at all; empty: always. */
  onHours: TimeWindow[];
}

export const DEFAULT_PLAYLIST: Playlist = { entries: [], defaultSeconds: 15, onHours: [] };
export const MAX_RECORDS_PER_ITEM = 5;

export interface Scheduled {
  view: PublicRecordView;
  seconds: number;
  windows: TimeWindow[];
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Is `minutes` after midnight inside any window (none: always)? */
export function inWindows(windows: TimeWindow[], minutes: number): boolean {
  if (windows.length === 0) return true;
  return windows.some(({ from, to }) => {
    const a = minutesOf(from);
    const b = minutesOf(to);
    return a <= b ? minutes >= a && minutes < b : minutes >= a || minutes < b;
  });
}

/**
 * Records a screen shows now: public, not withdrawn, and either inside their publicity period or
 * the latest of their item (standing information such as 社区简介), newest first per item.
 */
export function currentRecords(views: PublicRecordView[], today: string): Map<string, PublicRecordView[]> {
  const byItem = new Map<string, PublicRecordView[]>();
  const sorted = views.filter((v) => v.audience === 'public' && !v.withdrawal).sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime());
  for (const v of sorted) {
    const list = byItem.get(v.itemKey) ?? [];
    const running = v.publicityEndsOn !== null && v.publicityEndsOn >= today;
    if ((list.length === 0 || running) && list.length < MAX_RECORDS_PER_ITEM) list.push(v);
    byItem.set(v.itemKey, list);
  }
  return byItem;
}

export function schedule(views: PublicRecordView[], playlist: Playlist, today: string): Scheduled[] {
  const byItem = currentRecords(views, today);
  if (playlist.entries.length === 0) {
    return [...byItem.values()]
      .flat()
      .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
      .map((view) => ({ view, seconds: playlist.defaultSeconds, windows: [] }));
  }
  return playlist.entries.flatMap((e) => (byItem.get(e.itemKey) ?? []).map((view) => ({ view, seconds: e.seconds, windows: e.windows })));
}
