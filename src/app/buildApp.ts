/*
 * The composition root: the only place that knows every domain. It builds the HTTP app, registers
 * each domain's routes, and wires the few places where a page needs two domains (see ports.ts).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { h } from 'preact';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../platform/context.ts';
import { createHttp, errorAnswer, wantsJson } from '../platform/http.ts';
import { pageCtx, sendPage } from '../web/page.ts';
import { ErrorPage, NotFoundPage } from '../web/pages/errors.tsx';
import { webRoutes } from '../web/routes.ts';
import { resolveSession, SESSION_COOKIE } from '../domains/org/index.ts';
import { orgRoutes } from '../domains/org/routes.ts';
import { calendarRoutes } from '../domains/calendar/routes.ts';
import { catalogRoutes } from '../domains/catalog/routes.ts';
import { complianceRoutes } from '../domains/compliance/routes.ts';
import { recordRoutes } from '../domains/record/routes.ts';
import { channelRoutes } from '../domains/channel/routes.ts';
import { requestRoutes } from '../domains/request/routes.ts';
import { portalRoutes } from './portal/routes.ts';
import { ports } from './ports.ts';
import { registerPublicCache } from './publicCache.ts';
import { registerWorkday } from './workday/workday.ts';
import { registerStaticFiles } from '../web/staticFiles.ts';

const STATIC_DIR = fileURLToPath(new URL('../web/static', import.meta.url));

/** `onRoute` sees every route as it is added (tests generate their checks from the route table). */
export async function buildApp(deps: Deps, opts: { logger?: boolean; onRoute?: (route: RouteOptions) => void } = {}): Promise<FastifyInstance> {
  const app = await createHttp(deps, { logger: opts.logger });
  registerStaticFiles(app, STATIC_DIR);
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = await resolveSession(deps, token);
    if (session.state === 'active') request.user = session.user;
    else if (token) {
      request.sessionExpired = session.state === 'expired';
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });
  registerPublicCache(app, deps);
  registerWorkday(app, deps);
  app.setNotFoundHandler((request, reply) => sendPage(reply, h(NotFoundPage, { ctx: pageCtx(request, reply) }), 404));
  app.setErrorHandler((error: FastifyError, request, reply) => handleError(error, request, reply));
  await app.register(webRoutes());
  await app.register(portalRoutes(deps));
  await app.register(orgRoutes(deps, ports.org));
  await app.register(catalogRoutes(deps));
  await app.register(recordRoutes(deps, ports.record));
  await app.register(complianceRoutes(deps, ports.compliance));
  await app.register(calendarRoutes(deps, ports.calendar));
  await app.register(channelRoutes(deps));
  await app.register(requestRoutes(deps));
  return app;
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, message } = errorAnswer(error, request);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: error.code, status }, 'request refused');
  if (wantsJson(request)) return reply.code(status).send({ error: message });
  if (status === 404) return sendPage(reply, h(NotFoundPage, { ctx: pageCtx(request, reply), message }), 404);
  return sendPage(reply, h(ErrorPage, { ctx: pageCtx(request, reply), status, message, requestId: request.id }), status);
}
