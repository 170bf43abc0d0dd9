import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { ForbiddenError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { findOrganisationById, listOrgsFlat } from '../../org/orgTree.ts';
import { isAdmin } from '../../org/policy.ts';
import type { SessionUser } from '../../org/repository.ts';
import { requireStaff } from '../../org/routes.ts';
import { actorFor } from '../access.ts';
import { invitationFor, rotateInvitation } from '../invitations.ts';
import { itemSettingsFor, savePersonalListFlags } from '../itemSettings.ts';
import { reviewSettingsOf, setReviewRequired } from '../reviewSettings.ts';
import { ItemSettingsPage, ReviewSettingsPage } from '../pages/SettingsPages.tsx';
import { InvitationPage } from '../pages/ResidentPages.tsx';

const orgCode = z.string().regex(/^\d{6,12}$/, { error: '组织代码格式不正确' });
const reviewForm = z.object({ orgCode, required: z.enum(['0', '1'], { error: '设置无效' }) });
const orgQuery = z.object({ org: orgCode.optional(), saved: z.string().optional() });

async function communitiesOf(deps: Deps, user: SessionUser) {
  return (await listOrgsFlat(deps, user.orgPath)).filter((o) => o.kind === 'community');
}

function requireAdmin(request: FastifyRequest, reply: FastifyReply): SessionUser | null {
  const user = requireStaff(request, reply);
  if (user && !isAdmin(user.role)) throw new ForbiddenError('此页面仅限街道和区县管理员使用。');
  return user;
}

/** Review on/off (district admin), personal-list flags (admins), invitation codes (community staff). */
export function recordSettingsRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/review-settings', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      if (user.role !== 'district_admin') throw new ForbiddenError('只有区县管理员可以设置审核。');
      const communities = await communitiesOf(deps, user);
      const settings = await reviewSettingsOf(deps, communities.map((c) => c.id));
      return sendPage(reply, h(ReviewSettingsPage, { ctx: pageCtx(request, reply), communities, settings, saved: parseInput(orgQuery, request.query).saved === '1' }));
    });

    app.post('/staff/review-settings', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      const input = parseInput(reviewForm, request.body);
      await setReviewRequired(deps, actorFor(user, request.ip), input.orgCode, input.required === '1');
      return reply.redirect('/staff/review-settings?saved=1', 303);
    });

    app.get('/staff/record-items', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      const q = parseInput(orgQuery, request.query);
      const communities = await communitiesOf(deps, user);
      const code = q.org ?? communities[0]?.code;
      const view = code ? await itemSettingsFor(deps, actorFor(user, request.ip), code) : null;
      return sendPage(reply, h(ItemSettingsPage, { ctx: pageCtx(request, reply), view, communities, saved: q.saved === '1' }));
    });

    app.post('/staff/record-items', async (request, reply) => {
      const user = requireAdmin(request, reply);
      if (!user) return reply;
      const q = parseInput(orgQuery.required({ org: true }), request.query);
      await savePersonalListFlags(deps, actorFor(user, request.ip), q.org, (request.body ?? {}) as Record<string, unknown>);
      return reply.redirect(`/staff/record-items?org=${q.org}&saved=1`, 303);
    });

    app.get('/staff/residents', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const org = await findOrganisationById(deps, user.orgId);
      if (!org || org.kind !== 'community') throw new ForbiddenError('邀请码由社区（村）工作人员管理。');
      const code = await invitationFor(deps, actorFor(user, request.ip), org);
      return sendPage(reply, h(InvitationPage, { ctx: pageCtx(request, reply), orgName: org.name, code }));
    });

    app.post('/staff/residents/rotate', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const org = await findOrganisationById(deps, user.orgId);
      if (!org || org.kind !== 'community') throw new ForbiddenError('邀请码由社区（村）工作人员管理。');
      await rotateInvitation(deps, actorFor(user, request.ip), org);
      return reply.redirect('/staff/residents', 303);
    });
  };
}
