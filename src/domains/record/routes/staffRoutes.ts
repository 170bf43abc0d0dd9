import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { AppError, ForbiddenError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { findOrganisationById } from '../../org/orgTree.ts';
import type { SessionUser } from '../../org/repository.ts';
import { requireStaff } from '../../org/routes.ts';
import { actorFor } from '../access.ts';
import { findOpenObligation } from '../complianceHooks.ts';
import { createRecord } from '../createRecord.ts';
import { listItemContexts } from '../itemContext.ts';
import { previewDraft } from '../previewDraft.ts';
import { saveDraft } from '../saveDraft.ts';
import { reviewQueue, staffRecord, staffRecordList } from '../staffView.ts';
import { submitRecord } from '../submitRecord.ts';
import { NewRecordPage, ReviewQueuePage, StaffRecordsPage } from '../pages/StaffLists.tsx';
import { PreviewPane, StaffRecordPage } from '../pages/StaffRecordPage.tsx';

export const idParams = z.object({ id: z.coerce.number().int().positive({ error: '编号无效' }).max(Number.MAX_SAFE_INTEGER) });
const newQuery = z.object({
  obligation: z.string().regex(/^\d{1,15}$/, { error: '应公开义务编号无效' }).optional(),
  item: z.coerce.number().int().positive().optional(),
});

type Extra = { error?: string; notice?: string; form?: Record<string, unknown>; status?: number; formPreview?: Parameters<typeof StaffRecordPage>[0]['formPreview'] };

/** Renders the staff record page, with a problem or a notice beside the form when there is one. */
export async function renderRecord(deps: Deps, request: FastifyRequest, reply: FastifyReply, user: SessionUser, id: number, extra: Extra = {}) {
  const data = await staffRecord(deps, user, id);
  const { status, ...rest } = extra;
  return sendPage(reply, h(StaffRecordPage, { ctx: pageCtx(request, reply), data, now: deps.clock.now(), ...rest }), status ?? (extra.error ? 400 : 200));
}

/** Runs an action; a user-facing problem re-renders the record page with the message. */
export async function recordAction(deps: Deps, request: FastifyRequest, reply: FastifyReply, action: (user: SessionUser, id: number) => Promise<NoticeCode>) {
  const user = requireStaff(request, reply);
  if (!user) return reply;
  const { id } = parseInput(idParams, request.params);
  try {
    const done = await action(user, id);
    return reply.redirect(`/staff/records/${id}?done=${done}`, 303);
  } catch (err) {
    if (!(err instanceof AppError) || err.statusCode >= 500 || err.statusCode === 404) throw err;
    return renderRecord(deps, request, reply, user, id, { error: err.message, status: err.statusCode });
  }
}

async function newRecordPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, user: SessionUser, error?: string) {
  if (user.role !== 'editor') throw new ForbiddenError('只有社区（村）工作人员可以新建公开记录。');
  const q = parseInput(newQuery, request.query);
  const org = await findOrganisationById(deps, user.orgId);
  const items = org ? await listItemContexts(deps, org) : [];
  const obligation = q.obligation ? await findOpenObligation(deps, user.orgId, q.obligation) : null;
  const gone = q.obligation && !obligation ? '这项待公开义务已经完成或不属于本社区，您仍可以新建记录。' : undefined;
  return sendPage(reply, h(NewRecordPage, { ctx: pageCtx(request, reply), items, obligation, itemId: q.item, error: error ?? gone }), error ? 400 : 200);
}

/** Notices after an action, by code: the address never carries text to show. */
export const NOTICES = {
  saved: '草稿已保存。',
  submitted: '已提交，等待居务监督委员会审核。',
  published: '已发布（本社区未开启审核）。',
  approved: '已审核通过并发布。',
  scheduled: '已审核通过，将按设定时间发布。',
  returned: '已退回，工作人员会看到您的意见。',
  masked: '已遮盖标题、正文和表格中的号码。',
  overridden: '已放行并记入审计日志，工作人员现在可以提交。',
  correcting: '已生成更正版本，请修改后提交审核。',
  withdrawn: '已撤回。公开页面保留撤回说明。',
  imported: '表格已导入，身份证号和电话已遮盖。请核对列类型。',
  imported_numbers: '表格已导入。注意：有长数字被 Excel 存成了数值，身份证号可能已丢失末几位；请在 Excel 中把该列设为“文本”后重新导入。',
  attached: '附件已上传。',
  detached: '附件已删除。',
} as const;
export type NoticeCode = keyof typeof NOTICES;

export function staffRecordRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/records', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      return sendPage(reply, h(StaffRecordsPage, { ctx: pageCtx(request, reply), rows: await staffRecordList(deps, user), now: deps.clock.now() }));
    });

    app.get('/staff/review', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      return sendPage(reply, h(ReviewQueuePage, { ctx: pageCtx(request, reply), rows: await reviewQueue(deps, user), now: deps.clock.now() }));
    });

    // The compliance dashboard's "publish now" opens this with ?obligation=<id>.
    app.get('/staff/records/new', async (request, reply) => {
      const user = requireStaff(request, reply);
      return user ? newRecordPage(deps, request, reply, user) : reply;
    });

    app.post('/staff/records/new', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      try {
        const record = await createRecord(deps, actorFor(user, request.ip), request.body ?? {});
        return reply.redirect(`/staff/records/${record.id}`, 303);
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 400) return newRecordPage(deps, request, reply, user, err.message);
        throw err;
      }
    });

    await app.register(editorRoutes(deps));
  };
}

/** The record page: show, save / preview / submit, and the live preview fragment. */
function editorRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/staff/records/:id', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const done = String((request.query as Record<string, unknown>).done ?? '');
      const notice = Object.hasOwn(NOTICES, done) ? NOTICES[done as NoticeCode] : undefined;
      return renderRecord(deps, request, reply, user, parseInput(idParams, request.params).id, { notice });
    });

    // Save, preview (without JavaScript) or save-and-submit, from the one editor form.
    app.post('/staff/records/:id', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const { id } = parseInput(idParams, request.params);
      const form = (request.body ?? {}) as Record<string, unknown>;
      if (form.intent === 'preview') {
        const { view, error } = await previewDraft(deps, user, id, form);
        return renderRecord(deps, request, reply, user, id, { form, formPreview: view ?? undefined, error });
      }
      try {
        await saveDraft(deps, actorFor(user, request.ip), id, form);
        const done = form.intent === 'submit' ? await submitRecord(deps, actorFor(user, request.ip), id) : 'saved';
        return reply.redirect(`/staff/records/${id}?done=${done}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500 || err.statusCode === 404) throw err;
        return renderRecord(deps, request, reply, user, id, { error: err.message, form: err.statusCode === 400 && form.intent !== 'submit' ? form : undefined, status: err.statusCode });
      }
    });

    // The live preview: an HTML fragment the editor's script puts beside the form.
    app.post('/staff/records/:id/preview', async (request, reply) => {
      const user = requireStaff(request, reply);
      if (!user) return reply;
      const { id } = parseInput(idParams, request.params);
      const { view, error } = await previewDraft(deps, user, id, (request.body ?? {}) as Record<string, unknown>);
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderToString(h(PreviewPane, { view, now: deps.clock.now(), error })));
    });
  };
}
