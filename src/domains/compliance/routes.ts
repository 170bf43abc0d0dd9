import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { viewDeps, type Deps } from '../../platform/context.ts';
import { beijingDate } from '../../platform/time.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import { actorOf, formProblem, idParam, queryOf, staffOf, staffOnly } from '../../web/routeKit.ts';
import type { OrgRow, SessionUser } from '../org/index.ts';
import { communityDashboard } from './communityDashboard.ts';
import type { ObligationView } from './present.ts';
import { districtRollup } from './districtRollup.ts';
import { issueOrder } from './issueOrder.ts';
import { obligationDetail } from './obligationDetail.ts';
import { assertViewArea } from './policy.ts';
import { ensureCalendarCurrent } from './recomputeDueDates.ts';
import { registerEvent } from './registerEvent.ts';
import { orderRoutes } from './routes.orders.ts';
import { adoptionRoutes } from './routes.adoption.ts';
import { noticeOf, orgOfRoute, periodOf, periodQuery, type FormProblem } from './routeHelpers.ts';
import { streetMatrix } from './streetMatrix.ts';
import { syncUnder } from './syncObligations.ts';
import { waiveObligation } from './waiveObligation.ts';
import { CommunityPage } from './pages/CommunityPage.tsx';
import { MatrixPage } from './pages/MatrixPage.tsx';
import { ObligationPage } from './pages/ObligationPage.tsx';
import { RollupPage } from './pages/RollupPage.tsx';

/* Staff pages only: obligations are an internal view; residents see records on the portal. Who
   may see which organisation is the use cases' rule (policy.ts), so any staff role passes here. */
const staff = { preHandler: staffOnly() };

const OK_MESSAGES: Record<string, string> = {
  registered: '已登记。应公开日期已按工作日历算出，见下方说明。',
  waived: '已批准免除。',
  ordered: '督办单已发出，社区工作人员会收到提醒。',
  refreshed: '已按最新的目录清单和工作日历重新计算。',
};

/** Where the dashboard of an organisation of this kind lives. */
const dashboardOf = (org: Pick<OrgRow, 'kind' | 'code'>) => `/staff/compliance/${org.kind === 'community' ? 'c' : org.kind === 'street' ? 's' : 'd'}/${org.code}`;

export function complianceRoutes(deps: Deps, ports: CompliancePorts) {
  return async (app: FastifyInstance) => {
    app.get('/staff/compliance', staff, async (request, reply) => {
      const user = staffOf(request);
      return reply.redirect(dashboardOf({ kind: user.orgKind, code: user.orgCode }), 303);
    });
    await app.register(communityRoutes(deps, ports));
    await app.register(areaRoutes(deps));
    await app.register(obligationRoutes(deps));
    await app.register(orderRoutes(deps));
    await app.register(adoptionRoutes(deps));
  };
}

/** What compliance pages need from later domains; the app plugs them in. */
export interface CompliancePorts {
  /** Per record id: how many of the channels its item requires have proof of posting. */
  evidenceForRecords(deps: Deps, viewer: SessionUser, ids: string[]): Promise<Map<string, { covered: number; channels: unknown[]; complete: boolean }>>;
}

/** A record counts as fully disclosed only when every channel its item requires has evidence. */
async function attachEvidence(deps: Deps, ports: CompliancePorts, user: SessionUser, obligations: ObligationView[]): Promise<void> {
  const ids = [...new Set(obligations.map((o) => o.recordId).filter((id): id is string => !!id && /^\d+$/.test(id)))];
  if (ids.length === 0) return;
  const evidence = await ports.evidenceForRecords(deps, user, ids);
  for (const ob of obligations) {
    const e = ob.recordId ? evidence.get(ob.recordId) : undefined;
    ob.evidence = e ? { covered: e.covered, required: e.channels.length, complete: e.complete } : null;
  }
}

function communityRoutes(deps: Deps, ports: CompliancePorts) {
  return async (app: FastifyInstance) => {
    const render = async (request: FastifyRequest, reply: FastifyReply, org: OrgRow, error?: FormProblem) => {
      const user = staffOf(request);
      const q = queryOf(request, periodQuery);
      const view = await communityDashboard(deps, user, org, { period: periodOf(q), itemKey: q.item || undefined });
      await attachEvidence(deps, ports, user, view.obligations);
      const page = h(CommunityPage, { ctx: pageCtx(request, reply), view, error: error?.message, ok: noticeOf(OK_MESSAGES, q.ok) });
      return sendPage(reply, page, error?.status ?? 200);
    };

    app.get('/staff/compliance/c/:code', staff, async (request, reply) => {
      const org = await orgOfRoute(deps, request);
      if (org.kind !== 'community') return reply.redirect(dashboardOf(org), 303);
      return render(request, reply, org);
    });

    app.post('/staff/compliance/c/:code/events', staff, async (request, reply) => {
      const org = await orgOfRoute(deps, request);
      let id = 0;
      const error = await formProblem(async () => (id = (await registerEvent(deps, actorOf(request), org, request.body)).id));
      if (error) return render(request, reply, org, error);
      return reply.redirect(`/staff/compliance/o/${id}?ok=registered`, 303);
    });
  };
}

function areaRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    /** The area, its period (this year unless asked) and the query, for the street and district pages. */
    const load = async (request: FastifyRequest) => {
      const org = await orgOfRoute(deps, request);
      const q = queryOf(request, periodQuery);
      const period = periodOf(q) ?? beijingDate(deps.clock.now()).slice(0, 4); // “today” as complianceNow has it
      return { user: staffOf(request), org, q, period };
    };

    app.get('/staff/compliance/s/:code', staff, async (request, reply) => {
      const { user, org, q, period } = await load(request);
      if (org.kind !== 'street') return reply.redirect(dashboardOf(org), 303);
      const view = await streetMatrix(viewDeps(deps, request), user, org, period);
      return sendPage(reply, h(MatrixPage, { ctx: pageCtx(request, reply), view, page: q.page ?? 1, ok: noticeOf(OK_MESSAGES, q.ok) }));
    });

    app.get('/staff/compliance/s/:code/matrix.xlsx', staff, async (request, reply) => {
      const { user, org, period } = await load(request);
      const view = await streetMatrix(viewDeps(deps, request), user, org, period);
      const { exportMatrixXlsx } = await import('./exportMatrix.ts'); // exceljs loads only when someone exports
      const bytes = await exportMatrixXlsx(view, deps.clock.now());
      const name = `${org.name}公开情况矩阵-${view.period}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="matrix-${org.code}-${view.period}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'no-store')
        .send(bytes);
    });

    app.post('/staff/compliance/s/:code/refresh', staff, async (request, reply) => {
      const org = await orgOfRoute(deps, request);
      assertViewArea(staffOf(request), org);
      await ensureCalendarCurrent(deps, actorOf(request));
      await syncUnder(deps, org.path);
      return reply.redirect(`/staff/compliance/s/${org.code}?ok=refreshed`, 303);
    });

    app.get('/staff/compliance/d/:code', staff, async (request, reply) => {
      const { user, org, period } = await load(request);
      if (org.kind !== 'district') return reply.redirect(dashboardOf(org), 303);
      const view = await districtRollup(viewDeps(deps, request), user, org, period.slice(0, 4));
      return sendPage(reply, h(RollupPage, { ctx: pageCtx(request, reply), view }));
    });
  };
}

function obligationRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const render = async (request: FastifyRequest, reply: FastifyReply, id: number, error?: FormProblem) => {
      const d = await obligationDetail(deps, staffOf(request), id);
      const ok = noticeOf(OK_MESSAGES, queryOf(request, periodQuery).ok);
      return sendPage(reply, h(ObligationPage, { ctx: pageCtx(request, reply), d, error: error?.message, ok }), error?.status ?? 200);
    };

    app.get('/staff/compliance/o/:id', staff, async (request, reply) => render(request, reply, idParam(request)));

    for (const [action, run, ok] of [
      ['waive', waiveObligation, 'waived'],
      ['orders', issueOrder, 'ordered'],
    ] as const) {
      app.post(`/staff/compliance/o/:id/${action}`, staff, async (request, reply) => {
        const id = idParam(request);
        const error = await formProblem(() => run(deps, actorOf(request), id, request.body));
        if (error) return render(request, reply, id, error);
        return reply.redirect(`/staff/compliance/o/${id}?ok=${ok}`, 303);
      });
    }
  };
}
