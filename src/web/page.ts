import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { SessionUser } from '../platform/principal.ts';
import { todoTotal } from './todos.ts';

/** What the layout needs to know about the current request. */
export interface PageCtx {
  user: SessionUser | null;
  elder: boolean;
  csrf: string;
  path: string;
  /** The signed-in staff member's open to-dos, when the page computed them (shown beside 工作台). */
  todoCount?: number | null;
}

export const ELDER_COOKIE = 'gk_elder';

/**
 * The CSRF token (and its cookie) is made only when a page has a form that needs it: a public page
 * without forms sets no cookie, so it is the same for every visitor and can be cached.
 */
export function pageCtx(request: FastifyRequest, reply: FastifyReply): PageCtx {
  let csrf: string | null = null;
  return {
    user: request.user,
    elder: request.cookies[ELDER_COOKIE] === '1',
    get csrf() {
      return (csrf ??= reply.generateCsrf());
    },
    path: request.url,
    todoCount: todoTotal(request.todos),
  };
}

/**
 * Renders a server-side Preact tree as a full HTML document; Preact escapes all text. Sent as
 * bytes: a string page (a rope of thousands of pieces) was measured once for Content-Length and
 * encoded again by the socket's write, ~30 % of a 79 KB dashboard's CPU over real sockets. Parts
 * kept as bytes (`renderedOnce`) are joined in as they are, never copied into the page's string.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any page component's props
export function sendPage(reply: FastifyReply, vnode: VNode<any>, status = 200): FastifyReply {
  const placed: Buffer[] = [];
  placing = placed;
  let html: string;
  try {
    html = '<!doctype html>' + renderToString(vnode);
  } finally {
    placing = null;
  }
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(placed.length === 0 ? Buffer.from(html) : joinParts(html, placed));
}

// Per kept object (a dashboard view kept in memory: compliance/dashboardCache.ts), its parts’
// bytes, so a large table is rendered and encoded once while its view lives, not per request.
const renderedParts = new WeakMap<object, Map<string, Buffer>>();
// Where a kept part goes in the page sendPage is rendering (rendering is synchronous, so one
// list serves the process). The mark carries a random nonce: no text can forge it, and Preact
// escapes `<` in all text anyway.
const PART_MARK = `<!--gk-part-${randomUUID()}-->`;
let placing: Buffer[] | null = null;

/**
 * The HTML of `render()`, made once per `owner` object and `part` name and reused while the owner
 * lives. Only for parts that depend on nothing but the owner and the part's name (no CSRF token,
 * no signed-in person, no display mode); placed with `dangerouslySetInnerHTML`, which is safe
 * because Preact escaped all text when it rendered the part. Inside sendPage it returns a mark
 * that sendPage replaces with the part's bytes.
 */
export function renderedOnce(owner: object, part: string, render: () => VNode): string {
  let parts = renderedParts.get(owner);
  if (!parts) renderedParts.set(owner, (parts = new Map()));
  let bytes = parts.get(part);
  if (bytes === undefined) parts.set(part, (bytes = Buffer.from(renderToString(render()))));
  if (!placing) return bytes.toString();
  placing.push(bytes);
  return PART_MARK;
}

/** The page's bytes with each mark replaced by its kept part, in order. */
function joinParts(html: string, parts: Buffer[]): Buffer {
  const pieces = html.split(PART_MARK);
  if (pieces.length !== parts.length + 1) throw new Error(`页面片段数量不符：${pieces.length - 1} 个位置，${parts.length} 个片段`);
  return Buffer.concat(pieces.flatMap((piece, i) => (i < parts.length ? [Buffer.from(piece), parts[i]!] : [Buffer.from(piece)])));
}

const LOCAL_ORIGIN = 'http://local.invalid';
// Browsers drop tabs and newlines inside URLs and read a backslash as a slash, so `/\t/evil` and
// `/\\evil` both become `//evil`; any such character is refused outright, and in the path also its
// encoded form (a proxy or a later redirect may decode it). A query may carry encoded text.
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const SUSPICIOUS = /[\u0000-\u0020\u007F-\u00A0\u1680\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF\\]/;
const SUSPICIOUS_IN_PATH = /%(0[\dA-F]|1[\dA-F]|20|2F|5C|7F|25)/i;

/**
 * Only same-site paths are followed after a form post (login `next`, preferences `back`), so no
 * open redirect: the value must be a path, contain nothing a browser would strip or reinterpret,
 * and still resolve to our own origin.
 */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 500 || !value.startsWith('/') || value.startsWith('//')) return fallback;
  if (SUSPICIOUS.test(value) || SUSPICIOUS_IN_PATH.test(value.split(/[?#]/, 1)[0]!)) return fallback;
  let url: URL;
  try {
    url = new URL(value, LOCAL_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== LOCAL_ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('//') ? fallback : path;
}
