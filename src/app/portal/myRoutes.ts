/*
 * 我的: a signed-in resident's own page, composed from four domains (their account, their
 * 特定群体 records, their requests and their subscriptions). Never cached: it is not among the
 * public cache's routes, carries a session, and sendPage answers `no-store`.
 */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import { queryOf, residentOf, residentOnly } from '../../web/routeKit.ts';
import { residentRecords } from '../../domains/record/index.ts';
import { subscriptionsOfResident } from '../../domains/channel/index.ts';
import { casesOfResident } from '../../domains/request/index.ts';
import { MyPage } from './MyPage.tsx';

const myQuery = z.object({ welcome: z.string().optional().catch(undefined) });

export function myRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/my', { preHandler: residentOnly() }, async (request, reply) => {
      const user = residentOf(request);
      const [records, cases, subscriptions] = await Promise.all([residentRecords(deps, user), casesOfResident(deps, user), subscriptionsOfResident(deps, user)]);
      const props = { ctx: pageCtx(request, reply), org: { code: user.orgCode, name: user.orgName }, records, cases, subscriptions, welcome: queryOf(request, myQuery).welcome === '1' };
      return sendPage(reply, h(MyPage, props));
    });
  };
}
