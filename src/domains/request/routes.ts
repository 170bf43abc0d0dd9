/**
 * Public routes (forms for 依申请公开, 查询 and 疑义; the tracking page) and staff routes (queue,
 * case, steps, letter) of the request domain. Public posts are rate-limited, carry CSRF and a
 * time-based form token; staff routes are scoped to the organisation tree by the use cases.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { AppError, NotFoundError } from '../../platform/errors.ts';
import { beijingDate, chineseDate } from '../../platform/time.ts';
import { parseInput } from '../../platform/validate.ts';
import { pageCtx, sendPage } from '../../web/page.ts';
import { actorOf, bodyOf, codeParam, formProblem, idParam, staffOf, staffOnly, uploadedFile } from '../../web/routeKit.ts';
import { findOrganisation, findOrganisationById, type OrgRow } from '../org/index.ts';
import { recordPage, UPLOAD_TOO_BIG } from '../record/index.ts';
import { sendDownload } from '../../web/download.ts';
import { addCaseFile, caseFileDownload, caseFileNames, caseFiles, removeCaseFile } from './caseFiles.ts';
import { querySettingOf } from './caseClock.ts';
import { checkFormToken, issueFormToken } from './formToken.ts';
import { handleCase } from './handleCase.ts';
import { AskFormPage, SubmittedPage, TrackFormPage, TrackPage } from './pages/PublicPages.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { CasePage, QueuePage } from './pages/StaffPages.tsx';
import { LetterPage } from './pages/LetterPage.tsx';
import { assertDistrictAdmin, querySettingFor, setQuerySetting } from './settings.ts';
import { staffContact } from './present.ts';
import { reportRoutes } from './routes.report.ts';
import { caseForStaff, caseQueue, recordObjections, trackCase } from './queries.ts';
import { stepsFor, STEP_NAMES } from './steps.ts';
import { submitCase, type SubmitTarget } from './submitCase.ts';

const SUBMIT_LIMIT = { max: 5, timeWindow: '10 minutes' };
const recordParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: '没有找到这条公开记录。' }) });
const trackParams = z.object({ code: z.string().max(20) });
const stepParams = z.object({ id: z.coerce.number().int().positive(), step: z.enum(STEP_NAMES as [string, ...string[]], { error: '未知的办理操作。' }) });
const fileParams = z.object({ id: z.coerce.number().int().positive(), fid: z.coerce.number().int().positive({ error: '编号无效' }) });
const uploadForm = z.object({ file: uploadedFile.optional().catch(undefined), confirm: z.string().optional() });
const FORM_FIELDS = ['subject', 'details', 'name', 'phone', 'contact', 'applicantType'] as const;

/** What the visitor typed, to show again beside the error. */
function typed(body: unknown): Record<string, string> {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, typeof b[f] === 'string' ? (b[f] as string).slice(0, 2000) : '']));
}

interface FormSpec {
  target: SubmitTarget;
  action: string;
  title: string;
  intro: string;
}

async function askSpec(deps: Deps, code: string): Promise<FormSpec> {
  const org = await findOrganisation(deps, code);
  if (!org) throw new NotFoundError('没有找到这个组织。');
  const community = org.kind === 'community';
  return {
    target: { org, kind: community ? 'query' : 'disclosure' },
    action: `/o/${org.code}/ask`,
    title: community ? `向${org.name}查询` : `向${org.name}申请政府信息公开`,
    intro: community ? '想了解社区（村）的事务、财务或公示内容，可以在这里提问。' : '需要的政府信息没有主动公开的，可以在这里依申请公开。',
  };
}

async function objectionSpec(deps: Deps, request: FastifyRequest): Promise<FormSpec> {
  const { id } = parseInput(recordParams, request.params);
  const data = await recordPage(deps, id, request.user);
  if (data.kind !== 'ok') throw new NotFoundError('没有找到这条公开记录。');
  return {
    target: { org: data.org, kind: 'objection', record: { id, title: data.current.title } },
    action: `/r/${id}/objection`,
    title: `对“${data.current.title}”提出疑义`,
    intro: `认为这条公开内容有错误、不全或不实的，可以向${data.org.name}提出疑义，居务监督委员会将核实答复。`,
  };
}

async function clockText(deps: Deps, spec: FormSpec): Promise<{ text: string; allowAnonymous: boolean }> {
  if (spec.target.kind === 'disclosure') return { text: '依《政府信息公开条例》，自收到申请的次日起20个工作日内答复；需要延长的，最长延长20个工作日并告知您。', allowAnonymous: false };
  const s = await querySettingOf(deps.db.orm, spec.target.org.districtCode);
  return { text: `自收到之日起${s.days}${s.unit === 'working' ? '个工作日' : '日'}内答复（依据：${s.basis}）。`, allowAnonymous: spec.target.kind === 'objection' && s.allowAnonymous };
}

async function showForm(deps: Deps, request: FastifyRequest, reply: FastifyReply, spec: FormSpec, problem?: { message: string; status: number }) {
  const clock = await clockText(deps, spec);
  const trail = spec.target.record ? await recordObjections(deps, spec.target.record.id) : undefined;
  const formToken = issueFormToken(deps.config.sessionSecret, spec.action, deps.clock.now());
  const props = { ctx: pageCtx(request, reply), action: spec.action, title: spec.title, intro: spec.intro, formToken, allowAnonymous: clock.allowAnonymous, clockText: clock.text, trail, askApplicantType: spec.target.kind === 'disclosure' };
  return sendPage(reply, h(AskFormPage, { ...props, error: problem?.message, values: problem ? typed(request.body) : undefined }), problem?.status ?? 200);
}

async function submitForm(deps: Deps, request: FastifyRequest, reply: FastifyReply, spec: FormSpec) {
  let created: { trackingCode: string; id: number } | undefined;
  const problem = await formProblem(async () => {
    checkFormToken(deps.config.sessionSecret, spec.action, (request.body as Record<string, unknown> | undefined)?._ft, deps.clock.now());
    // A signed-in resident finds the case again on their 我的 page; the tracking code works for everyone.
    const residentId = request.user?.role === 'resident' ? request.user.id : undefined;
    created = await submitCase(deps, { id: null, name: 'public', ip: request.ip }, spec.target, request.body, { residentId });
  });
  if (problem || !created) return showForm(deps, request, reply, spec, problem);
  const view = await trackCase(deps, created.trackingCode);
  const dueText = view.dueOn ? `我们将在${chineseDate(view.dueOn)}前答复您。` : '答复期限将在节假日安排公布后确定。';
  return sendPage(reply, h(SubmittedPage, { ctx: pageCtx(request, reply), code: created.trackingCode, dueText }));
}

function publicRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/o/:code/ask', async (request, reply) => showForm(deps, request, reply, await askSpec(deps, codeParam(request))));
    app.post('/o/:code/ask', { config: { rateLimit: SUBMIT_LIMIT } }, async (request, reply) => submitForm(deps, request, reply, await askSpec(deps, codeParam(request))));
    app.get('/r/:id/objection', async (request, reply) => showForm(deps, request, reply, await objectionSpec(deps, request)));
    app.post('/r/:id/objection', { config: { rateLimit: SUBMIT_LIMIT } }, async (request, reply) => submitForm(deps, request, reply, await objectionSpec(deps, request)));
    app.get('/q', async (request, reply) => sendPage(reply, h(TrackFormPage, { ctx: pageCtx(request, reply) })));
    app.get('/q/find', async (request, reply) => {
      const code = String((request.query as Record<string, unknown>).code ?? '').trim().toUpperCase().slice(0, 20);
      return reply.redirect(`/q/${encodeURIComponent(code)}`, 303);
    });
    app.get('/q/:code', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
      const { code } = parseInput(trackParams, request.params);
      try {
        return sendPage(reply, h(TrackPage, { ctx: pageCtx(request, reply), view: await trackCase(deps, code) }));
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
        return sendPage(reply, h(TrackFormPage, { ctx: pageCtx(request, reply), error: err.message }), 404);
      }
    });
  };
}

async function showCase(deps: Deps, request: FastifyRequest, reply: FastifyReply, id: number, extra: { error?: string; notice?: string; status?: number } = {}) {
  const user = staffOf(request);
  const { row, steps } = await caseForStaff(deps, user, id);
  const files = await caseFiles(deps, user, id);
  const props = { ctx: pageCtx(request, reply), row, steps, contact: staffContact(user, row), actions: stepsFor(row), files, error: extra.error, notice: extra.notice };
  return sendPage(reply, h(CasePage, props), extra.status ?? 200);
}

function staffRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.addHook('preHandler', staffOnly());
    app.get('/staff/requests', async (request, reply) => {
      const user = staffOf(request);
      const rows = await caseQueue(deps, user);
      const contacts = new Map(rows.map((r) => [r.id, staffContact(user, r)]));
      return sendPage(reply, h(QueuePage, { ctx: pageCtx(request, reply), rows, today: beijingDate(deps.clock.now()), contacts }));
    });
    app.get('/staff/requests/settings', async (request, reply) => {
      const setting = await querySettingFor(deps, staffOf(request));
      return sendPage(reply, h(SettingsPage, { ctx: pageCtx(request, reply), setting }));
    });
    app.post('/staff/requests/settings', async (request, reply) => {
      const user = staffOf(request);
      assertDistrictAdmin(user);
      const problem = await formProblem(() => setQuerySetting(deps, actorOf(request), request.body));
      const setting = await querySettingFor(deps, user);
      const props = { ctx: pageCtx(request, reply), setting, error: problem?.message, ok: problem ? undefined : '已保存。今后收到的查询和疑义按新的期限计算。' };
      return sendPage(reply, h(SettingsPage, props), problem?.status ?? 200);
    });
    app.get('/staff/requests/:id', async (request, reply) => showCase(deps, request, reply, idParam(request)));
    app.post('/staff/requests/:id/steps/:step', async (request, reply) => {
      const { id, step } = parseInput(stepParams, request.params);
      return caseAction(deps, request, reply, id, () => handleCase(deps, actorOf(request), id, step, request.body));
    });
    app.get('/staff/requests/:id/letter', async (request, reply) => {
      const user = staffOf(request);
      const { row } = await caseForStaff(deps, user, idParam(request));
      if (!row.replyText) throw new NotFoundError('这件申请还没有答复。');
      const org: OrgRow | null = await findOrganisationById(deps, row.orgId);
      const applicant = row.anonymous ? '匿名申请人' : staffContact(user, row).name;
      return sendPage(reply, h(LetterPage, { ctx: pageCtx(request, reply), row, orgName: org?.name ?? '', applicant, files: await caseFileNames(deps, row.id) }));
    });
    await app.register(fileRoutes(deps));
  };
}

/** A problem with the case itself (403, 404) is an error page; anything else re-renders the case with the message. */
async function caseAction(deps: Deps, request: FastifyRequest, reply: FastifyReply, id: number, run: () => Promise<unknown>) {
  const problem = await formProblem(run);
  if (problem && problem.status !== 403 && problem.status !== 404) return showCase(deps, request, reply, id, { error: problem.message, status: problem.status });
  if (problem) throw new AppError(problem.message, problem.status, 'request_refused');
  return reply.redirect(`/staff/requests/${id}`, 303);
}

/** The reply's attachments (caseFiles.ts). An over-size upload comes back to the case page with the limit in words. */
function fileRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    const errorHandler = async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      if (error.statusCode !== 413 || !request.user) throw error;
      return showCase(deps, request, reply, idParam(request), { error: UPLOAD_TOO_BIG, status: 413 });
    };
    app.post('/staff/requests/:id/files', { errorHandler }, async (request, reply) => {
      const id = idParam(request);
      return caseAction(deps, request, reply, id, async () => {
        const { file, confirm } = bodyOf(request, uploadForm);
        return addCaseFile(deps, actorOf(request), id, { fileName: file?.fileName ?? '', bytes: file?.bytes ?? new Uint8Array(), confirmed: confirm === '1' });
      });
    });
    app.get('/staff/requests/:id/files/:fid', async (request, reply) => {
      const { id, fid } = parseInput(fileParams, request.params);
      return sendDownload(reply, await caseFileDownload(deps, staffOf(request), id, fid), 'private, no-store');
    });
    app.post('/staff/requests/:id/files/:fid/delete', async (request, reply) => {
      const { id, fid } = parseInput(fileParams, request.params);
      return caseAction(deps, request, reply, id, () => removeCaseFile(deps, actorOf(request), id, fid));
    });
  };
}

export function requestRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    await app.register(publicRoutes(deps));
    await app.register(staffRoutes(deps));
    await app.register(reportRoutes(deps));
  };
}
