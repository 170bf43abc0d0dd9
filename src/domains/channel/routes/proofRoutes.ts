/** Proof of posting per record and channel, the evidence dashboards, and pushing a record now. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { AppError, ForbiddenError, NotFoundError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { findOrganisation, findOrganisationById, listOrgsFlat } from '../../org/orgTree.ts';
import { isAdmin } from '../../org/policy.ts';
import type { OrgRow, SessionUser } from '../../org/repository.ts';
import { requireStaff } from '../../org/routes.ts';
import type { PublicRecordView } from '../../record/publicView.ts';
import { evidenceFor } from '../evidence.ts';
import type { Senders } from '../mail/senders.ts';
import { AreaEvidence, CommunityEvidence } from '../pages/EvidencePages.tsx';
import { RecordChannels } from '../pages/RecordChannels.tsx';
import { assertCanManage, canManage, canView } from '../policy.ts';
import { addProof, proofPhoto } from '../proofs.ts';
import { pushRecordNow } from '../pushNow.ts';
import * as repo from '../repository.ts';
import type { RecordSource } from '../source.ts';
import { beijingDay } from '../text.ts';
import { actorOf, numericId, publicIdParam, staffCommunity } from './common.ts';
import { deliveryView } from './views.ts';

const monthQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 2026-10' }).optional() });
const OK: Record<string, string> = { proof: '公开证据已保存。' };

async function screenNames(deps: Deps, orgId: number): Promise<Map<number, string>> {
  return new Map((await repo.listScreens(deps.db.orm, orgId)).map((s) => [s.id, s.name]));
}

/** The record as this staff member sees it, and its community, which must be in their scope. */
async function staffRecord(deps: Deps, source: RecordSource, user: SessionUser, id: string): Promise<{ view: PublicRecordView; org: OrgRow }> {
  const found = await source.find(deps, id, user);
  if (found.kind !== 'ok') throw new NotFoundError('没有找到这条公开记录。');
  const org = await findOrganisation(deps, found.view.communityCode);
  if (!org || !canView(user, org)) throw new ForbiddenError('您只能查看本辖区的记录。');
  return { view: found.view, org };
}

async function monthRows(deps: Deps, source: RecordSource, org: OrgRow, viewer: SessionUser, month: string) {
  const views = (await source.recent(deps, org, viewer, 1000)).filter((v) => beijingDay(v.publishedAt).startsWith(month));
  const evidence = await evidenceFor(deps, views, await screenNames(deps, org.id));
  return views.map((v) => ({ id: v.id, title: v.title, itemName: v.itemName, publishedAt: v.publishedAt, evidence: evidence.get(v.id)! }));
}

export function proofRoutes(deps: Deps, source: RecordSource, senders: () => Senders) {
  return async (app: FastifyInstance) => {
    const recordPage = async (request: FastifyRequest, reply: FastifyReply, user: SessionUser, id: string, extra: { ok?: string; error?: string } = {}) => {
      const { view, org } = await staffRecord(deps, source, user, id);
      const evidence = (await evidenceFor(deps, [view], await screenNames(deps, org.id))).get(view.id)!;
      const deliveries = (await repo.listDeliveries(deps.db.orm, { orgId: org.id, recordIds: [view.id], limit: 200 })).map(deliveryView);
      const now = beijingDay(deps.clock.now()) + 'T' + new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(deps.clock.now());
      const record = { id: view.id, title: view.title, itemName: view.itemName, version: view.version, publishedAt: view.publishedAt, withdrawn: view.withdrawal !== null };
      const ok = extra.ok ?? OK[(request.query as Record<string, string>).ok ?? ''] ?? null;
      const props = { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, canManage: canManage(user, org), record, evidence, deliveries, now, ok, error: extra.error ?? null };
      return sendPage(reply, h(RecordChannels, props), extra.error ? 400 : 200);
    };

    app.get('/staff/channel/records/:id', async (request, reply) => {
      const user = requireStaff(request, reply);
      return user ? recordPage(request, reply, user, parseInput(publicIdParam, request.params).id) : reply;
    });

    app.post('/staff/channel/records/:id/proofs', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const { id } = parseInput(publicIdParam, request.params);
      const { view, org } = await staffRecord(deps, source, user, id);
      assertCanManage(user, org);
      try {
        await addProof(deps, actorOf(request, user), org, view, (request.body ?? {}) as Record<string, unknown>);
      } catch (err) {
        if (err instanceof AppError && err.statusCode < 500) return recordPage(request, reply, user, id, { error: err.message });
        throw err;
      }
      return reply.redirect(`/staff/channel/records/${id}?ok=proof`, 303);
    });

    app.post('/staff/channel/records/:id/push', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const { id } = parseInput(publicIdParam, request.params);
      const { view, org } = await staffRecord(deps, source, user, id);
      assertCanManage(user, org);
      try {
        const rows = await pushRecordNow(deps, actorOf(request, user), source, senders(), org, view);
        const sent = rows.filter((d) => d.recordVersion === view.version && d.status === 'sent').length;
        return recordPage(request, reply, user, id, { ok: `已推送：${sent} 个目标送达；未送达的会自动重试。` });
      } catch (err) {
        if (err instanceof AppError && err.statusCode < 500) return recordPage(request, reply, user, id, { error: err.message });
        throw err;
      }
    });

    app.get('/staff/channel/proofs/:id/photo', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const proof = await repo.findProof(deps.db.orm, parseInput(numericId, request.params).id);
      const org = proof ? await findOrganisationById(deps, proof.orgId) : null;
      if (!proof || !org || !canView(user, org)) throw new NotFoundError('没有找到这张照片。');
      const photo = await proofPhoto(deps, proof);
      if (!photo) throw new NotFoundError('没有找到这张照片。');
      return reply.header('cache-control', 'private, max-age=300').header('x-content-type-options', 'nosniff').type(photo.mime).send(photo.bytes);
    });

    app.get('/staff/channel/evidence', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const month = parseInput(monthQuery, request.query).month ?? beijingDay(deps.clock.now()).slice(0, 7);
      if (isAdmin(user.role) && !(request.query as Record<string, string>).org) {
        const communities = (await listOrgsFlat(deps, user.orgPath)).filter((o) => o.kind === 'community');
        const rows = [];
        for (const c of communities) {
          const list = await monthRows(deps, source, c, user, month);
          rows.push({ code: c.code, name: c.name, records: list.length, complete: list.filter((r) => r.evidence.complete).length });
        }
        return sendPage(reply, h(AreaEvidence, { ctx: pageCtx(request, reply), area: user.orgName, month, rows }));
      }
      const found = await staffCommunity(deps, request, reply);
      if (!found) return reply;
      const rows = await monthRows(deps, source, found.org, user, month);
      return sendPage(reply, h(CommunityEvidence, { ctx: pageCtx(request, reply), org: found.org, own: user.orgId === found.org.id, month, rows }));
    });
  };
}
