import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { randomUUID } from 'node:crypto';
import type { Deps } from './context.ts';
import { AppError, ValidationError } from './errors.ts';
import type { SessionUser } from './principal.ts';
import './zodChinese.ts';

/*
 * The HTTP edge every domain shares: the Fastify instance with its security plugins, the upload
 * shape, and the Chinese message for each error. Which routes exist is the app's business.
 */

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    sessionExpired: boolean;
    /** True while the body is being read: a failure then is the sender's malformed body. */
    readingBody: boolean;
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

/** Chinese messages for the HTTP errors Fastify and its plugins raise themselves. */
const STATUS_MESSAGES: Record<number, string> = {
  400: '提交的内容格式不正确，请检查后重试。',
  403: '页面已过期或请求来源无效，请返回刷新页面后重试。',
  404: '您要找的页面不存在或已被移除。',
  413: '提交的内容太大，请缩小后重试。',
  415: '不支持这种提交格式。',
  429: '操作过于频繁，请稍后再试。',
};

/** A Fastify instance with every security plugin, the request's user slot and the CSRF check. */
export async function createHttp(deps: Deps, opts: { logger?: boolean; staticDir: string }): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: deps.config.logLevel },
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  app.decorateRequest('readingBody', false);
  // Multipart bodies are read in a preValidation hook of their plugin; these two hooks bracket it.
  app.addHook('preValidation', async (request) => {
    request.readingBody = true;
  });
  await registerPlugins(app, deps, opts.staticDir);
  app.addHook('preValidation', async (request) => {
    request.readingBody = false;
    refuseUnstorableText(request);
  });
  app.decorateRequest('user', null);
  app.decorateRequest('sessionExpired', false);
  // Every state-changing request carries a CSRF token, unless a route authenticates otherwise.
  app.addHook('preHandler', (request, reply, done) => {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (unsafe && request.routeOptions.config.csrf !== false) app.csrfProtection(request, reply, done);
    else done();
  });
  return app;
}

async function registerPlugins(app: FastifyInstance, deps: Deps, staticDir: string): Promise<void> {
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
  await app.register(fastifyStatic, { root: staticDir, prefix: '/static/', maxAge: '1h' });
}

// NUL cannot be stored by PostgreSQL and unpaired surrogates or U+FFFE/U+FFFF are no text; either
// would otherwise fail deep inside a query as a 500.
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /[\u0000\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function hasUnstorable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return UNSTORABLE.test(value);
  if (depth > 8 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  return Object.entries(value).some(([key, v]) => UNSTORABLE.test(key) || hasUnstorable(v, depth + 1));
}

/** Refuses, before any query runs, text in the address, the query or the body that cannot be stored. */
function refuseUnstorableText(request: FastifyRequest): void {
  if (hasUnstorable(request.params) || hasUnstorable(request.query) || hasUnstorable(request.body)) {
    throw new ValidationError('提交的内容含有无法识别的字符（如空字符），请删除后重试。');
  }
}

/** The status and the Chinese message a user sees for an error; 5xx never reveal the cause. */
export function errorAnswer(error: FastifyError, request?: FastifyRequest): { status: number; message: string } {
  const malformedBody = request?.readingBody === true && !(error instanceof AppError) && error.statusCode === undefined;
  const status = error instanceof AppError ? error.statusCode : malformedBody ? 400 : (error.statusCode ?? 500);
  const message =
    error instanceof AppError ? error.message : status >= 500 ? '服务器暂时无法处理您的请求，请稍后再试。' : (STATUS_MESSAGES[status] ?? '请求无法完成。');
  return { status, message };
}

export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
