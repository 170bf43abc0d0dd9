import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { ValidationError } from '../../../platform/errors.ts';
import type { UploadedFile } from '../../../platform/http.ts';
import { parseInput } from '../../../platform/validate.ts';
import { actorFor, type StaffActor } from '../access.ts';
import { startCorrection, withdrawRecord } from '../correctRecord.ts';
import { addAttachment, importTableIntoDraft, removeAttachment } from '../draftFiles.ts';
import { approveRecord, returnRecord } from '../reviewRecord.ts';
import { maskDraft, overridePrivacy } from '../submitRecord.ts';
import { recordAction, type NoticeCode } from './staffRoutes.ts';

const attachmentParams = z.object({ aid: z.coerce.number().int().positive({ error: '编号无效' }) });

function uploaded(body: unknown): UploadedFile {
  const file = (body as { file?: UploadedFile } | undefined)?.file;
  if (!file || typeof file !== 'object' || !file.bytes?.length) throw new ValidationError('请选择要上传的文件。');
  return file;
}

/** Workflow buttons on the staff record page: each one use case, each re-renders on a problem. */
export function recordActionRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    type Run = (actor: StaffActor, id: number, body: unknown) => Promise<NoticeCode>;
    const act = (path: string, run: Run) =>
      app.post(`/staff/records/:id/${path}`, (request, reply) => recordAction(deps, request, reply, (user, id) => run(actorFor(user, request.ip), id, request.body)));

    act('mask', async (a, id) => (await maskDraft(deps, a, id), 'masked'));
    act('override', async (a, id, body) => (await overridePrivacy(deps, a, id, body), 'overridden'));
    act('approve', async (a, id, body) => ((await approveRecord(deps, a, id, body)) > deps.clock.now() ? 'scheduled' : 'approved'));
    act('return', async (a, id, body) => (await returnRecord(deps, a, id, body), 'returned'));
    act('correct', async (a, id, body) => (await startCorrection(deps, a, id, body), 'correcting'));
    act('withdraw', async (a, id, body) => (await withdrawRecord(deps, a, id, body), 'withdrawn'));
    act('tables/import', async (a, id, body) => ((await importTableIntoDraft(deps, a, id, uploaded(body))).warnings.length > 0 ? 'imported_numbers' : 'imported'));
    act('attachments', async (a, id, body) => (await addAttachment(deps, a, id, uploaded(body)), 'attached'));
    app.post('/staff/records/:id/attachments/:aid/delete', (request, reply) =>
      recordAction(deps, request, reply, async (user, id) => {
        const { aid } = parseInput(attachmentParams, { aid: (request.params as Record<string, string>).aid });
        await removeAttachment(deps, actorFor(user, request.ip), id, aid);
        return 'detached';
      }),
    );
  };
}
