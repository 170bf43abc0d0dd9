/*
 * The portal pages that show several domains at once: the front door, an organisation's page
 * (its tree, catalog and latest records) and a catalog item with its records.
 */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import { codeParam, orgCode } from '../../web/routeKit.ts';
import { buildTree, findOrganisation, findOrganisationWithLineage, listOrgTree } from '../../domains/org/index.ts';
import { audienceOf, effectiveCatalogFor, groupItems, ItemPage } from '../../domains/catalog/index.ts';
import { ItemRecords, itemSummaries, recentSummaries } from '../../domains/record/index.ts';
import { HomePage, OrgPage } from './HomePages.tsx';
import { myRoutes } from './myRoutes.ts';

const itemParams = z.object({ code: orgCode, itemId: z.coerce.number({ error: '编号无效' }).int({ error: '编号无效' }).positive({ error: '编号无效' }) });

export function portalRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    await app.register(myRoutes(deps));
    app.get('/', async (request, reply) =>
      sendPage(reply, h(HomePage, { ctx: pageCtx(request, reply), tree: await listOrgTree(deps), recent: await recentSummaries(deps, { under: '/' }, request.user, 8), now: deps.clock.now() })),
    );

    app.get('/o/:code', async (request, reply) => {
      const code = codeParam(request);
      const found = await findOrganisationWithLineage(deps, code);
      if (!found) throw new NotFoundError('没有找到这个组织。');
      const { org } = found;
      const trail = found.lineage.filter((r) => r.code !== code).map((r) => ({ code: r.code, name: r.name }));
      const [node] = org.kind === 'community' ? buildTree([org]) : await listOrgTree(deps, org.path); // a community has nothing below
      const effective = org.kind === 'community' ? await effectiveCatalogFor(deps, org) : null;
      const catalog = effective ? { title: effective.catalog.title, version: effective.catalog.version, groups: groupItems(effective.items) } : null;
      const recent = await recentSummaries(deps, { org }, request.user, 10);
      sendPage(reply, h(OrgPage, { ctx: pageCtx(request, reply), org: node!, trail, children: node!.children, catalog, recent, now: deps.clock.now() }));
    });

    // One item with every field, and an honest empty state until records exist.
    app.get('/o/:code/items/:itemId', async (request, reply) => {
      const { code, itemId } = parseInput(itemParams, request.params);
      const org = await findOrganisation(deps, code);
      const effective = org ? await effectiveCatalogFor(deps, org) : null;
      const item = effective?.items.find((i) => i.id === itemId);
      if (!org || !effective || !item) throw new NotFoundError('没有找到这个公开事项。');
      const ctx = pageCtx(request, reply);
      const records = await itemSummaries(deps, org, item.itemKey, request.user);
      const section = h(ItemRecords, { ctx, orgId: org.id, itemId: item.id, records, residentsOnly: audienceOf(item) === 'residents', now: deps.clock.now() });
      return sendPage(reply, h(ItemPage, { ctx, org, item, catalogTitle: effective.catalog.title, children: section }));
    });
  };
}
