/** Staff pages for a community's chat robots: add, change (secrets kept, shown masked), test, switch off, log. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { Deps } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { effectiveCatalogFor } from '../../catalog/effectiveCatalog.ts';
import type { OrgRow, SessionUser } from '../../org/repository.ts';
import { baseUrl } from '../links.ts';
import { WebhookPage, WebhooksPage } from '../pages/WebhookPages.tsx';
import { assertCanManage, canManage } from '../policy.ts';
import * as repo from '../repository.ts';
import { loadWebhook, saveWebhook, setWebhookEnabled, testWebhook } from '../webhooks.ts';
import { actorOf, numericId, orgSuffix, staffCommunity } from './common.ts';
import { deliveryView, hookView } from './views.ts';

const OK: Record<string, string> = { saved: '已保存。', enabled: '已启用。', disabled: '已停用，不会再向它推送。' };

/** Every channel name the community's items use, for “送达后计入的公开渠道”. */
export async function channelNames(deps: Deps, org: OrgRow): Promise<string[]> {
  const items = (await effectiveCatalogFor(deps, org))?.items ?? [];
  return [...new Set(items.flatMap((i) => i.effectiveChannels.map((c) => c.name)))];
}

async function listPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, user: SessionUser, org: OrgRow, extra: { ok?: string; error?: string } = {}) {
  const hooks = (await repo.listWebhooks(deps.db.orm, org.id)).map(hookView);
  const ok = extra.ok ?? OK[(request.query as Record<string, string>).ok ?? ''] ?? null;
  const props = { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, canManage: canManage(user, org), channels: await channelNames(deps, org), hooks, ok, error: extra.error ?? null };
  return sendPage(reply, h(WebhooksPage, props), extra.error ? 400 : 200);
}

async function hookPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, user: SessionUser, org: OrgRow, id: number, error?: string) {
  const hook = hookView(await loadWebhook(deps, org, id));
  const deliveries = (await repo.listDeliveries(deps.db.orm, { orgId: org.id, targetKind: 'webhook', targetId: id, limit: 100 })).map(deliveryView);
  const props = { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, canManage: canManage(user, org), channels: await channelNames(deps, org), hook, deliveries, error: error ?? null };
  return sendPage(reply, h(WebhookPage, props), error ? 400 : 200);
}

const formErrors = async (fn: () => Promise<unknown>): Promise<string | null> => {
  try {
    await fn();
    return null;
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500) return err.message;
    throw err;
  }
};

export function webhookRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/channel/webhooks', async (request, reply) => {
      const found = await staffCommunity(deps, request, reply);
      return found ? listPage(deps, request, reply, found.user, found.org) : reply;
    });

    app.post('/staff/channel/webhooks', async (request, reply) => {
      const found = await staffCommunity(deps, request, reply);
      if (!found) return reply;
      const { user, org } = found;
      assertCanManage(user, org);
      const error = await formErrors(async () => saveWebhook(deps, actorOf(request, user), org, request.body, await channelNames(deps, org)));
      return error ? listPage(deps, request, reply, user, org, { error }) : reply.redirect(`/staff/channel/webhooks?ok=saved${orgSuffix(user, org, '&')}`, 303);
    });

    app.get('/staff/channel/webhooks/:id', async (request, reply) => {
      const found = await staffCommunity(deps, request, reply);
      return found ? hookPage(deps, request, reply, found.user, found.org, parseInput(numericId, request.params).id) : reply;
    });

    app.post('/staff/channel/webhooks/:id', async (request, reply) => {
      const found = await staffCommunity(deps, request, reply);
      if (!found) return reply;
      const { user, org } = found;
      assertCanManage(user, org);
      const { id } = parseInput(numericId, request.params);
      const body = { ...((request.body ?? {}) as Record<string, unknown>) };
      // An empty address keeps the stored one: staff never see it again in full.
      if (!String(body.url ?? '').trim()) body.url = (await loadWebhook(deps, org, id)).url;
      const error = await formErrors(async () => saveWebhook(deps, actorOf(request, user), org, body, await channelNames(deps, org), id));
      return error ? hookPage(deps, request, reply, user, org, id, error) : reply.redirect(`/staff/channel/webhooks?ok=saved${orgSuffix(user, org, '&')}`, 303);
    });

    app.post('/staff/channel/webhooks/:id/test', async (request, reply) => {
      const found = await staffCommunity(deps, request, reply);
      if (!found) return reply;
      const { user, org } = found;
      assertCanManage(user, org);
      const attempt = await testWebhook(deps, actorOf(request, user), org, parseInput(numericId, request.params).id, baseUrl(deps.config, request));
      return attempt.ok ? listPage(deps, request, reply, user, org, { ok: `测试消息已送达（${attempt.detail}）。` }) : listPage(deps, request, reply, user, org, { error: `测试消息没有送达：${attempt.detail}` });
    });

    for (const action of ['enable', 'disable'] as const) {
      app.post(`/staff/channel/webhooks/:id/${action}`, async (request, reply) => {
        const found = await staffCommunity(deps, request, reply);
        if (!found) return reply;
        assertCanManage(found.user, found.org);
        await setWebhookEnabled(deps, actorOf(request, found.user), found.org, parseInput(numericId, request.params).id, action === 'enable');
        return reply.redirect(`/staff/channel/webhooks?ok=${action}d${orgSuffix(found.user, found.org, '&')}`, 303);
      });
    }
  };
}
