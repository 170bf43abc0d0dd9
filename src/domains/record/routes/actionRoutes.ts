import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { type UploadedFile } from '../../../platform/http.ts';
import type { StaffActor } from '../../../platform/principal.ts';
import { parseInput } from '../../../platform/validate.ts';
import { pageCtx, sendPage } from '../../../web/page.ts';
import { bodyOf, idParam, staffOf, uploadedFile } from '../../../web/routeKit.ts';
import { staffRecord } from '../staffView.ts';
import { ConfirmDeleteAttachmentPage } from '../pages/EditorPanels.tsx';
import { startCorrection, withdrawRecord } from '../correctRecord.ts';
import { addAttachment, importTableIntoDraft, UPLOAD_TOO_BIG, releasePicture, removeAttachment } from '../draftFiles.ts';
import { approveRecord, returnRecord } from '../reviewRecord.ts';
import { maskDraft, overridePrivacy } from '../submitRecord.ts';
import type { RecordPorts } from '../ports.ts';
import { attachmentParams, recordAction, renderRecord, staff, type NoticeCode } from './staffRoutes.ts';

/** A missing or odd file field is the same problem as an empty file. */
const uploadForm = z.object({ file: uploadedFile.optional().catch(undefined) });

function uploaded(request: FastifyRequest): UploadedFile {
  const { file } = bodyOf(request, uploadForm);
  if (!file?.bytes.length) throw new ValidationError('请选择要上传的文件。');
  return file;
}

export { UPLOAD_TOO_BIG } from '../draftFiles.ts';

/**
 * An upload refused while its body is read (over the size limit) comes back to the record page
 * with the limit in words, not as a bare error page; anything else goes to the app's handler.
 */
function uploadErrors(deps: Deps, ports: RecordPorts) {
  return async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.statusCode !== 413 || !request.user) throw error;
    return renderRecord(deps, ports, request, reply, idParam(request), { error: UPLOAD_TOO_BIG, status: 413 });
  };
}

/** Workflow buttons on the staff record page: each one use case, each re-renders on a problem. */
export function recordActionRoutes(deps: Deps, ports: RecordPorts) {
  return async (app: FastifyInstance) => {
    type Run = (actor: StaffActor, id: number, request: FastifyRequest) => Promise<NoticeCode>;
    const options = { ...staff, errorHandler: uploadErrors(deps, ports) };
    const act = (path: string, run: Run) =>
      app.post(`/staff/records/:id/${path}`, options, (request, reply) => recordAction(deps, ports, request, reply, (actor, id) => run(actor, id, request)));

    // Deleting an attachment asks first, on a page of its own: it works without JavaScript.
    app.get('/staff/records/:id/attachments/:aid/delete', staff, async (request, reply) => {
      const data = await staffRecord(deps, staffOf(request), idParam(request));
      const attachment = data.attachments.find((a) => a.id === parseInput(attachmentParams, request.params).aid);
      if (!attachment) throw new NotFoundError('没有找到这个附件。');
      return sendPage(reply, h(ConfirmDeleteAttachmentPage, { ctx: pageCtx(request, reply), recordId: data.record.id, title: (data.open ?? data.current)?.title ?? '', attachment }));
    });

    act('mask', async (a, id) => (await maskDraft(deps, a, id), 'masked'));
    act('override', async (a, id, r) => (await overridePrivacy(deps, a, id, r.body), 'overridden'));
    act('approve', async (a, id, r) => ((await approveRecord(deps, a, id, r.body)) > deps.clock.now() ? 'scheduled' : 'approved'));
    act('return', async (a, id, r) => (await returnRecord(deps, a, id, r.body), 'returned'));
    act('correct', async (a, id, r) => (await startCorrection(deps, a, id, r.body), 'correcting'));
    act('withdraw', async (a, id, r) => (await withdrawRecord(deps, a, id, r.body), 'withdrawn'));
    act('tables/import', async (a, id, r) => ((await importTableIntoDraft(deps, a, id, uploaded(r))).warnings.length > 0 ? 'imported_numbers' : 'imported'));
    act('attachments', async (a, id, r) => (await addAttachment(deps, a, id, uploaded(r)), 'attached'));
    act('attachments/:aid/release', async (a, id, r) => (await releasePicture(deps, a, id, parseInput(attachmentParams, r.params).aid), 'released'));
    act('attachments/:aid/delete', async (a, id, r) => (await removeAttachment(deps, a, id, parseInput(attachmentParams, r.params).aid), 'detached'));
  };
}
