import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { parseInput } from '../../platform/validate.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import type { SessionUser } from '../org/repository.ts';
import { requireStaff } from '../org/routes.ts';
import { markAllRead, notificationsFor, saveReminderEmail } from './notifications.ts';
import { listOrdersFor, orderDetail } from './orderViews.ts';
import { answerOrder, closeOrder, returnOrder } from './reviewOrder.ts';
import { actorOf, formError, idParams, type FormError } from './routeHelpers.ts';
import { NotificationsPage } from './pages/NotificationsPage.tsx';
import { OrderPage, OrdersPage } from './pages/OrdersPage.tsx';

const listQuery = z.object({
  org: z.string().regex(/^\d{6,12}$/, { error: '组织代码格式不正确' }).optional(),
  status: z.enum(['open', 'answered', 'closed'], { error: '状态无效' }).optional(),
});

const OK = { answered: '已提交答复，等待上级审核。', closed: '督办单已办结。', returned: '已退回，社区会收到提醒。', email: '已保存。', read: '已全部标为已读。' } as const;
const okOf = (request: FastifyRequest) => OK[(request.query as Record<string, string> | undefined)?.ok as keyof typeof OK] as string | undefined;

/** 督办 orders (list, detail, answer, close, return) and the notification list. */
export function orderRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/compliance/orders', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const q = parseInput(listQuery, request.query);
      const { orders, scope } = await listOrdersFor(deps, user, { orgCode: q.org, status: q.status });
      return sendPage(reply, h(OrdersPage, { ctx: pageCtx(request, reply), orders, scope }));
    });

    const render = async (request: FastifyRequest, reply: FastifyReply, user: SessionUser, id: number, error?: FormError) =>
      sendPage(reply, h(OrderPage, { ctx: pageCtx(request, reply), d: await orderDetail(deps, user, id), error: error?.message, ok: okOf(request) }), error?.status ?? 200);

    app.get('/staff/compliance/orders/:id', async (request, reply) => {
      const user = requireStaff(request, reply);
      return user ? render(request, reply, user, parseInput(idParams, request.params).id) : reply;
    });

    for (const [action, run, ok] of [
      ['answer', answerOrder, 'answered'],
      ['close', closeOrder, 'closed'],
      ['return', returnOrder, 'returned'],
    ] as const) {
      app.post(`/staff/compliance/orders/:id/${action}`, async (request, reply) => {
        const user = requireStaff(request, reply);
        if (!user) return reply;
        const { id } = parseInput(idParams, request.params);
        const error = await formError(() => run(deps, actorOf(request, user), id, request.body));
        if (error) return render(request, reply, user, id, error);
        return reply.redirect(`/staff/compliance/orders/${id}?ok=${ok}`, 303);
      });
    }

    const renderNotices = async (request: FastifyRequest, reply: FastifyReply, user: SessionUser, error?: FormError) => {
      const { items, email } = await notificationsFor(deps, user);
      const page = h(NotificationsPage, { ctx: pageCtx(request, reply), items, email, mailConfigured: deps.config.smtpUrl != null, error: error?.message, ok: okOf(request) });
      return sendPage(reply, page, error?.status ?? 200);
    };

    app.get('/staff/notifications', async (request, reply) => {
      const user = requireStaff(request, reply);
      return user ? renderNotices(request, reply, user) : reply;
    });

    app.post('/staff/notifications/read', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      await markAllRead(deps, user);
      return reply.redirect('/staff/notifications?ok=read', 303);
    });

    app.post('/staff/notifications/email', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const error = await formError(() => saveReminderEmail(deps, actorOf(request, user), request.body));
      return error ? renderNotices(request, reply, user, error) : reply.redirect('/staff/notifications?ok=email', 303);
    });
  };
}
