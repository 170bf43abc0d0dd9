import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { AppError, NotFoundError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { sendDownload } from '../../../web/download.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { bodyOf, orgCode, queryOf } from '../../../web/routeKit.ts';
import { findOrganisation, SESSION_COOKIE } from '../../org/index.ts';
import { registerResident } from '../invitations.ts';
import { publicAttachment, recordPage } from '../readRecords.ts';
import { SEARCH_MAX_PAGE, searchRecords } from '../search.ts';
import { RecordPage, RestrictedPage } from '../pages/RecordPage.tsx';
import { RegisterPage } from '../pages/ResidentPages.tsx';
import { SearchPage } from '../pages/SearchPage.tsx';

const publicId = z.string().regex(/^[a-z0-9]{8}$/, { error: '记录地址无效' });
const recordParams = z.object({ id: publicId, n: z.coerce.number().int().positive().max(10_000).optional(), aid: z.coerce.number().int().positive().optional() });
const searchQuery = z.object({
  q: z.string().max(100, { error: '搜索词太长' }).default(''),
  org: z.union([z.literal(''), orgCode]).optional(),
  page: z.coerce.number({ error: '页码无效' }).int({ error: '页码无效' }).min(1, { error: '页码无效' }).max(SEARCH_MAX_PAGE, { error: `最多显示到第 ${SEARCH_MAX_PAGE} 页，请换个更具体的词` }).default(1),
});
/** What the registration form shows again after a refusal (registerResident validates the whole form). */
const registerEcho = z.object({
  code: z.string().optional().catch(undefined),
  username: z.string().optional().catch(undefined),
  displayName: z.string().optional().catch(undefined),
});

/** The portal's record pages, search and resident registration; nothing here shows a draft. */
export function publicRecordRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const showRecord = async (request: FastifyRequest, reply: FastifyReply) => {
      const { id, n } = parseInput(recordParams, request.params);
      const data = await recordPage(deps, id, request.user, n);
      if (data.kind === 'restricted') return sendPage(reply, h(RestrictedPage, { ctx: pageCtx(request, reply), orgName: data.org.name, loggedIn: !!request.user }), 403);
      const trail = data.lineage.map((o) => ({ code: o.code, name: o.name }));
      const itemHref = `/o/${data.org.code}/items/${data.view.itemId}`;
      return sendPage(reply, h(RecordPage, { ctx: pageCtx(request, reply), view: data.view, current: data.current, trail, itemHref, now: deps.clock.now(), publicUrl: deps.config.publicUrl }));
    };
    app.get('/r/:id', showRecord);
    app.get('/r/:id/v/:n', showRecord);

    app.get('/r/:id/v/:n/files/:aid', async (request, reply) => {
      const { id, n, aid } = parseInput(recordParams, request.params);
      return sendDownload(reply, await publicAttachment(deps, id, n ?? 0, aid ?? 0, request.user), 'private, max-age=300');
    });

    app.get('/search', async (request, reply) => {
      const { q, org: code, page } = queryOf(request, searchQuery);
      const org = code ? await findOrganisation(deps, code) : null;
      if (code && !org) throw new NotFoundError('没有找到这个组织。');
      const scope = org ?? { code: '', name: '全部地区', path: '/' };
      const result = q.trim() ? await searchRecords(deps, scope, q, request.user, page) : { terms: [], records: [], page: 1, hasMore: false };
      return sendPage(reply, h(SearchPage, { ctx: pageCtx(request, reply), org: scope, q, ...result, now: deps.clock.now() }));
    });

    app.get('/register', async (request, reply) => sendPage(reply, h(RegisterPage, { ctx: pageCtx(request, reply) })));

    app.post('/register', { config: { rateLimit: { max: deps.config.loginRateLimitPerMinute, timeWindow: '1 minute' } } }, async (request, reply) => {
      try {
        const { token } = await registerResident(deps, request.body ?? {}, request.ip);
        reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.cookieSecure });
        return reply.redirect('/my?welcome=1', 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
        return sendPage(reply, h(RegisterPage, { ctx: pageCtx(request, reply), error: err.message, values: bodyOf(request, registerEcho) }), 400);
      }
    });
  };
}
