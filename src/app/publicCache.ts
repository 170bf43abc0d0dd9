/*
 * Anonymous GETs of public pages (portal, record pages, search, feeds, screen data, sheet PDFs)
 * are rendered once per content version and served from memory after that.
 *
 * - The key is the address (with its query), the host (links in feeds and sheets carry it when no
 *   PUBLIC_URL is set), the display mode (长辈模式), the Beijing day (公示期 end on a day; the
 *   screen's on-air window moves by the minute, so screens use the minute) and the version key of
 *   the organisation the page is about (org/publicVersions.ts), read from the database on every
 *   request, so another instance's publish is seen on the next request.
 * - Only complete 200 answers without a cookie and without `private` are kept; signed-in people
 *   (any session cookie) are neither served from nor stored into the cache.
 * - A page is also re-rendered after a minute: a scheduled publication goes live without a write.
 * - Answers carry a strong ETag and `public, max-age=60, stale-while-revalidate=300`, so a proxy
 *   or CDN in front can absorb peaks too; `If-None-Match` gets 304.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../platform/context.ts';
import { beijingDate } from '../platform/time.ts';
import { ELDER_COOKIE } from '../web/page.ts';
import { matchesEtag, PageCache, strongEtag, type CachedPage } from '../web/pageCache.ts';
import { findOrganisation, findOrganisationById, publicVersionOf, SESSION_COOKIE } from '../domains/org/index.ts';
import { findRecordByPublicId } from '../domains/record/index.ts';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';
// A publication scheduled for later (定时发布) moves the version when it is approved, not when it
// goes live; so no page is served longer than a minute, like a proxy honouring max-age=60 would.
const MAX_AGE_MS = 60_000;
const KEPT_HEADERS = ['content-type', 'content-disposition'];

type Scope = 'root' | 'search' | 'org' | 'record';
interface CacheableRoute {
  pattern: RegExp;
  scope: Scope;
  /** Pages that change with the clock within a day (the screen's on-air window). */
  byMinute?: boolean;
}

const ROUTES: CacheableRoute[] = [
  { pattern: /^\/$/, scope: 'root' },
  { pattern: /^\/search$/, scope: 'search' },
  { pattern: /^\/o\/(\d{1,20})(?:\/items\/\d{1,12}|\/board\/\d{4}-\d{2}\.pdf)?$/, scope: 'org' },
  { pattern: /^\/feeds\/(\d{1,20})(?:\/items\/\d{1,12})?\.(?:rss|atom|json)$/, scope: 'org' },
  { pattern: /^\/screen\/(\d{1,20})(?:\/slides\.json)?$/, scope: 'org', byMinute: true },
  { pattern: /^\/r\/([a-z0-9]{4,32})(?:\/v\/\d{1,5}|\/sheet\.pdf)?$/, scope: 'record' },
];

interface Pending {
  key: string;
  version: number;
  at: number;
}

/** Where organisations and records sit never changes, so it is remembered (bounded). */
class PathMemo {
  private readonly paths = new Map<string, string>();
  constructor(private readonly max = 50_000) {}
  async get(key: string, load: () => Promise<string | null>): Promise<string | null> {
    const known = this.paths.get(key);
    if (known) return known;
    const path = await load();
    if (path) {
      if (this.paths.size >= this.max) this.paths.clear();
      this.paths.set(key, path);
    }
    return path;
  }
}

/** Registers the cache's hooks, after the session hook (it needs to know who is signed in). */
export function registerPublicCache(app: FastifyInstance, deps: Deps): PageCache | null {
  if (deps.config.pageCacheMb <= 0) return null;
  const cache = new PageCache(deps.config.pageCacheMb * 1024 * 1024);
  const memo = new PathMemo();
  const pending = new WeakMap<FastifyRequest, Pending>();

  const orgPath = (code: string) => memo.get(`o:${code}`, async () => (await findOrganisation(deps, code))?.path ?? null);
  const recordPath = (publicId: string) =>
    memo.get(`r:${publicId}`, async () => {
      const record = await findRecordByPublicId(deps.db.orm, publicId);
      return record ? ((await findOrganisationById(deps, record.orgId))?.path ?? null) : null;
    });

  async function scopePath(route: CacheableRoute, match: RegExpExecArray, request: FastifyRequest): Promise<string | null> {
    if (route.scope === 'root') return '/';
    if (route.scope === 'org') return orgPath(match[1]!);
    if (route.scope === 'record') return recordPath(match[1]!);
    const org = (request.query as Record<string, unknown>).org;
    if (org === undefined || org === '') return '/';
    return typeof org === 'string' && /^\d{1,20}$/.test(org) ? orgPath(org) : null;
  }

  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.user || request.cookies[SESSION_COOKIE]) return;
    const pathname = request.url.split('?', 1)[0]!;
    const route = ROUTES.find((r) => r.pattern.test(pathname));
    if (!route) return;
    const path = await scopePath(route, route.pattern.exec(pathname)!, request);
    if (!path) return;
    const version = await publicVersionOf(deps, path);
    const now = deps.clock.now();
    const when = route.byMinute ? now.toISOString().slice(0, 16) : beijingDate(now);
    const key = [request.headers.host ?? '', request.cookies[ELDER_COOKIE] === '1' ? 'elder' : '', when, request.url].join('\n');
    const hit = cache.get(key);
    if (hit && hit.version === version && now.getTime() - hit.storedAt < MAX_AGE_MS) return sendCached(request, reply, hit);
    pending.set(request, { key, version, at: now.getTime() });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const wanted = pending.get(request);
    if (!wanted || reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return payload;
    if (/private/.test(String(reply.getHeader('cache-control') ?? ''))) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    if (!body) return payload;
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) if (reply.hasHeader(name)) headers[name] = String(reply.getHeader(name));
    const page: CachedPage = { version: wanted.version, storedAt: wanted.at, body, etag: strongEtag(body), headers };
    cache.set(wanted.key, page);
    reply.header('etag', page.etag).header('cache-control', PUBLIC_CACHE_CONTROL).header('vary', 'Cookie');
    if (!matchesEtag(request.headers['if-none-match'], page.etag)) return body;
    reply.code(304);
    return '';
  });
  return cache;
}

function sendCached(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  reply.headers(page.headers).header('etag', page.etag).header('cache-control', PUBLIC_CACHE_CONTROL).header('vary', 'Cookie');
  if (matchesEtag(request.headers['if-none-match'], page.etag)) return reply.code(304).send();
  return reply.code(200).send(page.body);
}
