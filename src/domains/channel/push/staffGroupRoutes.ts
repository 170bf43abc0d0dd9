/** Staff pages for the community's staff group robot: register, test, remove (editors and admins above). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { Deps } from '../../../platform/context.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { actorOf, formProblem, staffOnly } from '../../../web/routeKit.ts';
import { listGroupNotices } from '../../compliance/index.ts';
import type { OrgRow, SessionUser } from '../../org/index.ts';
import { okNotice, orgSuffix, staffCommunity } from '../edge.ts';
import { assertCanManage, canManage } from '../policy.ts';
import * as repo from '../repository.ts';
import { maskSecret, maskUrl } from '../secrets.ts';
import { removeStaffGroup, saveStaffGroup, testStaffGroup, type GroupKind } from './staffGroup.ts';
import { StaffGroupPage } from './StaffGroupPage.tsx';

const OK: Record<string, string> = { saved: '已保存。请发送一条测试消息，确认群里能收到。', removed: '已删除，今后不再提醒到群。' };
const TEST_FAILED = '测试消息没有送达。请核对 Webhook 地址和签名密钥，并确认机器人仍在群里；内网中的机器人须由系统管理员登记后才能使用。';

type Page = { request: FastifyRequest; reply: FastifyReply; user: SessionUser; org: OrgRow };

async function render(deps: Deps, { request, reply, user, org }: Page, extra: { ok?: string; error?: string } = {}) {
  const row = await repo.findStaffGroup(deps.db.orm, org.id);
  const group = row ? { kind: row.kind as GroupKind, maskedUrl: maskUrl(row.url), maskedSecret: maskSecret(row.secret) } : null;
  const recent = (await listGroupNotices(deps.db.orm, org.id)).map((n) => ({ title: n.title, at: n.createdAt, state: n.state, detail: n.detail }));
  const props = { ctx: pageCtx(request, reply), org, own: user.orgId === org.id, canManage: canManage(user, org), group, recent, ok: extra.ok ?? okNotice(request, OK), error: extra.error ?? null };
  return sendPage(reply, h(StaffGroupPage, props), extra.error ? 400 : 200);
}

export function staffGroupRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const guard = { preHandler: staffOnly() };
    const page = async (request: FastifyRequest, reply: FastifyReply): Promise<Page> => ({ request, reply, ...(await staffCommunity(deps, request)) });
    const managed = async (request: FastifyRequest, reply: FastifyReply): Promise<Page> => {
      const p = await page(request, reply);
      assertCanManage(p.user, p.org);
      return p;
    };
    const done = (p: Page, ok: string) => p.reply.redirect(`/staff/channel/staff-group?ok=${ok}${orgSuffix(p.user, p.org, '&')}`, 303);

    app.get('/staff/channel/staff-group', guard, async (request, reply) => render(deps, await page(request, reply)));

    app.post('/staff/channel/staff-group', guard, async (request, reply) => {
      const p = await managed(request, reply);
      const problem = await formProblem(async () => saveStaffGroup(deps, actorOf(request), p.org, request.body));
      return problem ? render(deps, p, { error: problem.message }) : done(p, 'saved');
    });

    app.post('/staff/channel/staff-group/test', guard, async (request, reply) => {
      const p = await managed(request, reply);
      const attempt = await testStaffGroup(deps, actorOf(request), p.org);
      // One answer for every failure (as for push robots): the reason is in the audit log.
      return attempt.ok ? render(deps, p, { ok: `测试消息已送达（${attempt.detail}）。` }) : render(deps, p, { error: TEST_FAILED });
    });

    app.post('/staff/channel/staff-group/remove', guard, async (request, reply) => {
      const p = await managed(request, reply);
      await removeStaffGroup(deps, actorOf(request), p.org);
      return done(p, 'removed');
    });
  };
}
