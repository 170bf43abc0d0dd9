/** Staff pages for a community's chat robots: add, change (secrets kept, shown masked), test, switch off, log. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { actorOf, bodyOf, formProblem, idParam, staffOnly } from '../../../web/routeKit.ts';
import { effectiveCatalogFor } from '../../catalog/index.ts';
import type { OrgRow, SessionUser } from '../../org/index.ts';
import { okNotice, orgSuffix, staffCommunity } from '../edge.ts';
import { baseUrl } from '../links.ts';
import { deliveryView } from '../pages/Deliveries.tsx';
import { assertCanManage, canManage } from '../policy.ts';
import * as repo from '../repository.ts';
import { maskSecret, maskUrl } from '../secrets.ts';
import type { WebhookFormat, WebhookKind } from './request.ts';
import { loadWebhook, saveWebhook, setWebhookEnabled, testWebhook } from './webhooks.ts';
import { WebhookPage, WebhooksPage, type HookView } from './WebhookPages.tsx';

const OK: Record<string, string> = { saved: '已保存。', enabled: '已启用。', disabled: '已停用，不会再向它推送。' };
const TEST_FAILED = '测试消息没有送达。请核对 Webhook 地址和签名密钥，并确认对方机器人可以从互联网访问；内网中的机器人须由系统管理员登记后才能推送。';
const hookForm = z.object({ url: z.unknown() }).loose();

/** A robot as staff may see it again: address and secret masked. */
const hookView = (w: repo.WebhookRow): HookView => ({
  id: w.id,
  name: w.name,
  kind: w.kind as WebhookKind,
  format: w.format as WebhookFormat,
  maskedUrl: maskUrl(w.url),
  maskedSecret: maskSecret(w.secret),
  countsAs: w.countsAs,
  enabled: w.enabled,
});

/** Every channel name the community's items use, for “送达后计入的公开渠道”. */
async function channelNames(deps: Deps, org: OrgRow): Promise<string[]> {
  const items = (await effectiveCatalogFor(deps, org))?.items ?? [];
  return [...new Set(items.flatMap((i) => i.effectiveChannels.map((c) => c.name)))];
}

type Page = { deps: Deps; request: FastifyRequest; reply: FastifyReply; user: SessionUser; org: OrgRow };

async function listPage({ deps, request, reply, user, org }: Page, extra: { ok?: string; error?: string } = {}) {
  const hooks = (await repo.listWebhooks(deps.db.orm, org.id)).map(hookView);
  const ok = extra.ok ?? okNotice(request, OK);
  const props = { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, canManage: canManage(user, org), channels: await channelNames(deps, org), hooks, ok, error: extra.error ?? null };
  return sendPage(reply, h(WebhooksPage, props), extra.error ? 400 : 200);
}

async function hookPage({ deps, request, reply, user, org }: Page, id: number, error?: string) {
  const hook = hookView(await loadWebhook(deps, org, id));
  const deliveries = (await repo.listDeliveries(deps.db.orm, { orgId: org.id, targetKind: 'webhook', targetId: id, limit: 100 })).map(deliveryView);
  const props = { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, canManage: canManage(user, org), channels: await channelNames(deps, org), hook, deliveries, error: error ?? null };
  return sendPage(reply, h(WebhookPage, props), error ? 400 : 200);
}

export function webhookRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const guard = { preHandler: staffOnly() };
    const page = async (request: FastifyRequest, reply: FastifyReply): Promise<Page> => ({ deps, request, reply, ...(await staffCommunity(deps, request)) });
    const saved = (p: Page, ok = 'saved') => p.reply.redirect(`/staff/channel/webhooks?ok=${ok}${orgSuffix(p.user, p.org, '&')}`, 303);

    app.get('/staff/channel/webhooks', guard, async (request, reply) => listPage(await page(request, reply)));

    app.post('/staff/channel/webhooks', guard, async (request, reply) => {
      const p = await page(request, reply);
      assertCanManage(p.user, p.org);
      const problem = await formProblem(async () => saveWebhook(deps, actorOf(request), p.org, request.body, await channelNames(deps, p.org)));
      return problem ? listPage(p, { error: problem.message }) : saved(p);
    });

    app.get('/staff/channel/webhooks/:id', guard, async (request, reply) => hookPage(await page(request, reply), idParam(request)));

    app.post('/staff/channel/webhooks/:id', guard, async (request, reply) => {
      const p = await page(request, reply);
      assertCanManage(p.user, p.org);
      const id = idParam(request);
      const body = bodyOf(request, hookForm);
      // An empty address keeps the stored one: staff never see it again in full.
      if (!String(body.url ?? '').trim()) body.url = (await loadWebhook(deps, p.org, id)).url;
      const problem = await formProblem(async () => saveWebhook(deps, actorOf(request), p.org, body, await channelNames(deps, p.org), id));
      return problem ? hookPage(p, id, problem.message) : saved(p);
    });

    app.post('/staff/channel/webhooks/:id/test', guard, async (request, reply) => {
      const p = await page(request, reply);
      assertCanManage(p.user, p.org);
      const attempt = await testWebhook(deps, actorOf(request), p.org, idParam(request), baseUrl(deps.config, request));
      // One answer for every failure: the reason (refused, closed port, timeout, HTTP status) would
      // let an editor map which addresses and ports exist. The reason is kept in the audit log.
      return attempt.ok ? listPage(p, { ok: `测试消息已送达（${attempt.detail}）。` }) : listPage(p, { error: TEST_FAILED });
    });

    for (const action of ['enable', 'disable'] as const) {
      app.post(`/staff/channel/webhooks/:id/${action}`, guard, async (request, reply) => {
        const p = await page(request, reply);
        assertCanManage(p.user, p.org);
        await setWebhookEnabled(deps, actorOf(request), p.org, idParam(request), action === 'enable');
        return saved(p, `${action}d`);
      });
    }
  };
}
