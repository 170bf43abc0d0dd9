import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { h } from 'preact';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { Deps } from './context.ts';
import { AppError } from './errors.ts';
import type { SessionUser } from '../domains/org/repository.ts';
import { resolveSession, SESSION_COOKIE } from '../domains/org/sessions.ts';
import { orgRoutes } from '../domains/org/routes.ts';
import { catalogRoutes } from '../domains/catalog/routes.ts';
import { recordRoutes } from '../domains/record/routes.ts';
import { complianceRoutes } from '../domains/compliance/routes.ts';
import { calendarRoutes } from '../domains/calendar/routes.ts';
import { channelRoutes } from '../domains/channel/index.ts';
import { webRoutes } from '../web/routes.ts';
import { pageCtx, sendPage } from '../web/page.ts';
import { ErrorPage, NotFoundPage } from '../web/pages/errors.tsx';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionExpired: boolean;
  }
  interface FastifyContextConfig {
    /** Set to false only for machine endpoints that authenticate by their own token. */
    csrf?: boolean;
  }
}

export const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** A file field of a multipart form, as handlers receive it in the body. */
export interface UploadedFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

const STATIC_DIR = fileURLToPath(new URL('../web/static', import.meta.url));

/** Chinese messages for the HTTP errors Fastify and its plugins raise themselves. */
const STATUS_MESSAGES: Record<number, string> = {
  400: '提交的内容格式不正确，请检查后重试。',
  403: '页面已过期或请求来源无效，请返回刷新页面后重试。',
  404: '您要找的页面不存在或已被移除。',
  413: '提交的内容太大，请缩小后重试。',
  415: '不支持这种提交格式。',
  429: '操作过于频繁，请稍后再试。',
};

export async function buildApp(deps: Deps, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: deps.config.logLevel },
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  await registerPlugins(app, deps);
  app.decorateRequest('user', null);
  app.decorateRequest('sessionExpired', false);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const session = await resolveSession(deps, token);
    if (session.state === 'active') request.user = session.user;
    else if (token) {
      request.sessionExpired = session.state === 'expired';
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });
  // Every state-changing request carries a CSRF token, unless a route authenticates otherwise.
  app.addHook('preHandler', (request, reply, done) => {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (unsafe && request.routeOptions.config.csrf !== false) app.csrfProtection(request, reply, done);
    else done();
  });
  app.setNotFoundHandler((request, reply) => sendPage(reply, h(NotFoundPage, { ctx: pageCtx(request, reply) }), 404));
  app.setErrorHandler((error: FastifyError, request, reply) => handleError(error, request, reply));
  await app.register(webRoutes(deps));
  await app.register(orgRoutes(deps));
  await app.register(catalogRoutes(deps));
  await app.register(recordRoutes(deps));
  await app.register(complianceRoutes(deps));
  await app.register(calendarRoutes(deps));
  await app.register(channelRoutes(deps));
  return app;
}

async function registerPlugins(app: FastifyInstance, deps: Deps): Promise<void> {
  const secure = deps.config.cookieSecure;
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        // Upgrading to https would break an http-only LAN install; only when cookies are secure.
        'upgrade-insecure-requests': secure ? [] : null,
      },
    },
    hsts: secure,
  });
  await app.register(cookie, { secret: deps.config.sessionSecret });
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  // Uploads arrive whole in the body (with their file name), so the CSRF check and the size
  // limit apply before any handler sees them.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 50, fieldSize: 64 * 1024 },
    async onFile(part) {
      (part as { value?: unknown }).value = { fileName: part.filename, mimeType: part.mimetype, bytes: await part.toBuffer() } satisfies UploadedFile;
    },
  });
  await app.register(csrf, {
    cookieKey: 'gk_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure, signed: true },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError(STATUS_MESSAGES[429]!, 429, 'rate_limited'),
  });
  await app.register(fastifyStatic, { root: STATIC_DIR, prefix: '/static/', maxAge: '1h' });
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error instanceof AppError ? error.statusCode : (error.statusCode ?? 500);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: error.code, status }, 'request refused');
  const message =
    error instanceof AppError ? error.message : status >= 500 ? '服务器暂时无法处理您的请求，请稍后再试。' : (STATUS_MESSAGES[status] ?? '请求无法完成。');
  if (wantsJson(request)) return reply.code(status).send({ error: message });
  if (status === 404) return sendPage(reply, h(NotFoundPage, { ctx: pageCtx(request, reply), message }), 404);
  return sendPage(reply, h(ErrorPage, { ctx: pageCtx(request, reply), status, message, requestId: request.id }), status);
}

function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
