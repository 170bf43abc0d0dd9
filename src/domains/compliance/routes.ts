import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import { findOrganisation } from '../org/orgTree.ts';
import type { OrgRow, SessionUser } from '../org/repository.ts';
import { requireStaff } from '../org/routes.ts';
import { communityDashboard } from './communityDashboard.ts';
import type { ObligationView } from './present.ts';
import { complianceNow } from './context.ts';
import { districtRollup } from './districtRollup.ts';
import { issueOrder } from './issueOrder.ts';
import { obligationDetail } from './obligationDetail.ts';
import { assertViewArea } from './policy.ts';
import { ensureCalendarCurrent } from './recomputeDueDates.ts';
import { registerEvent } from './registerEvent.ts';
import { orderRoutes } from './routes.orders.ts';
import { actorOf, codeParams, formError, idParams, periodQuery, type FormError } from './routeHelpers.ts';
import { streetMatrix } from './streetMatrix.ts';
import { syncUnder } from './syncObligations.ts';
import { waiveObligation } from './waiveObligation.ts';
import { CommunityPage } from './pages/CommunityPage.tsx';
import { MatrixPage } from './pages/MatrixPage.tsx';
import { ObligationPage } from './pages/ObligationPage.tsx';
import { RollupPage } from './pages/RollupPage.tsx';

/* Staff pages only: obligations are an internal view; residents see records on the portal. */

/** ?year=2026&month=10 → '2026-10'; ?year=2026 → '2026'; nothing → undefined (the page's default). */
function periodOf(q: z.output<typeof periodQuery>): string | undefined {
  if (!q.year) return undefined;
  return q.month ? `${q.year}-${q.month}` : q.year;
}

async function orgByCode(deps: Deps, params: unknown): Promise<OrgRow> {
  const org = await findOrganisation(deps, parseInput(codeParams, params).code);
  if (!org) throw new NotFoundError('没有找到这个组织。');
  return org;
}

const OK_MESSAGES: Record<string, string> = {
  registered: '已登记。应公开日期已按工作日历算出，见下方说明。',
  waived: '已批准免除。',
  ordered: '督办单已发出，社区工作人员会收到提醒。',
  refreshed: '已按最新的目录清单和工作日历重新计算。',
};

export function complianceRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/compliance', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const kind = user.orgKind === 'community' ? 'c' : user.orgKind === 'street' ? 's' : 'd';
      return reply.redirect(`/staff/compliance/${kind}/${user.orgCode}`, 303);
    });
    await app.register(communityRoutes(deps));
    await app.register(areaRoutes(deps));
    await app.register(obligationRoutes(deps));
    await app.register(orderRoutes(deps));
  };
}

/**
 * A record counts as fully disclosed only when every channel its item requires has evidence.
 * The channel domain is loaded lazily: it reads records, which call back into compliance.
 */
async function attachEvidence(deps: Deps, user: SessionUser, obligations: ObligationView[]): Promise<void> {
  const ids = [...new Set(obligations.map((o) => o.recordId).filter((id): id is string => !!id && /^\d+$/.test(id)))];
  if (ids.length === 0) return;
  const { evidenceForRecords } = await import('../channel/index.ts');
  const evidence = await evidenceForRecords(deps, user, ids);
  for (const ob of obligations) {
    const e = ob.recordId ? evidence.get(ob.recordId) : undefined;
    ob.evidence = e ? { covered: e.covered, required: e.channels.length, complete: e.complete } : null;
  }
}

function communityRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const render = async (request: FastifyRequest, reply: FastifyReply, user: SessionUser, org: OrgRow, error?: FormError) => {
      const q = parseInput(periodQuery, request.query);
      const view = await communityDashboard(deps, user, org, { period: periodOf(q), itemKey: q.item || undefined });
      await attachEvidence(deps, user, view.obligations);
      const ok = q.ok ? OK_MESSAGES[q.ok] : undefined;
      return sendPage(reply, h(CommunityPage, { ctx: pageCtx(request, reply), view, error: error?.message, ok }), error?.status ?? 200);
    };

    app.get('/staff/compliance/c/:code', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const org = await orgByCode(deps, request.params);
      if (org.kind !== 'community') return reply.redirect(`/staff/compliance/${org.kind === 'street' ? 's' : 'd'}/${org.code}`, 303);
      return render(request, reply, user, org);
    });

    app.post('/staff/compliance/c/:code/events', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const org = await orgByCode(deps, request.params);
      let id = 0;
      const error = await formError(async () => (id = (await registerEvent(deps, actorOf(request, user), org, request.body)).id));
      if (error) return render(request, reply, user, org, error);
      return reply.redirect(`/staff/compliance/o/${id}?ok=registered`, 303);
    });
  };
}

function areaRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const load = async (request: FastifyRequest, reply: FastifyReply) => {
      const user = requireStaff(request, reply);
      if (!user) return null;
      const org = await orgByCode(deps, request.params);
      const q = parseInput(periodQuery, request.query);
      const period = periodOf(q) ?? (await complianceNow(deps)).today.slice(0, 4);
      return { user, org, q, period };
    };

    app.get('/staff/compliance/s/:code', async (request, reply) => {
      const ctx = await load(request, reply);
      if (!ctx) return reply;
      if (ctx.org.kind !== 'street') return reply.redirect(`/staff/compliance/${ctx.org.kind === 'district' ? 'd' : 'c'}/${ctx.org.code}`, 303);
      const view = await streetMatrix(deps, ctx.user, ctx.org, ctx.period);
      return sendPage(reply, h(MatrixPage, { ctx: pageCtx(request, reply), view, ok: ctx.q.ok ? OK_MESSAGES[ctx.q.ok] : undefined }));
    });

    app.get('/staff/compliance/s/:code/matrix.xlsx', async (request, reply) => {
      const ctx = await load(request, reply);
      if (!ctx) return reply;
      const view = await streetMatrix(deps, ctx.user, ctx.org, ctx.period);
      const { exportMatrixXlsx } = await import('./exportMatrix.ts'); // exceljs loads only when someone exports
      const bytes = await exportMatrixXlsx(view, deps.clock.now());
      const name = `${ctx.org.name}公开情况矩阵-${view.period}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="matrix-${ctx.org.code}-${view.period}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'no-store')
        .send(bytes);
    });

    app.post('/staff/compliance/s/:code/refresh', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const org = await orgByCode(deps, request.params);
      assertViewArea(user, org);
      await ensureCalendarCurrent(deps, actorOf(request, user));
      await syncUnder(deps, org.path);
      return reply.redirect(`/staff/compliance/s/${org.code}?ok=refreshed`, 303);
    });

    app.get('/staff/compliance/d/:code', async (request, reply) => {
      const ctx = await load(request, reply);
      if (!ctx) return reply;
      if (ctx.org.kind !== 'district') return reply.redirect(`/staff/compliance/${ctx.org.kind === 'street' ? 's' : 'c'}/${ctx.org.code}`, 303);
      const view = await districtRollup(deps, ctx.user, ctx.org, ctx.period.slice(0, 4));
      return sendPage(reply, h(RollupPage, { ctx: pageCtx(request, reply), view }));
    });
  };
}

function obligationRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const render = async (request: FastifyRequest, reply: FastifyReply, user: SessionUser, id: number, error?: FormError) => {
      const d = await obligationDetail(deps, user, id);
      const ok = parseInput(periodQuery, request.query).ok;
      return sendPage(reply, h(ObligationPage, { ctx: pageCtx(request, reply), d, error: error?.message, ok: ok ? OK_MESSAGES[ok] : undefined }), error?.status ?? 200);
    };

    app.get('/staff/compliance/o/:id', async (request, reply) => {
      const user = requireStaff(request, reply);
      return user ? render(request, reply, user, parseInput(idParams, request.params).id) : reply;
    });

    for (const [action, run, ok] of [
      ['waive', waiveObligation, 'waived'],
      ['orders', issueOrder, 'ordered'],
    ] as const) {
      app.post(`/staff/compliance/o/:id/${action}`, async (request, reply) => {
        const user = requireStaff(request, reply);
        if (!user) return reply;
        const { id } = parseInput(idParams, request.params);
        const error = await formError(() => run(deps, actorOf(request, user), id, request.body));
        if (error) return render(request, reply, user, id, error);
        return reply.redirect(`/staff/compliance/o/${id}?ok=${ok}`, 303);
      });
    }
  };
}
