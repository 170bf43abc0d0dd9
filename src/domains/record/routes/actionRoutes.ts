import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { ValidationError } from '../../../platform/errors.ts';
import type { UploadedFile } from '../../../platform/http.ts';
import type { StaffActor } from '../../../platform/principal.ts';
import { parseInput } from '../../../platform/validate.ts';
import { bodyOf, uploadedFile } from '../../../web/routeKit.ts';
import { startCorrection, withdrawRecord } from '../correctRecord.ts';
import { addAttachment, importTableIntoDraft, releasePicture, removeAttachment } from '../draftFiles.ts';
import { approveRecord, returnRecord } from '../reviewRecord.ts';
import { maskDraft, overridePrivacy } from '../submitRecord.ts';
import type { RecordPorts } from '../routes.ts';
import { attachmentParams, recordAction, staff, type NoticeCode } from './staffRoutes.ts';

/** A missing or odd file field is the same problem as an empty file. */
const uploadForm = z.object({ file: uploadedFile.optional().catch(undefined) });

function uploaded(request: FastifyRequest): UploadedFile {
  const { file } = bodyOf(request, uploadForm);
  if (!file?.bytes.length) throw new ValidationError('请选择要上传的文件。');
  return file;
}

/** Workflow buttons on the staff record page: each one use case, each re-renders on a problem. */
export function recordActionRoutes(deps: Deps, ports: RecordPorts) {
  return async (app: FastifyInstance) => {
    type Run = (actor: StaffActor, id: number, request: FastifyRequest) => Promise<NoticeCode>;
    const act = (path: string, run: Run) =>
      app.post(`/staff/records/:id/${path}`, staff, (request, reply) => recordAction(deps, ports, request, reply, (actor, id) => run(actor, id, request)));

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
