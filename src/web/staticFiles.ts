/*
 * The server's own assets (src/web/static: the style sheet, the icons, the screen's and the
 * editor's scripts), read once at start and kept in memory with a strong ETag and, for text, a
 * gzip form. Every visitor of a shared link fetches them once: through @fastify/static each
 * answer cost more than the cached page itself (a stat and a file stream per request, every
 * hook), and app.css went out uncompressed.
 *
 * The first answer for a file goes through Fastify (its hooks set the security headers); it is
 * remembered with those headers, and later GETs are answered at the front door, as cached pages are.
 * Read at start: an edited style sheet shows after a restart.
 */
import type { FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { extname, join } from 'node:path';
import { acceptsGzip, gzipForm, matchesEtag, strongEtag, type PageBytes } from './pageCache.ts';

const PREFIX = '/static/';
const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const CACHE_CONTROL = 'public, max-age=3600';
// What is replayed of the first answer through Fastify: helmet's security headers, and nothing
// that belongs to one request (a cookie, a rate limit's count) even if a hook sets it one day.
const SECURITY = /^(?:content-security-policy|cross-origin-[a-z-]+|origin-agent-cluster|referrer-policy|strict-transport-security|x-content-type-options|x-dns-prefetch-control|x-download-options|x-frame-options|x-permitted-cross-domain-policies|x-xss-protection)$/;

interface Asset {
  plain: PageBytes;
  gzip: PageBytes | null;
  /** Fastify has answered it once: each form's headers now hold that answer's security headers. */
  ready: boolean;
}

/** Every file of `dir`, in memory; a file of a type the server does not send stops the start. */
export function loadStaticFiles(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const type = TYPES[extname(entry.name)];
    // An asset nobody could fetch would fail only in a browser: say so at start instead.
    if (!entry.isFile() || !type) throw new Error(`静态文件目录只能放 ${Object.keys(TYPES).join('、')} 文件：${entry.name}`);
    const body = readFileSync(join(dir, entry.name));
    const etag = strongEtag(body);
    const plain = { body, etag, headers: { 'content-type': type, 'content-length': String(body.length), etag, 'cache-control': CACHE_CONTROL, vary: 'Accept-Encoding' } };
    assets.set(entry.name, { plain, gzip: gzipForm(plain), ready: false });
  }
  return assets;
}

/** The form of `asset` this client takes, and whether its copy (If-None-Match) is out of date. */
function answerFor(req: IncomingMessage, asset: Asset): { form: PageBytes; fresh: boolean } {
  const form = asset.gzip && acceptsGzip(req.headers['accept-encoding']) ? asset.gzip : asset.plain;
  return { form, fresh: !matchesEtag(req.headers['if-none-match'], form.etag) };
}

/** `/static/<name>` from memory: at the front door once Fastify has answered it, through Fastify before. */
export function registerStaticFiles(app: FastifyInstance, dir: string): void {
  const assets = loadStaticFiles(dir);
  app.get<{ Params: { name: string } }>(`${PREFIX}:name`, (request, reply) => {
    const asset = assets.get(request.params.name);
    if (!asset) return reply.callNotFound();
    if (!asset.ready) keepSecurityHeaders(asset, reply.getHeaders());
    const { form, fresh } = answerFor(request.raw, asset);
    reply.headers(form.headers);
    return fresh ? reply.send(form.body) : reply.code(304).send();
  });
  app.addFrontDoor(async (req, res) => {
    if (!req.url?.startsWith(PREFIX)) return false;
    const asset = assets.get(req.url.slice(PREFIX.length).split('?', 1)[0]!);
    if (!asset?.ready) return false;
    const { form, fresh } = answerFor(req, asset);
    // One object per form, made once: a new one per answer cost more than the rest of the answer.
    res.writeHead(fresh ? 200 : 304, form.headers);
    res.end(fresh ? form.body : undefined);
    return true;
  });
}

/** Adds the security headers Fastify's hooks (helmet) set on an answer to each form's headers. */
function keepSecurityHeaders(asset: Asset, headers: Record<string, unknown>): void {
  const security: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && SECURITY.test(name)) security[name] = String(value);
  asset.plain.headers = { ...security, ...asset.plain.headers };
  if (asset.gzip) asset.gzip.headers = { ...security, ...asset.gzip.headers };
  asset.ready = true;
}
