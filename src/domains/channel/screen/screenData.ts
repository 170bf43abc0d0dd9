/** What a community's screen shows now: its slides, their hash, its hours and when each slide may play. */
import type { Deps } from '../../../platform/context.ts';
import { beijingDate } from '../../../platform/time.ts';
import type { OrgRow } from '../../org/index.ts';
import { communityPath } from '../links.ts';
import type { RecordSource } from '../source.ts';
import type { Orientation } from './geometry.ts';
import { onAir } from './onAir.ts';
import { loadPlaylist } from './playlistForm.ts';
import { qrDataUrl } from './qrSvg.ts';
import { buildSlides, slidesHash, windowsAttr } from './slides.ts';

export const SCREEN_RECORDS = 200;

export async function screenData(deps: Deps, source: RecordSource, org: OrgRow, orientation: Orientation, base: string) {
  const now = deps.clock.now();
  const playlist = await loadPlaylist(deps, org.id);
  const views = await source.recent(deps, org, null, SCREEN_RECORDS);
  const slides = buildSlides(views, playlist, { orientation, today: beijingDate(now), baseUrl: base });
  return {
    slides,
    hash: slidesHash(slides, playlist),
    onHours: windowsAttr(playlist.onHours),
    onAir: onAir(playlist, now),
    emptyQr: qrDataUrl(base + communityPath(org.code)),
  };
}
