import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { ADMIN_ROLES, actorOf, bodyOf, orgCode, queryOf, staffOf, staffOnly } from '../../../web/routeKit.ts';
import { listOrgsFlat, type SessionUser } from '../../org/index.ts';
import { invitationFor, ownCommunity, rotateInvitation } from '../invitations.ts';
import { itemSettingsFor, savePersonalListFlags } from '../itemSettings.ts';
import { assertDistrictAdmin } from '../policy.ts';
import { reviewSettingsOf, setReviewRequired } from '../reviewSettings.ts';
import { ItemSettingsPage, ReviewSettingsPage } from '../pages/SettingsPages.tsx';
import { InvitationPage } from '../pages/ResidentPages.tsx';
import { formFields, staff } from './staffRoutes.ts';

const adminsOnly = { preHandler: staffOnly(ADMIN_ROLES, '此页面仅限街道和区县管理员使用。') };

const reviewForm = z.object({ orgCode, required: z.enum(['0', '1'], { error: '设置无效' }) });
const orgQuery = z.object({ org: orgCode.optional(), saved: z.string().optional() });

async function communitiesOf(deps: Deps, user: SessionUser) {
  return (await listOrgsFlat(deps, user.orgPath)).filter((o) => o.kind === 'community');
}

/** Review on/off (district admin), personal-list flags (admins), invitation codes (community staff). */
export function recordSettingsRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/review-settings', adminsOnly, async (request, reply) => {
      const user = staffOf(request);
      assertDistrictAdmin(user);
      const communities = await communitiesOf(deps, user);
      const settings = await reviewSettingsOf(deps, communities.map((c) => c.id));
      return sendPage(reply, h(ReviewSettingsPage, { ctx: pageCtx(request, reply), communities, settings, saved: queryOf(request, orgQuery).saved === '1' }));
    });

    app.post('/staff/review-settings', adminsOnly, async (request, reply) => {
      const input = bodyOf(request, reviewForm);
      await setReviewRequired(deps, actorOf(request), input.orgCode, input.required === '1');
      return reply.redirect('/staff/review-settings?saved=1', 303);
    });

    app.get('/staff/record-items', adminsOnly, async (request, reply) => {
      const q = queryOf(request, orgQuery);
      const communities = await communitiesOf(deps, staffOf(request));
      const code = q.org ?? communities[0]?.code;
      const view = code ? await itemSettingsFor(deps, actorOf(request), code) : null;
      return sendPage(reply, h(ItemSettingsPage, { ctx: pageCtx(request, reply), view, communities, saved: q.saved === '1' }));
    });

    app.post('/staff/record-items', adminsOnly, async (request, reply) => {
      const q = queryOf(request, orgQuery.required({ org: true }));
      await savePersonalListFlags(deps, actorOf(request), q.org, bodyOf(request, formFields));
      return reply.redirect(`/staff/record-items?org=${q.org}&saved=1`, 303);
    });

    app.get('/staff/residents', staff, async (request, reply) => {
      const org = await ownCommunity(deps, staffOf(request));
      const code = await invitationFor(deps, actorOf(request), org);
      return sendPage(reply, h(InvitationPage, { ctx: pageCtx(request, reply), orgName: org.name, code }));
    });

    app.post('/staff/residents/rotate', staff, async (request, reply) => {
      const org = await ownCommunity(deps, staffOf(request));
      await rotateInvitation(deps, actorOf(request), org);
      return reply.redirect('/staff/residents', 303);
    });
  };
}
