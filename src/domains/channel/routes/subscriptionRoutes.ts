/** 精准推送 by e-mail, public side: subscribe (rate-limited), confirm, unsubscribe (one click from the mail). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { baseUrl } from '../links.ts';
import type { Senders } from '../mail/senders.ts';
import { MessagePage, SubscribePage } from '../pages/SubscribePages.tsx';
import { confirmPath, confirmSubscription, findByToken, subscribe, unsubscribe, unsubscribePath } from '../subscriptions.ts';
import { codeParam } from './common.ts';
import { communityItems } from './publicRoutes.ts';

const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/, { error: '这个链接无效或已过期。' }) });
const SUBSCRIBE_LIMIT = { max: 5, timeWindow: '1 minute' };

export function subscriptionRoutes(deps: Deps, senders: () => Senders) {
  return async (app: FastifyInstance) => {
    const form = async (request: FastifyRequest, code: string) => {
      const { org, items } = await communityItems(deps, code);
      return { org, items, props: { org: { code: org.code, name: org.name }, items: items.map((i) => ({ id: i.id, name: i.name })), mailReady: senders().email !== null, resident: request.user?.orgId === org.id } };
    };

    app.get('/o/:code/subscribe', async (request, reply) => {
      const { props } = await form(request, parseInput(codeParam, request.params).code);
      return sendPage(reply, h(SubscribePage, { ctx: pageCtx(request, reply), ...props }));
    });

    app.post('/o/:code/subscribe', { config: { rateLimit: SUBSCRIBE_LIMIT } }, async (request, reply) => {
      const { org, items, props } = await form(request, parseInput(codeParam, request.params).code);
      try {
        await subscribe(deps, org, items, request.body, request.user, { baseUrl: baseUrl(deps.config, request), sender: senders().email, ip: request.ip });
      } catch (err) {
        if (!(err instanceof AppError) || (err.statusCode >= 500 && err.code !== 'mail_failed' && err.code !== 'mail_unavailable')) throw err;
        const email = String((request.body as Record<string, unknown> | undefined)?.email ?? '').slice(0, 254);
        return sendPage(reply, h(SubscribePage, { ctx: pageCtx(request, reply), ...props, error: err.message, email }), err.statusCode);
      }
      const message = '如果这个邮箱还没有订阅，我们已发出一封确认邮件。请打开邮件中的链接完成订阅；没有确认的订阅不会收到任何推送。';
      return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: '请查收确认邮件', message }));
    });

    // A link in a mail opens a page with a button: mail scanners that follow links confirm nothing.
    app.get('/subscriptions/:token/confirm', async (request, reply) => {
      const { token } = parseInput(tokenParam, request.params);
      const row = await findByToken(deps, token);
      const done = row.status === 'active';
      return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: done ? '订阅已生效' : '确认订阅', message: done ? '您已订阅，有新的公开内容时会收到邮件。' : `确认用 ${row.address} 订阅公开信息吗？`, ...(done ? {} : { action: confirmPath(token), button: '确认订阅' }) }));
    });

    app.post('/subscriptions/:token/confirm', async (request, reply) => {
      const { token } = parseInput(tokenParam, request.params);
      await confirmSubscription(deps, token, request.ip);
      return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: '订阅已生效', message: '有新的公开内容时，您会收到邮件。每封邮件都有退订链接。' }));
    });

    app.get('/unsubscribe/:token', async (request, reply) => {
      const { token } = parseInput(tokenParam, request.params);
      const row = await findByToken(deps, token);
      if (row.status === 'unsubscribed') return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: '已退订', message: '您已退订，不会再收到推送邮件。' }));
      return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: '退订', message: `不再给 ${row.address} 发送公开信息吗？`, action: unsubscribePath(token), button: '退订', csrf: false }));
    });

    // One-click unsubscribe (RFC 8058): mail clients POST here without a page, so no CSRF token; the token is the key.
    app.post('/unsubscribe/:token', { config: { csrf: false, rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
      const { token } = parseInput(tokenParam, request.params);
      await unsubscribe(deps, token, request.ip);
      return sendPage(reply, h(MessagePage, { ctx: pageCtx(request, reply), title: '已退订', message: '您已退订，不会再收到推送邮件。' }));
    });
  };
}
