import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import { actorOf, formProblem, idParam, orgCode, queryOf, staffOf, staffOnly } from '../../web/routeKit.ts';
import { markAllRead, notificationsFor, saveReminderEmail } from './notifications.ts';
import { listOrdersFor, orderDetail } from './orderViews.ts';
import { answerOrder, closeOrder, returnOrder } from './reviewOrder.ts';
import { noticeOf, okQuery, type FormProblem } from './routeHelpers.ts';
import { NotificationsPage } from './pages/NotificationsPage.tsx';
import { OrderPage, OrdersPage } from './pages/OrdersPage.tsx';

/* Any staff role passes; which orders someone may see or answer is the use cases' rule. */
const staff = { preHandler: staffOnly() };

const listQuery = z.object({
  org: orgCode.optional(),
  status: z.enum(['open', 'answered', 'closed'], { error: '状态无效' }).optional(),
});

const OK = { answered: '已提交答复，等待上级审核。', closed: '督办单已办结。', returned: '已退回，社区会收到提醒。', email: '已保存。', read: '已全部标为已读。' } as const;
const okOf = (request: FastifyRequest) => noticeOf(OK, queryOf(request, okQuery).ok);

/** 督办 orders (list, detail, answer, close, return) and the notification list. */
export function orderRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/compliance/orders', staff, async (request, reply) => {
      const q = queryOf(request, listQuery);
      const { orders, scope } = await listOrdersFor(deps, staffOf(request), { orgCode: q.org, status: q.status });
      return sendPage(reply, h(OrdersPage, { ctx: pageCtx(request, reply), orders, scope }));
    });

    const render = async (request: FastifyRequest, reply: FastifyReply, id: number, error?: FormProblem) =>
      sendPage(reply, h(OrderPage, { ctx: pageCtx(request, reply), d: await orderDetail(deps, staffOf(request), id), error: error?.message, ok: okOf(request) }), error?.status ?? 200);

    app.get('/staff/compliance/orders/:id', staff, async (request, reply) => render(request, reply, idParam(request)));

    for (const [action, run, ok] of [
      ['answer', answerOrder, 'answered'],
      ['close', closeOrder, 'closed'],
      ['return', returnOrder, 'returned'],
    ] as const) {
      app.post(`/staff/compliance/orders/:id/${action}`, staff, async (request, reply) => {
        const id = idParam(request);
        const error = await formProblem(() => run(deps, actorOf(request), id, request.body));
        if (error) return render(request, reply, id, error);
        return reply.redirect(`/staff/compliance/orders/${id}?ok=${ok}`, 303);
      });
    }

    await app.register(notificationRoutes(deps));
  };
}

/** The signed-in staff member's notifications and reminder e-mail address. */
function notificationRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const render = async (request: FastifyRequest, reply: FastifyReply, error?: FormProblem) => {
      const { items, email } = await notificationsFor(deps, staffOf(request));
      const page = h(NotificationsPage, { ctx: pageCtx(request, reply), items, email, mailConfigured: deps.config.smtpUrl != null, error: error?.message, ok: okOf(request) });
      return sendPage(reply, page, error?.status ?? 200);
    };

    app.get('/staff/notifications', staff, async (request, reply) => render(request, reply));

    app.post('/staff/notifications/read', staff, async (request, reply) => {
      await markAllRead(deps, staffOf(request));
      return reply.redirect('/staff/notifications?ok=read', 303);
    });

    app.post('/staff/notifications/email', staff, async (request, reply) => {
      const error = await formProblem(() => saveReminderEmail(deps, actorOf(request), request.body));
      return error ? render(request, reply, error) : reply.redirect('/staff/notifications?ok=email', 303);
    });
  };
}
