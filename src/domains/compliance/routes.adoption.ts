import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { Deps } from '../../platform/context.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import { actorOf, formProblem, queryOf, staffOf, staffOnly } from '../../web/routeKit.ts';
import { findOrganisation } from '../org/index.ts';
import { adoptDistrictCatalog, adoptionPreview, catalogFollowers, requestAdoption } from './adoption.ts';
import { noticeOf, okQuery, orgOfRoute } from './routeHelpers.ts';
import { AdoptionPreviewPage, FollowersPage } from './pages/AdoptionPage.tsx';

const staff = { preHandler: staffOnly() };
const OK = { adopted: '已改用上级目录清单，公开义务已按新目录更新。', requested: '申请已发送给区县管理员。' } as const;

/** Who follows which catalog, the adoption preview, the move and the community's request. */
export function adoptionRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/compliance/adoption', staff, async (request, reply) => {
      const user = staffOf(request);
      if (user.orgKind === 'community') return reply.redirect(`/staff/compliance/adoption/${user.orgCode}`, 303);
      const area = await findOrganisation(deps, user.orgCode);
      const followers = await catalogFollowers(deps, user, area!);
      return sendPage(reply, h(FollowersPage, { ctx: pageCtx(request, reply), area: area!, followers, ok: noticeOf(OK, queryOf(request, okQuery).ok) }));
    });

    const preview = async (request: FastifyRequest, reply: Parameters<typeof sendPage>[0], error?: { message: string; status: number }) => {
      const user = staffOf(request);
      const community = await orgOfRoute(deps, request);
      const own = user.role === 'editor' && user.orgId === community.id;
      // The community's own editor sees the preview as the district would: read-only, with the request button.
      const view = await adoptionPreview(deps, own ? { ...user, role: 'district_admin', orgPath: community.path } : user, community);
      const page = h(AdoptionPreviewPage, { ctx: pageCtx(request, reply), community, preview: view, canAdopt: user.role === 'district_admin', canRequest: own, ok: noticeOf(OK, queryOf(request, okQuery).ok), error: error?.message });
      return sendPage(reply, page, error?.status ?? 200);
    };

    app.get('/staff/compliance/adoption/:code', staff, async (request, reply) => preview(request, reply));

    app.post('/staff/compliance/adoption/:code', staff, async (request, reply) => {
      const community = await orgOfRoute(deps, request);
      const error = await formProblem(() => adoptDistrictCatalog(deps, actorOf(request), community));
      if (error) return preview(request, reply, error);
      return reply.redirect(`/staff/compliance/adoption?ok=adopted`, 303);
    });

    app.post('/staff/compliance/adoption/:code/request', staff, async (request, reply) => {
      const community = await orgOfRoute(deps, request);
      const error = await formProblem(() => requestAdoption(deps, actorOf(request), community));
      if (error) return preview(request, reply, error);
      return reply.redirect(`/staff/compliance/adoption/${community.code}?ok=requested`, 303);
    });
  };
}
