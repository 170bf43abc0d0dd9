/**
 * Proof of posting: one record's channels page (file a photo or note, push it now), the photos,
 * and the month's evidence for a community or, for admins, their whole area.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import { beijingDate, beijingDateTimeValue } from '../../../platform/time.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { actorOf, bodyOf, formProblem, idParam, queryOf, staffOf, staffOnly } from '../../../web/routeKit.ts';
import { findOrganisation, findOrganisationById, isAdmin, type OrgRow, type SessionUser } from '../../org/index.ts';
import type { PublicRecordView } from '../../record/index.ts';
import { okNotice, orgOf, recordIdParam, staffCommunity } from '../edge.ts';
import type { Senders } from '../mail/senders.ts';
import { deliveryView } from '../pages/Deliveries.tsx';
import { assertCanManage, canManage, canView } from '../policy.ts';
import { pushRecordNow } from '../push/pushNow.ts';
import * as repo from '../repository.ts';
import type { RecordSource } from '../source.ts';
import { evidenceFor } from './evidence.ts';
import { AreaEvidence, CommunityEvidence } from './EvidencePages.tsx';
import { areaEvidence, monthEvidence, screenNames } from './monthEvidence.ts';
import { addProof, proofPhoto } from './proofs.ts';
import { RecordChannels } from './RecordChannels.tsx';

const monthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 2026-10' }).optional() });
const proofForm = z.record(z.string(), z.unknown());
const OK: Record<string, string> = { proof: '公开证据已保存。' };

/** The record as this staff member sees it, and its community, which must be in their scope. */
async function staffRecord(deps: Deps, source: RecordSource, user: SessionUser, id: string): Promise<{ view: PublicRecordView; org: OrgRow }> {
  const found = await source.find(deps, id, user);
  if (found.kind !== 'ok') throw new NotFoundError('没有找到这条公开记录。');
  const org = await findOrganisation(deps, found.view.communityCode);
  if (!org || !canView(user, org)) throw new ForbiddenError('您只能查看本辖区的记录。');
  return { view: found.view, org };
}

type Notice = { ok?: string; error?: string };

async function recordPage(deps: Deps, source: RecordSource, request: FastifyRequest, reply: FastifyReply, notice: Notice = {}) {
  const user = staffOf(request);
  const { view, org } = await staffRecord(deps, source, user, recordIdParam(request));
  const evidence = (await evidenceFor(deps, [view], await screenNames(deps, org.id))).get(view.id)!;
  const deliveries = (await repo.listDeliveries(deps.db.orm, { orgId: org.id, recordIds: [view.id], limit: 200 })).map(deliveryView);
  const record = { id: view.id, title: view.title, itemName: view.itemName, version: view.version, publishedAt: view.publishedAt, withdrawn: view.withdrawal !== null };
  const ok = notice.ok ?? okNotice(request, OK);
  const props = { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, canManage: canManage(user, org), record, evidence, deliveries, now: beijingDateTimeValue(deps.clock.now()), links: deps.config, ok, error: notice.error ?? null };
  return sendPage(reply, h(RecordChannels, props), notice.error ? 400 : 200);
}

function recordRoutes(deps: Deps, source: RecordSource, senders: () => Senders) {
  return async (app: FastifyInstance) => {
    const guard = { preHandler: staffOnly() };
    const manageable = async (request: FastifyRequest) => {
      const user = staffOf(request);
      const found = await staffRecord(deps, source, user, recordIdParam(request));
      assertCanManage(user, found.org);
      return found;
    };

    app.get('/staff/channel/records/:id', guard, async (request, reply) => recordPage(deps, source, request, reply));

    app.post('/staff/channel/records/:id/proofs', guard, async (request, reply) => {
      const { view, org } = await manageable(request);
      const form = bodyOf(request, proofForm);
      const problem = await formProblem(() => addProof(deps, { ...actorOf(request), userId: staffOf(request).id }, org, view, form));
      if (problem) return recordPage(deps, source, request, reply, { error: problem.message });
      return reply.redirect(`/staff/channel/records/${recordIdParam(request)}?ok=proof`, 303);
    });

    app.post('/staff/channel/records/:id/push', guard, async (request, reply) => {
      const { view, org } = await manageable(request);
      let sent = 0;
      const problem = await formProblem(async () => {
        const rows = await pushRecordNow(deps, actorOf(request), source, senders(), org, view);
        sent = rows.filter((d) => d.recordVersion === view.version && d.status === 'sent').length;
      });
      return recordPage(deps, source, request, reply, problem ? { error: problem.message } : { ok: `已推送：${sent} 个目标送达；未送达的会自动重试。` });
    });

    app.get('/staff/channel/proofs/:id/photo', guard, async (request, reply) => {
      const proof = await repo.findProof(deps.db.orm, idParam(request));
      const org = proof ? await findOrganisationById(deps, proof.orgId) : null;
      if (!proof || !org || !canView(staffOf(request), org)) throw new NotFoundError('没有找到这张照片。');
      const photo = await proofPhoto(deps, proof);
      if (!photo) throw new NotFoundError('没有找到这张照片。');
      return reply.header('cache-control', 'private, max-age=300').header('x-content-type-options', 'nosniff').type(photo.mime).send(photo.bytes);
    });
  };
}

function evidenceRoutes(deps: Deps, source: RecordSource) {
  return async (app: FastifyInstance) => {
    app.get('/staff/channel/evidence', { preHandler: staffOnly() }, async (request, reply) => {
      const user = staffOf(request);
      const month = queryOf(request, monthQuery).month ?? beijingDate(deps.clock.now()).slice(0, 7);
      if (isAdmin(user.role) && !orgOf(request)) {
        const rows = await areaEvidence(deps, source, user, month);
        return sendPage(reply, h(AreaEvidence, { ctx: pageCtx(request, reply), area: user.orgName, month, rows }));
      }
      const { org } = await staffCommunity(deps, request);
      const rows = await monthEvidence(deps, source, org, user, month);
      return sendPage(reply, h(CommunityEvidence, { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, month, rows }));
    });
  };
}

export function proofRoutes(deps: Deps, source: RecordSource, senders: () => Senders) {
  return async (app: FastifyInstance) => {
    await app.register(recordRoutes(deps, source, senders));
    await app.register(evidenceRoutes(deps, source));
  };
}
