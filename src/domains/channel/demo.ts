/**
 * Demo channel settings on top of the demo records: 厂口's screen plays its 低保 list longest
 * (both screens all day, so the demo shows content at any hour), and the paper board of each community's
 * newest record has a proof of posting, so the evidence pages show both states.
 */
import type { Deps } from '../../platform/context.ts';
import type { AuditActor } from '../../platform/audit/index.ts';
import { effectiveCatalogFor } from '../catalog/index.ts';
import { findOrganisation } from '../org/index.ts';
import { addProof } from './proof/proofs.ts';
import { savePlaylist } from './screen/playlistForm.ts';
import type { PlaylistEntry } from './screen/playlist.ts';
import { recordSource } from './source.ts';
import { beijingDateTimeValue } from '../../platform/time.ts';

const DEMO = [
  { code: '220202004001', items: [] as { name: string; seconds: number }[] },
  { code: '530102012001', items: [{ name: '最低生活保障', seconds: 30 }, { name: '财务收支情况', seconds: 20 }, { name: '社区居务监督机构', seconds: 15 }] },
];

export async function loadChannelDemo(deps: Deps, actor: AuditActor): Promise<void> {
  for (const d of DEMO) {
    const org = await findOrganisation(deps, d.code);
    const effective = org ? await effectiveCatalogFor(deps, org) : null;
    if (!org || !effective) continue;
    const entries: PlaylistEntry[] = d.items.flatMap((i) => {
      const item = effective.items.find((x) => x.name === i.name);
      return item ? [{ itemKey: item.itemKey, seconds: i.seconds, windows: [] }] : [];
    });
    await savePlaylist(deps, actor, org, { entries, excluded: [], defaultSeconds: 15, onHours: [] });
    const [newest] = await recordSource.recent(deps, org, null, 1);
    const board = newest?.requiredChannels.find((c) => /公开栏|公示栏/.test(c));
    if (!newest || !board) continue;
    const at = new Date(Math.max(newest.publishedAt.getTime(), deps.clock.now().getTime() - 3_600_000));
    const postedAt = beijingDateTimeValue(at);
    await addProof(deps, { ...actor, userId: null }, org, newest, { channel: board, postedAt, note: '纸质公示已张贴在社区服务站门口公开栏（演示数据）' });
  }
}
