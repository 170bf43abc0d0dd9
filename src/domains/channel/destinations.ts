/**
 * Where a record of an item will go, channel by channel, and which of the channels its catalog
 * item requires have nowhere to go yet: no screen registered (or the item taken off the
 * playlist), no group robot counted for a chat group, no resident subscribed to pushes. The
 * record page says so at submission and approval; it never blocks, the staff may post by hand.
 */
import type { Deps } from '../../platform/context.ts';
import { GROUP_CHANNEL, PUSH_CHANNEL } from './channelKinds.ts';
import * as repo from './repository.ts';
import { loadPlaylist } from './screen/playlistForm.ts';

/** A channel that names the electronic screen; a paper board always has its printed sheet. */
const ELECTRONIC_SCREEN = /电子屏|显示屏|LED/i;

/** A required channel without a destination: what to tell staff and the page that fixes it. */
export interface ChannelGap {
  channel: string;
  message: string;
  href: string | null;
}

export async function channelGaps(deps: Deps, org: { id: number }, itemKey: string, requiredChannels: string[]): Promise<ChannelGap[]> {
  if (requiredChannels.length === 0) return [];
  const [screens, playlist, hooks, subscriptions] = await Promise.all([
    repo.listScreens(deps.db.orm, org.id),
    loadPlaylist(deps, org.id),
    repo.listWebhooks(deps.db.orm, org.id),
    repo.listSubscriptions(deps.db.orm, org.id, 'active'),
  ]);
  const gaps: ChannelGap[] = [];
  const gap = (channel: string, message: string, href: string | null = null) => gaps.push({ channel, message, href });
  for (const channel of requiredChannels) {
    if (ELECTRONIC_SCREEN.test(channel)) {
      if (!screens.some((s) => !s.revokedAt)) gap(channel, '本社区还没有登记电子屏，这条记录不会在电子屏上播放。请登记电子屏，或张贴打印的公示单并上传照片作为证据。', '/staff/channel/screen');
      else if (playlist.excluded.includes(itemKey)) gap(channel, '这个事项已从电子屏播放列表中移除，这条记录不会上屏。需要上屏请在播放列表中勾选。', '/staff/channel/screen');
    } else if (GROUP_CHANNEL.test(channel)) {
      if (!hooks.some((h) => h.enabled && h.countsAs === channel)) gap(channel, '还没有登记计入这个渠道的群机器人，发布后不会自动发到群里。请登记群机器人，或手工转发后上传截图作为证据。', '/staff/channel/webhooks');
    } else if (PUSH_CHANNEL.test(channel)) {
      if (subscriptions.length === 0) gap(channel, '本社区还没有居民订阅，发布后推送不到任何人。');
    }
  }
  return gaps;
}
