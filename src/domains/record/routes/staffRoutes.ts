import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import type { StaffActor } from '../../../platform/principal.ts';
import { AppError } from '../../../platform/errors.ts';
import { parseInput } from '../../../platform/validate.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { actorOf, bodyOf, idParam, queryOf, staffOf, staffOnly } from '../../../web/routeKit.ts';
import { findOrganisationById } from '../../org/index.ts';
import { findOpenObligation } from '../complianceHooks.ts';
import { createRecord } from '../createRecord.ts';
import { listItemContexts } from '../itemContext.ts';
import { previewDraft } from '../previewDraft.ts';
import { saveDraft } from '../saveDraft.ts';
import { reviewQueue, staffAttachment, staffRecord, staffRecordList } from '../staffView.ts';
import { sendDownload } from '../../../web/download.ts';
import { submitRecord } from '../submitRecord.ts';
import type { RecordPorts } from '../ports.ts';
import { NewRecordPage, ReviewQueuePage, StaffRecordsPage } from '../pages/StaffLists.tsx';
import { PreviewPane, StaffRecordPage } from '../pages/StaffRecordPage.tsx';

/** Any staff role may open a record page; what they may do to the record is the use cases' rule (policy.ts). */
export const staff = { preHandler: staffOnly() };
const editorsOnly = { preHandler: staffOnly(['editor'], '只有社区（村）工作人员可以新建公开记录。') };

export const attachmentParams = z.object({ aid: z.coerce.number().int().positive({ error: '编号无效' }) });

/** The editor form as posted: its fields go back into the form when something is wrong. */
export const formFields = z.record(z.string(), z.unknown());
const newQuery = z.object({
  obligation: z.string().regex(/^\d{1,15}$/, { error: '应公开义务编号无效' }).optional(),
  item: z.coerce.number().int().positive().optional(),
});
/** `?done=<code>` after an action; an unknown code shows no notice. */
const doneQuery = z.object({ done: z.string().optional().catch(undefined) });

type Extra = { error?: string; notice?: string; form?: Record<string, unknown>; status?: number; formPreview?: Parameters<typeof StaffRecordPage>[0]['formPreview'] };

/**
 * Renders the staff record page, with a problem or a notice beside the form when there is one.
 * While a version is open, and right after an action, it says which required channels have no
 * destination yet (a warning: submitting and approving go on).
 */
export async function renderRecord(deps: Deps, ports: RecordPorts, request: FastifyRequest, reply: FastifyReply, id: number, extra: Extra = {}) {
  const data = await staffRecord(deps, staffOf(request), id);
  const { status, ...rest } = extra;
  const warn = data.item && !data.record.withdrawnAt && (data.open || extra.notice);
  const channelGaps = warn ? await ports.channelGaps(deps, data.org, data.item!.item.itemKey, data.item!.requiredChannels) : [];
  return sendPage(reply, h(StaffRecordPage, { ctx: pageCtx(request, reply), data, now: deps.clock.now(), channelGaps, ...rest }), status ?? (extra.error ? 400 : 200));
}

/** Runs an action of a route guarded by `staff`; a user-facing problem re-renders the record page with the message. */
export async function recordAction(deps: Deps, ports: RecordPorts, request: FastifyRequest, reply: FastifyReply, action: (actor: StaffActor, id: number) => Promise<NoticeCode>) {
  const id = idParam(request);
  try {
    const done = await action(actorOf(request), id);
    return reply.redirect(`/staff/records/${id}?done=${done}`, 303);
  } catch (err) {
    if (!(err instanceof AppError) || err.statusCode >= 500 || err.statusCode === 404) throw err;
    return renderRecord(deps, ports, request, reply, id, { error: err.message, status: err.statusCode });
  }
}

async function newRecordPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, error?: string) {
  const user = staffOf(request);
  const q = queryOf(request, newQuery);
  const org = await findOrganisationById(deps, user.orgId);
  const items = org ? await listItemContexts(deps, org) : [];
  const obligation = q.obligation ? await findOpenObligation(deps, user.orgId, q.obligation) : null;
  const gone = q.obligation && !obligation ? '这项待公开义务已经完成或不属于本社区，您仍可以新建记录。' : undefined;
  return sendPage(reply, h(NewRecordPage, { ctx: pageCtx(request, reply), items, obligation, itemId: q.item, error: error ?? gone }), error ? 400 : 200);
}

/** Notices after an action, by code: the address never carries text to show. */
const NOTICES = {
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
  released: '图片已确认，发布后公众可以查看。',
} as const;
export type NoticeCode = keyof typeof NOTICES;

export function staffRecordRoutes(deps: Deps, ports: RecordPorts) {
  return async (app: FastifyInstance) => {
    app.get('/staff/records', staff, async (request, reply) =>
      sendPage(reply, h(StaffRecordsPage, { ctx: pageCtx(request, reply), rows: await staffRecordList(deps, staffOf(request)), now: deps.clock.now() })),
    );

    app.get('/staff/review', staff, async (request, reply) =>
      sendPage(reply, h(ReviewQueuePage, { ctx: pageCtx(request, reply), rows: await reviewQueue(deps, staffOf(request)), now: deps.clock.now() })),
    );

    // The compliance dashboard's "publish now" opens this with ?obligation=<id>.
    app.get('/staff/records/new', editorsOnly, async (request, reply) => newRecordPage(deps, request, reply));

    app.post('/staff/records/new', editorsOnly, async (request, reply) => {
      try {
        const record = await createRecord(deps, actorOf(request), request.body ?? {});
        return reply.redirect(`/staff/records/${record.id}`, 303);
      } catch (err) {
        if (err instanceof AppError && err.statusCode === 400) return newRecordPage(deps, request, reply, err.message);
        throw err;
      }
    });

    await app.register(editorRoutes(deps, ports));
  };
}

/** The record page: show, save / preview / submit, and the live preview fragment. */
function editorRoutes(deps: Deps, ports: RecordPorts) {
  return async (app: FastifyInstance) => {
    app.get('/staff/records/:id', staff, async (request, reply) => {
      const { done } = queryOf(request, doneQuery);
      const notice = done && Object.hasOwn(NOTICES, done) ? NOTICES[done as NoticeCode] : undefined;
      return renderRecord(deps, ports, request, reply, idParam(request), { notice });
    });

    // Staff open any file of the record, pictures awaiting a supervisor's look included.
    app.get('/staff/records/:id/attachments/:aid', staff, async (request, reply) =>
      sendDownload(reply, await staffAttachment(deps, staffOf(request), idParam(request), parseInput(attachmentParams, request.params).aid), 'private, no-store'),
    );

    // Save, preview (without JavaScript) or save-and-submit, from the one editor form.
    app.post('/staff/records/:id', staff, async (request, reply) => {
      const id = idParam(request);
      const form = bodyOf(request, formFields);
      if (form.intent === 'preview') {
        const { view, error } = await previewDraft(deps, staffOf(request), id, form);
        return renderRecord(deps, ports, request, reply, id, { form, formPreview: view ?? undefined, error });
      }
      try {
        await saveDraft(deps, actorOf(request), id, form);
        const done = form.intent === 'submit' ? await submitRecord(deps, actorOf(request), id) : 'saved';
        return reply.redirect(`/staff/records/${id}?done=${done}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500 || err.statusCode === 404) throw err;
        return renderRecord(deps, ports, request, reply, id, { error: err.message, form: err.statusCode === 400 && form.intent !== 'submit' ? form : undefined, status: err.statusCode });
      }
    });

    // The live preview: an HTML fragment the editor's script puts beside the form.
    app.post('/staff/records/:id/preview', staff, async (request, reply) => {
      const { view, error } = await previewDraft(deps, staffOf(request), idParam(request), bodyOf(request, formFields));
      return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderToString(h(PreviewPane, { view, now: deps.clock.now(), error })));
    });
  };
}
