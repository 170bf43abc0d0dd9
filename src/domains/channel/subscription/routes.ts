/**
 * 精准推送 by e-mail. Public: subscribe (rate-limited), confirm, unsubscribe (one click from the
 * mail). Staff: the community's subscribers (addresses masked), their mail log, removing one.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { actorOf, codeParam, idParam, staffOnly } from '../../../web/routeKit.ts';
import { parseInput } from '../../../platform/validate.ts';
import { effectiveCatalogFor, type EffectiveItem } from '../../catalog/index.ts';
import type { OrgRow } from '../../org/index.ts';
import { okNotice, orgSuffix, publicCommunity, staffCommunity } from '../edge.ts';
import { baseUrl } from '../links.ts';
import type { Senders } from '../mail/senders.ts';
import { deliveryView } from '../pages/Deliveries.tsx';
import { assertCanManage, canManage } from '../policy.ts';
import * as repo from '../repository.ts';
import { MessagePage, SubscribePage } from './SubscribePages.tsx';
import { confirmPath, confirmSubscription, findByToken, maskEmail, removeSubscription, subscribe, unsubscribe, unsubscribePath } from './subscriptions.ts';
import { SubscriptionsPage } from './SubscriptionsPage.tsx';

const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, { error: '这个链接无效或已过期。' }) });
const typedEmail = z.object({ email: z.unknown() }).loose();
const SUBSCRIBE_LIMIT = { max: 5, timeWindow: '1 minute' };
const OK: Record<string, string> = { removed: '已取消这个订阅。' };

const tokenParam = (request: FastifyRequest): string => parseInput(tokenParams, request.params).token;
/** What the visitor typed, to show again beside the error (never more than an address can be). */
const emailTyped = (body: unknown): string => String(typedEmail.safeParse(body).data?.email ?? '').slice(0, 254);

async function communityItems(deps: Deps, code: string): Promise<{ org: OrgRow; items: EffectiveItem[] }> {
  const org = await publicCommunity(deps, code);
  return { org, items: (await effectiveCatalogFor(deps, org))?.items ?? [] };
}

function publicSubscriptionRoutes(deps: Deps, senders: () => Senders) {
  return async (app: FastifyInstance) => {
    const form = async (request: FastifyRequest) => {
      const { org, items } = await communityItems(deps, codeParam(request));
      return { org, items, props: { org: { code: org.code, name: org.name }, items: items.map((i) => ({ id: i.id, name: i.name })), mailReady: senders().email !== null, resident: request.user?.orgId === org.id } };
    };

    app.get('/o/:code/subscribe', async (request, reply) => {
      const { props } = await form(request);
      return sendPage(reply, h(SubscribePage, { ctx: pageCtx(request, reply), ...props }));
    });

    app.post('/o/:code/subscribe', { config: { rateLimit: SUBSCRIBE_LIMIT } }, async (request, reply) => {
      const { org, items, props } = await form(request);
      try {
        await subscribe(deps, org, items, request.body, request.user, { baseUrl: baseUrl(deps.config, request), sender: senders().email, ip: request.ip });
      } catch (err) {
        if (!(err instanceof AppError) || (err.statusCode >= 500 && err.code !== 'mail_failed' && err.code !== 'mail_unavailable')) throw err;
        return sendPage(reply, h(SubscribePage, { ctx: pageCtx(request, reply), ...props, error: err.message, email: emailTyped(request.body) }), err.statusCode);
      }
      const message = '如果这个邮箱还没有订阅，我们已发出一封确认邮件。请打开邮件中的链接完成订阅；没有确认的订阅不会收到任何推送。';
      return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: '请查收确认邮件', message }));
    });

    await app.register(tokenRoutes(deps));
  };
}

/** The links in the mails: a page with a button (mail scanners that follow links confirm nothing), then the POST. */
function tokenRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/subscriptions/:token/confirm', async (request, reply) => {
      const token = tokenParam(request);
      const row = await findByToken(deps, token);
      const done = row.status === 'active';
      return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: done ? '订阅已生效' : '确认订阅', message: done ? '您已订阅，有新的公开内容时会收到邮件。' : `确认用 ${row.address} 订阅公开信息吗？`, ...(done ? {} : { action: confirmPath(token), button: '确认订阅' }) }));
    });

    app.post('/subscriptions/:token/confirm', async (request, reply) => {
      await confirmSubscription(deps, tokenParam(request), request.ip);
      return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: '订阅已生效', message: '有新的公开内容时，您会收到邮件。每封邮件都有退订链接。' }));
    });

    app.get('/unsubscribe/:token', async (request, reply) => {
      const token = tokenParam(request);
      const row = await findByToken(deps, token);
      if (row.status === 'unsubscribed') return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: '已退订', message: '您已退订，不会再收到推送邮件。' }));
      return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: '退订', message: `不再给 ${row.address} 发送公开信息吗？`, action: unsubscribePath(token), button: '退订', csrf: false }));
    });

    // One-click unsubscribe (RFC 8058): mail clients POST here without a page, so no CSRF token; the token is the key.
    app.post('/unsubscribe/:token', { config: { csrf: false, rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
      await unsubscribe(deps, tokenParam(request), request.ip);
      return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: '已退订', message: '您已退订，不会再收到推送邮件。' }));
    });
  };
}

/** Subscribers as staff see them: masked addresses, the items they follow by name. */
async function subscriberRows(deps: Deps, org: OrgRow) {
  const names = new Map(((await effectiveCatalogFor(deps, org))?.items ?? []).map((i) => [i.itemKey, i.name]));
  return (await repo.listSubscriptions(deps.db.orm, org.id)).map((s) => ({
    id: s.id,
    address: maskEmail(s.address),
    items: s.itemKeys.length === 0 ? '全部事项' : s.itemKeys.map((k) => names.get(k) ?? k.split('|').at(-1)).join('、'),
    resident: s.userId !== null,
    status: s.status,
    since: s.confirmedAt ?? s.createdAt,
  }));
}

function staffSubscriptionRoutes(deps: Deps, senders: () => Senders) {
  return async (app: FastifyInstance) => {
    const guard = { preHandler: staffOnly() };

    app.get('/staff/channel/subscriptions', guard, async (request, reply) => {
      const { user, org } = await staffCommunity(deps, request);
      const subscribers = await subscriberRows(deps, org);
      const deliveries = (await repo.listDeliveries(deps.db.orm, { orgId: org.id, targetKind: 'email', limit: 50 })).map(deliveryView);
      const props = { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, canManage: canManage(user, org), mailReady: senders().email !== null, subscribers, deliveries, ok: okNotice(request, OK) };
      return sendPage(reply, h(SubscriptionsPage, props));
    });

    app.post('/staff/channel/subscriptions/:id/remove', guard, async (request, reply) => {
      const { user, org } = await staffCommunity(deps, request);
      assertCanManage(user, org);
      await removeSubscription(deps, actorOf(request), org, idParam(request));
      return reply.redirect(`/staff/channel/subscriptions?ok=removed${orgSuffix(user, org, '&')}`, 303);
    });
  };
}

export function subscriptionRoutes(deps: Deps, senders: () => Senders) {
  return async (app: FastifyInstance) => {
    await app.register(publicSubscriptionRoutes(deps, senders));
    await app.register(staffSubscriptionRoutes(deps, senders));
  };
}
