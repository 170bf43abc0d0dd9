/** Staff pages of a community's channels: the hub, the screen and its playlist, subscribers. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { Deps } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { effectiveCatalogFor } from '../../catalog/effectiveCatalog.ts';
import { listOrgsFlat } from '../../org/orgTree.ts';
import { isAdmin } from '../../org/policy.ts';
import type { OrgRow, SessionUser } from '../../org/repository.ts';
import { requireStaff } from '../../org/routes.ts';
import { baseUrl } from '../links.ts';
import type { Senders } from '../mail/senders.ts';
import { ChannelHub, CommunityPicker } from '../pages/ChannelHub.tsx';
import { ScreenSettings } from '../pages/ScreenSettings.tsx';
import { SubscriptionsPage } from '../pages/SubscriptionsPage.tsx';
import { loadPlaylist, parsePlaylistForm, savePlaylist } from '../playlistForm.ts';
import { assertCanManage, canManage } from '../policy.ts';
import * as repo from '../repository.ts';
import { registerScreen, revokeScreen } from '../screens.ts';
import { maskEmail, removeSubscription } from '../subscriptions.ts';
import { beijingDay } from '../text.ts';
import { actorOf, numericId, orgSuffix, staffCommunity } from './common.ts';
import { deliveryView } from './views.ts';

const OK: Record<string, string> = { saved: '已保存。', revoked: '已停用这块电子屏。', removed: '已取消这个订阅。' };
const okOf = (request: FastifyRequest) => OK[(request.query as Record<string, string>).ok ?? ''] ?? null;

async function screenPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, user: SessionUser, org: OrgRow, extra: { newScreenUrl?: string; error?: string } = {}) {
  const effective = await effectiveCatalogFor(deps, org);
  const screens = await repo.listScreens(deps.db.orm, org.id);
  const names = new Map(screens.map((s) => [s.id, s.name]));
  const plays = (await repo.recentPlays(deps.db.orm, org.id, 30)).map((p) => ({ ...p, screen: names.get(p.screenId) ?? String(p.screenId) }));
  const props = { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, canManage: canManage(user, org), items: effective?.items ?? [], playlist: await loadPlaylist(deps, org.id), screens, plays, ok: okOf(request), ...extra };
  return sendPage(reply, h(ScreenSettings, props), extra.error ? 400 : 200);
}

export function staffRoutes(deps: Deps, senders: () => Senders) {
  return async (app: FastifyInstance) => {
    app.get('/staff/channel', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      if (isAdmin(user.role) && !(request.query as Record<string, string>).org) {
        const communities = (await listOrgsFlat(deps, user.orgPath)).filter((o) => o.kind === 'community');
        return sendPage(reply, h(CommunityPicker, { ctx: pageCtx(request, reply), communities }));
      }
      const found = await staffCommunity(deps, request, reply);
      if (!found) return reply;
      const { org } = found;
      const counts = {
        screens: (await repo.listScreens(deps.db.orm, org.id)).filter((s) => !s.revokedAt).length,
        webhooks: (await repo.listWebhooks(deps.db.orm, org.id)).filter((w) => w.enabled).length,
        subscribers: (await repo.listSubscriptions(deps.db.orm, org.id, 'active')).length,
      };
      return sendPage(reply, h(ChannelHub, { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, month: beijingDay(deps.clock.now()).slice(0, 7), counts }));
    });

    app.get('/staff/channel/screen', async (request, reply) => {
      const found = await staffCommunity(deps, request, reply);
      return found ? screenPage(deps, request, reply, found.user, found.org) : reply;
    });

    app.post('/staff/channel/screen/playlist', async (request, reply) => {
      const found = await staffCommunity(deps, request, reply);
      if (!found) return reply;
      const { user, org } = found;
      assertCanManage(user, org);
      const items = (await effectiveCatalogFor(deps, org))?.items ?? [];
      try {
        await savePlaylist(deps, actorOf(request, user), org, parsePlaylistForm(items, (request.body ?? {}) as Record<string, unknown>));
      } catch (err) {
        if (err instanceof AppError && err.statusCode < 500) return screenPage(deps, request, reply, user, org, { error: err.message });
        throw err;
      }
      return reply.redirect(`/staff/channel/screen?ok=saved${orgSuffix(user, org, '&')}`, 303);
    });

    app.post('/staff/channel/screen/screens', async (request, reply) => {
      const found = await staffCommunity(deps, request, reply);
      if (!found) return reply;
      const { user, org } = found;
      assertCanManage(user, org);
      try {
        const { token } = await registerScreen(deps, actorOf(request, user), org, request.body);
        // The key travels in the fragment: browsers never send it to the server or put it in logs.
        return screenPage(deps, request, reply, user, org, { newScreenUrl: `${baseUrl(deps.config, request)}/screen/${org.code}#key=${token}` });
      } catch (err) {
        if (err instanceof AppError && err.statusCode < 500) return screenPage(deps, request, reply, user, org, { error: err.message });
        throw err;
      }
    });

    app.post('/staff/channel/screen/screens/:id/revoke', async (request, reply) => {
      const found = await staffCommunity(deps, request, reply);
      if (!found) return reply;
      assertCanManage(found.user, found.org);
      await revokeScreen(deps, actorOf(request, found.user), found.org, parseInput(numericId, request.params).id);
      return reply.redirect(`/staff/channel/screen?ok=revoked${orgSuffix(found.user, found.org, '&')}`, 303);
    });

    await app.register(subscriberRoutes(deps, senders));
  };
}

function subscriberRoutes(deps: Deps, senders: () => Senders) {
  return async (app: FastifyInstance) => {
    app.get('/staff/channel/subscriptions', async (request, reply) => {
      const found = await staffCommunity(deps, request, reply);
      if (!found) return reply;
      const { user, org } = found;
      const names = new Map(((await effectiveCatalogFor(deps, org))?.items ?? []).map((i) => [i.itemKey, i.name]));
      const subscribers = (await repo.listSubscriptions(deps.db.orm, org.id)).map((s) => ({
        id: s.id,
        address: maskEmail(s.address),
        items: s.itemKeys.length === 0 ? '全部事项' : s.itemKeys.map((k) => names.get(k) ?? k.split('|').at(-1)).join('、'),
        resident: s.userId !== null,
        status: s.status,
        since: s.confirmedAt ?? s.createdAt,
      }));
      const deliveries = (await repo.listDeliveries(deps.db.orm, { orgId: org.id, targetKind: 'email', limit: 50 })).map(deliveryView);
      return sendPage(reply, h(SubscriptionsPage, { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, canManage: canManage(user, org), mailReady: senders().email !== null, subscribers, deliveries, ok: okOf(request) }));
    });

    app.post('/staff/channel/subscriptions/:id/remove', async (request, reply) => {
      const found = await staffCommunity(deps, request, reply);
      if (!found) return reply;
      assertCanManage(found.user, found.org);
      await removeSubscription(deps, actorOf(request, found.user), found.org, parseInput(numericId, request.params).id);
      return reply.redirect(`/staff/channel/subscriptions?ok=removed${orgSuffix(found.user, found.org, '&')}`, 303);
    });
  };
}
