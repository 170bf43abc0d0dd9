/** The screen's slides: every page of every scheduled record, with what its footer and QR say. */
import { createHash } from 'node:crypto';
import type { PublicRecordView } from '../../record/index.ts';
import { guardView } from '../guard.ts';
import { recordUrl } from '../links.ts';
import type { Orientation } from './geometry.ts';
import { paginate, type Block } from './paginate.ts';
import { schedule, type Playlist, type TimeWindow } from './playlist.ts';
import { qrDataUrl } from './qrSvg.ts';
import { chineseDate, chineseDateOf } from '../../../platform/time.ts';

export interface Slide {
  recordId: string;
  version: number;
  itemName: string;
  seconds: number;
  windows: string;
  page: number;
  pages: number;
  blocks: Block[];
  published: string;
  publicity: string | null;
  qr: string;
}

export const windowsAttr = (windows: TimeWindow[]): string => windows.map((w) => `${w.from}-${w.to}`).join(',');

function slidesOf(view: PublicRecordView, seconds: number, windows: TimeWindow[], orientation: Orientation, baseUrl: string): Slide[] {
  const qr = qrDataUrl(recordUrl(baseUrl, view.id));
  return paginate(view, orientation).map((p) => ({
    recordId: view.id,
    version: view.version,
    itemName: view.itemName,
    seconds,
    windows: windowsAttr(windows),
    page: p.page,
    pages: p.pages,
    blocks: p.blocks,
    published: `发布日期：${chineseDateOf(view.publishedAt)}`,
    publicity: view.publicityEndsOn ? `公示期至 ${chineseDate(view.publicityEndsOn)}` : null,
    qr,
  }));
}

export function buildSlides(views: PublicRecordView[], playlist: Playlist, opts: { orientation: Orientation; today: string; baseUrl: string }): Slide[] {
  return schedule(views, playlist, opts.today).flatMap((s) => slidesOf(guardView(s.view), s.seconds, s.windows, opts.orientation, opts.baseUrl));
}

/** Changes whenever anything shown changes, so the screen swaps content only when it must. */
export function slidesHash(slides: Slide[], playlist: Playlist): string {
  return createHash('sha256').update(JSON.stringify([slides, playlist.onHours])).digest('hex').slice(0, 16);
}
