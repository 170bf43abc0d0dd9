/** The playlist staff set for the community's screens, read from and saved through its form. */
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../../platform/audit/index.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import type { EffectiveItem } from '../../catalog/index.ts';
import { bumpPublicVersion, type OrgRow } from '../../org/index.ts';
import * as repo from '../repository.ts';
import { DEFAULT_PLAYLIST, itemPlays, type Playlist, type PlaylistEntry, type TimeWindow } from './playlist.ts';

export const MIN_SECONDS = 5;
export const MAX_SECONDS = 300;

export async function loadPlaylist(deps: Deps, orgId: number): Promise<Playlist> {
  const row = await repo.findPlaylist(deps.db.orm, orgId);
  return row ? { entries: row.entries, excluded: row.excluded, defaultSeconds: row.defaultSeconds, onHours: row.onHours } : DEFAULT_PLAYLIST;
}

const time = z.union([z.literal(''), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 时:分，例如 07:30' })]).default('');
const seconds = z.coerce
  .number({ error: '每页秒数应为整数' })
  .int({ error: '每页秒数应为整数' })
  .min(MIN_SECONDS, { error: `每页至少显示 ${MIN_SECONDS} 秒` })
  .max(MAX_SECONDS, { error: `每页最多显示 ${MAX_SECONDS} 秒` });

const baseInput = z.object({ defaultSeconds: seconds, onFrom: time, onTo: time });

function windowOf(from: string, to: string, what: string): TimeWindow[] {
  if (!from && !to) return [];
  if (!from || !to) throw new ValidationError(`${what}的开始和结束时间要一起填写。`);
  if (from === to) throw new ValidationError(`${what}的开始和结束时间不能相同。`);
  return [{ from, to }];
}

export type PlaylistItem = Pick<EffectiveItem, 'id' | 'itemKey' | 'name'> & { requiredChannels: string[] };

/**
 * Reads the form: the screen's hours, per ticked item its seconds per page and its window, and
 * the unticked items that would play by default (kept as exclusions, so later items still play).
 */
export function parsePlaylistForm(items: PlaylistItem[], form: Record<string, unknown>): Playlist {
  const base = parseInput(baseInput, form);
  const entries: PlaylistEntry[] = [];
  const excluded: string[] = [];
  const onHours = windowOf(base.onFrom, base.onTo, '电子屏开启时间');
  for (const item of items) {
    if (form[`play_${item.id}`] !== '1') {
      if (itemPlays({ entries: [], excluded: [] }, item.itemKey, item.requiredChannels)) excluded.push(item.itemKey);
      continue;
    }
    const f = parseInput(z.object({ sec: seconds, from: time, to: time }), { sec: form[`sec_${item.id}`] || base.defaultSeconds, from: form[`from_${item.id}`], to: form[`to_${item.id}`] });
    entries.push({ itemKey: item.itemKey, seconds: f.sec, windows: windowOf(f.from, f.to, `“${item.name}”的播放时段`) });
  }
  return { entries, excluded, defaultSeconds: base.defaultSeconds, onHours };
}

export async function savePlaylist(deps: Deps, actor: AuditActor, org: OrgRow, playlist: Playlist): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await bumpPublicVersion(tx, org, 'context'); // the screen's cached page shows the playlist
    await repo.savePlaylist(tx, { orgId: org.id, districtCode: org.districtCode, entries: playlist.entries, excluded: playlist.excluded, defaultSeconds: playlist.defaultSeconds, onHours: playlist.onHours, updatedBy: actor.name, updatedAt: now });
    await appendAudit(tx, actor, { action: 'channel.playlist_save', subjectType: 'organisation', subjectId: org.code, districtCode: org.districtCode, data: { items: playlist.entries.length, excluded: playlist.excluded, defaultSeconds: playlist.defaultSeconds, onHours: playlist.onHours } }, now);
  });
}
