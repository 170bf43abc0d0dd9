import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Deps } from './context.ts';
import { appendAudit } from './audit/index.ts';
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
  interface FastifyInstance {
    /** Adds a front door (see FrontDoor); doors are tried in the order they were added. */
    addFrontDoor(door: FrontDoor): void;
  }
  interface FastifyContextConfig {
    /** Set to false only for machine endpoints that authenticate by their own token. */
    csrf?: boolean;
    /** Set to true only for a public form that takes files from visitors who are not signed in. */
    anonymousUpload?: boolean;
  }
}

const CSRF_COOKIE = 'gk_csrf';

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

/**
 * Answers a raw GET before Fastify sees it, or returns false to let Fastify handle it. The static
 * assets and the public page cache use it for their hits: what they answer already carries every
 * header Fastify and its plugins set when it was first sent, so replaying it skips only work
 * whose result is known.
 */
export type FrontDoor = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

async function throughDoors(doors: FrontDoor[], req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  for (const door of doors) if (await door(req, res)) return true;
  return false;
}

/** The HTTP server, with the front doors (when any are installed) ahead of Fastify's own handler. */
function serverWithFrontDoor(doors: FrontDoor[]) {
  return (handler: (req: IncomingMessage, res: ServerResponse) => void, opts: Record<string, unknown>): Server => {
    const options = opts as unknown as ServerTimeouts;
    const server = createServer((req, res) => {
      if (doors.length === 0 || req.method !== 'GET') return handler(req, res);
      throughDoors(doors, req, res).then(
        (answered) => {
          if (!answered) handler(req, res);
        },
        () => handler(req, res), // a failing lookup is a cache miss, never an error page
      );
    });
    // What Fastify sets on a server it makes itself (a server factory's server gets none of it).
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout);
    return server;
  };
}

interface ServerTimeouts {
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
}

/** A Fastify instance with every security plugin, the request's user slot and the CSRF check. */
export async function createHttp(deps: Deps, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const doors: FrontDoor[] = [];
  const app = Fastify({
    serverFactory: serverWithFrontDoor(doors),
    logger: opts.logger === false ? false : { level: deps.config.logLevel },
    // One line per request is noise at the default level; LOG_LEVEL=debug brings them back.
    // Failures are still logged: buildApp's error handler logs every 5xx itself.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(deps.config.logLevel) }),
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    // Behind nginx every connection comes from nginx: without its address here, rate limits,
    // sign-in pauses and the audit log would take all visitors for one. Never trusted blindly:
    // a visitor could name any address in X-Forwarded-For to slip past a limit.
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    // Addresses Fastify refuses before routing (broken percent-encoding, a path part over 100
    // characters) get a Chinese answer too, not its English JSON.
    frameworkErrors: (error, request, raw) => {
      const reply = raw as unknown as FastifyReply;
      const status = error.statusCode === 414 ? 414 : 400;
      const message = status === 414 ? '网址太长，请检查后重试。' : '网址格式不正确，请检查后重试。';
      if (wantsJson(request as unknown as FastifyRequest)) void reply.code(status).send({ error: message });
      else void reply.code(status).type('text/html; charset=utf-8').send(frameworkErrorPage(message));
    },
  });
  app.decorate('addFrontDoor', (door: FrontDoor) => {
    doors.push(door);
  });
  app.decorateRequest('readingBody', false);
  // Before any body is read (multipart bodies are read whole in preValidation): an upload that
  // the CSRF or sign-in check would refuse later is refused now, so anonymous senders cannot make
  // the server hold their megabytes.
  app.addHook('preParsing', async (request, reply, payload) => {
    const refusal = uploadRefusal(request);
    if (refusal) {
      reply.header('connection', 'close'); // do not keep reading the rest of the body
      throw refusal;
    }
    return payload;
  });
  app.addHook('onError', refusalAuditor(deps));
  // Multipart bodies are read in a preValidation hook of their plugin; these two hooks bracket it.
  app.addHook('preValidation', async (request) => {
    request.readingBody = true;
  });
  await registerPlugins(app, deps);
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
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure, signed: true },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError(STATUS_MESSAGES[429]!, 429, 'rate_limited'),
  });
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

const isMultipart = (request: FastifyRequest): boolean => /^\s*multipart\//i.test(request.headers['content-type'] ?? '');

/** Why an upload is refused before its body is read, or null to read it. */
function uploadRefusal(request: FastifyRequest): AppError | null {
  if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || !isMultipart(request)) return null;
  const config = request.routeOptions.config;
  const csrfCookie = request.cookies[CSRF_COOKIE];
  // The token travels in the body, so only its signed cookie half can be checked this early.
  if (config.csrf !== false && (!csrfCookie || !request.unsignCookie(csrfCookie).valid)) return new AppError(STATUS_MESSAGES[403]!, 403, 'csrf_missing');
  if (!request.user && config.anonymousUpload !== true) return new AppError('登录已失效，文件没有上传。请重新登录后再上传。', 401, 'upload_needs_login');
  return null;
}

// Refusals are audited only for signed-in people, and at most this many per person per minute:
// an anonymous flood or a looping script must not be able to grow the audit log without bound.
const REFUSALS_PER_MINUTE = 30;

/** onError hook: a 403 (forbidden, or a CSRF check failed) of a signed-in person goes to the audit log. */
function refusalAuditor(deps: Deps) {
  const recent = new Map<number, { minute: number; count: number }>();
  return async (request: FastifyRequest, _reply: unknown, error: FastifyError): Promise<void> => {
    const user = request.user;
    if (!user || errorAnswer(error, request).status !== 403) return;
    const now = deps.clock.now();
    const minute = Math.floor(now.getTime() / 60_000);
    const seen = recent.get(user.id);
    const count = seen?.minute === minute ? seen.count + 1 : 1;
    recent.set(user.id, { minute, count });
    if (count > REFUSALS_PER_MINUTE) return;
    const csrfFailure = /^FST_CSRF_|^csrf_/.test(error.code ?? '');
    const entry = {
      action: csrfFailure ? 'http.csrf_rejected' : 'http.forbidden',
      subjectType: 'request',
      districtCode: user.districtCode,
      data: { method: request.method, path: request.url.slice(0, 300), code: error.code ?? null },
    };
    try {
      await deps.db.transaction((tx) => appendAudit(tx, { id: String(user.id), name: user.username, ip: request.ip }, entry, now));
    } catch (err) {
      request.log.error({ err }, 'audit of a refused request failed'); // the refusal itself still stands
    }
  };
}

/** The status and the Chinese message a user sees for an error; 5xx never reveal the cause. */
export function errorAnswer(error: FastifyError, request?: FastifyRequest): { status: number; message: string } {
  const malformedBody = request?.readingBody === true && !(error instanceof AppError) && error.statusCode === undefined;
  const status = error instanceof AppError ? error.statusCode : malformedBody ? 400 : (error.statusCode ?? 500);
  const message =
    error instanceof AppError ? error.message : status >= 500 ? '服务器暂时无法处理您的请求，请稍后再试。' : (STATUS_MESSAGES[status] ?? '请求无法完成。');
  return { status, message };
}

/** A bare page for errors raised before routing, when the app's layout is not yet in reach. */
function frameworkErrorPage(message: string): string {
  const text = message.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>无法打开 - 公开</title><link rel="stylesheet" href="/static/app.css"></head><body><main class="wrap"><h1>无法打开这个网址</h1><p role="alert">${text}</p><p><a href="/">返回首页</a></p></main></body></html>`;
}

export function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}
