/** The staff entrance to a community's channels: admins pick a community, staff see its counts. */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { Deps } from '../../../platform/context.ts';
import { beijingDate } from '../../../platform/time.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { staffOf, staffOnly } from '../../../web/routeKit.ts';
import { isAdmin, listOrgsFlat, type OrgRow } from '../../org/index.ts';
import { orgOf, staffCommunity } from '../edge.ts';
import * as repo from '../repository.ts';
import { ChannelHub, CommunityPicker } from './ChannelHub.tsx';

async function channelCounts(deps: Deps, org: OrgRow) {
  return {
    screens: (await repo.listScreens(deps.db.orm, org.id)).filter((s) => !s.revokedAt).length,
    webhooks: (await repo.listWebhooks(deps.db.orm, org.id)).filter((w) => w.enabled).length,
    subscribers: (await repo.listSubscriptions(deps.db.orm, org.id, 'active')).length,
  };
}

export function hubRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/channel', { preHandler: staffOnly() }, async (request, reply) => {
      const user = staffOf(request);
      if (isAdmin(user.role) && !orgOf(request)) {
        const communities = (await listOrgsFlat(deps, user.orgPath)).filter((o) => o.kind === 'community');
        return sendPage(reply, h(CommunityPicker, { ctx: pageCtx(request, reply), communities }));
      }
      const { org } = await staffCommunity(deps, request);
      const month = beijingDate(deps.clock.now()).slice(0, 7);
      return sendPage(reply, h(ChannelHub, { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, month, counts: await channelCounts(deps, org), links: deps.config }));
    });
  };
}
