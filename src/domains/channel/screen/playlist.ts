/**
 * What a screen plays: the playlist staff set (which items, seconds per page, daily time windows)
 * applied to the community's current public records. An item whose catalog channels include the
 * board or screen (公开栏（电子屏）) plays by default, so a new item or record needs nobody to tick
 * it; staff take items off by excluding them. Other items play when ticked.
 */
import type { PublicRecordView } from '../../record/index.ts';
import { screenByDefault } from '../channelKinds.ts';

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
  /** Items staff ticked, with their own seconds and windows, in playing order. */
  entries: PlaylistEntry[];
  /** Items staff took off the screen although their catalog channels put them on it. */
  excluded: string[];
  defaultSeconds: number;
  /** When the screen shows anything at all; empty: always. */
  onHours: TimeWindow[];
}

export const DEFAULT_PLAYLIST: Playlist = { entries: [], excluded: [], defaultSeconds: 15, onHours: [] };
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

/**
 * Does an item play? Not when staff excluded it; yes when they ticked it, or when its catalog
 * channels put it on the screen (or name no channel at all: the catalog does not say otherwise).
 */
export function itemPlays(playlist: Pick<Playlist, 'entries' | 'excluded'>, itemKey: string, requiredChannels: string[]): boolean {
  if (playlist.excluded.includes(itemKey)) return false;
  return playlist.entries.some((e) => e.itemKey === itemKey) || requiredChannels.length === 0 || screenByDefault(requiredChannels);
}

/** Ticked items first in the playlist's order, then the items on by default, newest first. */
export function schedule(views: PublicRecordView[], playlist: Playlist, today: string): Scheduled[] {
  const byItem = currentRecords(views, today);
  const ticked = playlist.entries.flatMap((e) => (playlist.excluded.includes(e.itemKey) ? [] : (byItem.get(e.itemKey) ?? []).map((view) => ({ view, seconds: e.seconds, windows: e.windows }))));
  const listed = new Set(playlist.entries.map((e) => e.itemKey));
  const byDefault = [...byItem.values()]
    .flat()
    .filter((v) => !listed.has(v.itemKey) && itemPlays(playlist, v.itemKey, v.requiredChannels))
    .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
    .map((view) => ({ view, seconds: playlist.defaultSeconds, windows: [] }));
  return [...ticked, ...byDefault];
}
