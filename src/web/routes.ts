import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ELDER_COOKIE, safeLocalPath } from './page.ts';

// Browsers ask for /favicon.ico on every page whatever the page links; a PNG served there is
// read by all of them (the pages link the SVG for sharp tabs).
const FAVICON = readFileSync(new URL('./static/favicon.png', import.meta.url));

/** Visitor preferences and the health check: routes that belong to no domain. */
export function webRoutes() {
  return async (app: FastifyInstance) => {
    // The elderly-friendly mode persists for a year in a cookie; works without JavaScript.
    // The toggle is a GET form (no CSRF token on public pages); a posted form still works.
    const setElder = (form: Record<string, unknown>, reply: FastifyReply) => {
      reply.setCookie(ELDER_COOKIE, form.on === '1' ? '1' : '0', { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: false });
      reply.header('cache-control', 'no-store').redirect(safeLocalPath(form.back), 303);
    };
    app.get('/prefs/elder', async (request, reply) => setElder((request.query ?? {}) as Record<string, unknown>, reply));
    app.post('/prefs/elder', async (request, reply) => setElder((request.body ?? {}) as Record<string, unknown>, reply));

    app.get('/healthz', async () => ({ ok: true }));

    app.get('/favicon.ico', async (_request, reply) => reply.type('image/png').header('cache-control', 'public, max-age=604800').send(FAVICON));
  };
}
