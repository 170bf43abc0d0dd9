import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { SessionUser } from '../platform/principal.ts';

/** What the layout needs to know about the current request. */
export interface PageCtx {
  user: SessionUser | null;
  elder: boolean;
  csrf: string;
  path: string;
}

export const ELDER_COOKIE = 'gk_elder';

export function pageCtx(request: FastifyRequest, reply: FastifyReply): PageCtx {
  return {
    user: request.user,
    elder: request.cookies[ELDER_COOKIE] === '1',
    csrf: reply.generateCsrf(),
    path: request.url,
  };
}

/** Renders a server-side Preact tree as a full HTML document; Preact escapes all text. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any page component's props
export function sendPage(reply: FastifyReply, vnode: VNode<any>, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send('<!doctype html>' + renderToString(vnode));
}


/** Only same-site paths are followed after a form post, so no open redirect. */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value.slice(0, 500);
}
