import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../platform/context.ts';
import { NotFoundError } from '../platform/errors.ts';
import { parseInput } from '../platform/validate.ts';
import { buildTree, findOrganisation, lineageOf, listOrgTree, listOrgsFlat } from '../domains/org/orgTree.ts';
import { effectiveCatalogFor } from '../domains/catalog/effectiveCatalog.ts';
import { groupItems } from '../domains/catalog/present.ts';
import { recentRecords } from '../domains/record/readRecords.ts';
import { ELDER_COOKIE, pageCtx, safeLocalPath, sendPage } from './page.ts';
import { HomePage, OrgPage } from './pages/home.tsx';

const codeParam = z.object({ code: z.string().regex(/^\d{6,12}$/, { error: '组织代码格式不正确' }) });

/** Public portal pages and visitor preferences. */
export function webRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/', async (request, reply) =>
      sendPage(reply, h(HomePage, { ctx: pageCtx(request, reply), tree: await listOrgTree(deps), recent: await recentRecords(deps, { path: '/' }, request.user, 8), now: deps.clock.now() })),
    );

    app.get('/o/:code', async (request, reply) => {
      const { code } = parseInput(codeParam, request.params);
      const org = await findOrganisation(deps, code);
      if (!org) throw new NotFoundError('没有找到这个组织。');
      const trail = (await lineageOf(deps, org)).filter((r) => r.code !== code).map((r) => ({ code: r.code, name: r.name }));
      const [node] = buildTree(await listOrgsFlat(deps, org.path));
      const effective = org.kind === 'community' ? await effectiveCatalogFor(deps, org) : null;
      const catalog = effective ? { title: effective.catalog.title, version: effective.catalog.version, groups: groupItems(effective.items) } : null;
      const recent = await recentRecords(deps, org, request.user, 10);
      sendPage(reply, h(OrgPage, { ctx: pageCtx(request, reply), org: node!, trail, children: node!.children, catalog, recent, now: deps.clock.now() }));
    });

    // The elderly-friendly mode persists for a year in a cookie; works without JavaScript.
    app.post('/prefs/elder', async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, string>;
      reply.setCookie(ELDER_COOKIE, body.on === '1' ? '1' : '0', { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: false });
      reply.redirect(safeLocalPath(body.back), 303);
    });

    app.get('/healthz', async () => ({ ok: true }));
  };
}
