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
 * - A scheduled publication (定时发布) moves the key when it goes live, with no write then
 *   (org/publicVersions.ts), so a page is kept until its key or its day moves, not by the minute.
 * - Each kept page's ETags are remembered apart from its bytes (small, many more of them): a feed
 *   reader or a proxy revalidating a page that left the byte cache gets its 304 without a render.
 * - A hit is answered at the server's front door, from the raw request, before Fastify's routing
 *   and hooks: the page keeps every header it was first sent with (the security headers too).
 *   Fastify still serves hits to injected requests (tests) through the onRequest hook.
 * - Answers carry a strong ETag and `public, max-age=60, stale-while-revalidate=300`, so a proxy
 *   or CDN in front can absorb peaks too; `If-None-Match` gets 304.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { LRUCache } from 'lru-cache';
import type { Deps } from '../platform/context.ts';
import type { FrontDoor } from '../platform/http.ts';
import { beijingDate } from '../platform/time.ts';
import { ELDER_COOKIE } from '../web/page.ts';
import { formFor, gzipForm, matchesEtag, PageCache, strongEtag, type CachedPage } from '../web/pageCache.ts';
import { findOrganisation, findOrganisationById, publicVersionOf, SESSION_COOKIE } from '../domains/org/index.ts';
import { findRecordByPublicId } from '../domains/record/index.ts';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';
// Kept pages differ by who is signed in (never cached then) and by compression.
const VARY = 'Cookie, Accept-Encoding';
// ETags of pages rendered, kept after their bytes left the cache, bounded by what they hold: a
// key carries the whole address, and anyone can send a long query string the page ignores.
const VALIDATOR_BYTES = 4 * 1024 * 1024;
interface Known {
  version: number;
  etags: string[];
}
const validatorSize = (value: Known, key: string) => key.length * 2 + value.etags.join('').length * 2 + 128;

/** Where the ETags of rendered pages are remembered, per cache key. */
export function validatorStore(): LRUCache<string, Known> {
  return new LRUCache<string, Known>({ maxSize: VALIDATOR_BYTES, sizeCalculation: validatorSize });
}

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

/** What the cache knows of a request: where it would be kept, and the page when it is current. */
interface Lookup {
  key: string;
  version: number;
  hit: CachedPage | null;
  /** The ETags this page was last sent with at this version, when its bytes are no longer kept. */
  etags: string[] | null;
  /** Set by the front door while others wait for this render: called once the page is kept. */
  kept?: () => void;
}

/** The parts of a request the cache looks at, from Fastify's request or from the raw one. */
interface Asked {
  url: string;
  host: string | undefined;
  cookie: string | undefined;
}

// Response headers that describe one connection or one answer, not the page.
const NOT_KEPT = new Set(['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'set-cookie', 'etag', 'cache-control', 'vary']);

/**
 * Registers the cache: its lookup as the server's front door (hits are answered from the raw
 * request, before Fastify's hooks run), and hooks that serve hits to injected requests and keep
 * what the routes render. After the session hook (it needs to know who is signed in).
 */
export function registerPublicCache(app: FastifyInstance, deps: Deps): PageCache | null {
  if (deps.config.pageCacheMb <= 0) return null;
  const cache = new PageCache(deps.config.pageCacheMb * 1024 * 1024);
  const validators = validatorStore();
  // Where organisations and records sit never changes, so it is remembered (bounded).
  const paths = new LRUCache<string, string>({ max: 50_000 });
  const memo = async (key: string, load: () => Promise<string | null>): Promise<string | null> => {
    const known = paths.get(key);
    if (known) return known;
    const path = await load();
    if (path) paths.set(key, path);
    return path;
  };
  const pending = new WeakMap<IncomingMessage, Lookup>();

  const orgPath = (code: string) => memo(`o:${code}`, async () => (await findOrganisation(deps, code))?.path ?? null);
  const recordPath = (publicId: string) =>
    memo(`r:${publicId}`, async () => {
      const record = await findRecordByPublicId(deps.db.orm, publicId);
      return record ? ((await findOrganisationById(deps, record.orgId))?.path ?? null) : null;
    });

  async function scopePath(route: CacheableRoute, match: RegExpExecArray, query: string): Promise<string | null> {
    if (route.scope === 'root') return '/';
    if (route.scope === 'org') return orgPath(match[1]!);
    if (route.scope === 'record') return recordPath(match[1]!);
    const orgs = new URLSearchParams(query).getAll('org');
    if (orgs.length === 0 || (orgs.length === 1 && orgs[0] === '')) return '/';
    return orgs.length === 1 && /^\d{1,20}$/.test(orgs[0]!) ? orgPath(orgs[0]!) : null;
  }

  /** null: never cached (signed in, or not a cacheable page). */
  async function lookup(asked: Asked): Promise<Lookup | null> {
    const cookies = asked.cookie ? app.parseCookie(asked.cookie) : {};
    if (cookies[SESSION_COOKIE]) return null;
    const [pathname, query = ''] = asked.url.split('?', 2) as [string, string?];
    const route = ROUTES.find((r) => r.pattern.test(pathname));
    if (!route) return null;
    const path = await scopePath(route, route.pattern.exec(pathname)!, query);
    if (!path) return null;
    const version = await publicVersionOf(deps, path);
    const now = deps.clock.now();
    const when = route.byMinute ? now.toISOString().slice(0, 16) : beijingDate(now);
    const key = [asked.host ?? '', cookies[ELDER_COOKIE] === '1' ? 'elder' : '', when, asked.url].join('\n');
    const found = cache.get(key);
    const hit = found && found.version === version ? found : null;
    const known = hit ? undefined : validators.get(key);
    return { key, version, hit, etags: known?.version === version ? known.etags : null };
  }

  app.addFrontDoor(frontDoor(lookup, pending));

  // Requests that did not come through the front door (app.inject in tests).
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' || request.user || pending.has(request.raw)) return;
    const found = await lookup({ url: request.url, host: request.headers.host, cookie: request.headers.cookie });
    if (!found) return;
    if (found.hit) return sendCached(request, reply, found.hit);
    const unchanged = notModified(found, request.headers['if-none-match']);
    if (unchanged) return reply.code(304).headers(unchanged).send();
    pending.set(request.raw, found);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const wanted = pending.get(request.raw);
    if (!wanted || request.user || reply.statusCode !== 200 || reply.hasHeader('set-cookie')) return payload;
    if (/private/.test(String(reply.getHeader('cache-control') ?? ''))) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    if (!body) return payload;
    const etag = strongEtag(body);
    reply.header('etag', etag).header('cache-control', PUBLIC_CACHE_CONTROL).header('vary', VARY);
    const plain = { body, etag, headers: pageHeaders(reply, body) };
    const gzip = gzipForm(plain);
    cache.set(wanted.key, { ...plain, version: wanted.version, gzip });
    validators.set(wanted.key, { version: wanted.version, etags: gzip ? [etag, gzip.etag] : [etag] });
    wanted.kept?.();
    if (!matchesEtag(request.headers['if-none-match'], etag)) return body;
    reply.code(304);
    return '';
  });
  return cache;
}

/**
 * Hits are answered from the raw request. Pages being rendered now are waited for: a shared link
 * brings many visitors at once, and a page (a sheet PDF above all) is rendered once for them all.
 */
function frontDoor(lookup: (asked: Asked) => Promise<Lookup | null>, pending: WeakMap<IncomingMessage, Lookup>): FrontDoor {
  const rendering = new Map<string, Promise<void>>();
  return async (req, res) => {
    const asked = { url: req.url ?? '/', host: req.headers.host, cookie: req.headers.cookie };
    let found = await lookup(asked);
    const underway = found && !found.hit ? rendering.get(found.key) : undefined;
    if (underway) {
      await underway;
      found = await lookup(asked);
    }
    if (!found) return false;
    const unchanged = found.hit ? null : notModified(found, req.headers['if-none-match']);
    if (unchanged) {
      res.writeHead(304, unchanged);
      res.end();
      return true;
    }
    if (!found.hit) {
      const key = found.key;
      if (!rendering.has(key)) {
        const settled = new Promise<void>((done) => {
          found!.kept = done;
          res.once('close', done); // not kept (an error page, a refusal): waiters render it themselves
        });
        rendering.set(key, settled.then(() => void rendering.delete(key)));
      }
      pending.set(req, found); // Fastify renders it; onSend keeps it
      return false;
    }
    const form = formFor(found.hit, req.headers['accept-encoding']);
    const fresh = !matchesEtag(req.headers['if-none-match'], form.etag);
    res.writeHead(fresh ? 200 : 304, form.headers);
    res.end(fresh ? form.body : undefined);
    return true;
  };
}

/** The headers of a 304 for a page not kept but known unchanged (its ETag named), else null. */
function notModified(found: Lookup, ifNoneMatch: string | undefined): Record<string, string> | null {
  const etag = found.etags?.find((tag) => matchesEtag(ifNoneMatch, tag));
  return etag ? { etag, 'cache-control': PUBLIC_CACHE_CONTROL, vary: VARY } : null;
}

/** Every header the page was sent with (security headers included), to replay on a hit. */
function pageHeaders(reply: FastifyReply, body: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined && !NOT_KEPT.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { ...headers, etag: String(reply.getHeader('etag')), 'cache-control': PUBLIC_CACHE_CONTROL, vary: VARY, 'content-length': String(body.length) };
}

function sendCached(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  const form = formFor(page, request.headers['accept-encoding']);
  reply.headers(form.headers);
  if (matchesEtag(request.headers['if-none-match'], form.etag)) return reply.code(304).send();
  return reply.code(200).send(form.body);
}
