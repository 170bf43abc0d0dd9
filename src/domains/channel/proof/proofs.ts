/** Staff file proof that a record was posted through a channel: when, by whom, with a photo or a note. */
import { z } from 'zod';
import type { Deps } from '../../../platform/context.ts';
import { appendAudit, type AuditActor } from '../../../platform/audit/index.ts';
import { ValidationError } from '../../../platform/errors.ts';
import type { UploadedFile } from '../../../platform/http.ts';
import { parseInput } from '../../../platform/validate.ts';
import type { OrgRow } from '../../org/index.ts';
import { storageFor } from '../../../platform/storage.ts';
import type { PublicRecordView } from '../../record/index.ts';
import * as repo from '../repository.ts';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif'] as const;

const proofInput = z.object({
  channel: z.string().trim().min(1, { error: '请选择公开渠道' }),
  postedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: '请填写张贴或发布的日期和时间' }),
  note: z.string().trim().max(1000, { error: '说明不能超过 1000 个字' }).default(''),
});

/** The photo's real type from its bytes (never the name or the browser's word), and only photos. */
async function photoOf(file: UploadedFile | undefined): Promise<{ bytes: Buffer; mime: string } | null> {
  if (!file?.bytes?.length) return null;
  const { fileTypeFromBuffer } = await import('file-type'); // ~10 MB, for uploads only
  const type = await fileTypeFromBuffer(file.bytes);
  if (!type || !(PHOTO_TYPES as readonly string[]).includes(type.mime)) throw new ValidationError('照片只能是 JPG、PNG、WebP 或 HEIC 格式的图片。');
  return { bytes: file.bytes, mime: type.mime };
}

export async function addProof(deps: Deps, actor: AuditActor & { userId: number | null }, org: OrgRow, view: PublicRecordView, raw: Record<string, unknown>): Promise<repo.ProofRow> {
  const input = parseInput(proofInput, raw);
  if (!view.requiredChannels.includes(input.channel)) throw new ValidationError('这个渠道不是该事项要求的公开渠道。');
  const photo = await photoOf(raw.photo as UploadedFile | undefined);
  if (!photo && !input.note) throw new ValidationError('请上传现场照片，或写明发布的位置、链接或方式。');
  const postedAt = new Date(`${input.postedAt}:00+08:00`);
  const now = deps.clock.now();
  if (Number.isNaN(postedAt.getTime()) || postedAt.getTime() > now.getTime() + 5 * 60_000) throw new ValidationError('张贴时间不能晚于现在。');
  const sha = photo ? await storageFor(deps.config).put(photo.bytes) : null;
  return deps.db.transaction(async (tx) => {
    const row = await repo.insertProof(tx, { orgId: org.id, districtCode: org.districtCode, recordId: view.id, channel: input.channel, postedAt, postedBy: actor.name, postedById: actor.userId, note: input.note, photoSha256: sha, photoMime: photo?.mime ?? null, createdAt: now });
    await appendAudit(tx, actor, { action: 'channel.proof_add', subjectType: 'channel_proof', subjectId: row.id, districtCode: org.districtCode, data: { record: view.id, version: view.version, channel: input.channel, postedAt: postedAt.toISOString(), photo: sha } }, now);
    return row;
  });
}

export async function proofPhoto(deps: Deps, proof: repo.ProofRow): Promise<{ bytes: Buffer; mime: string } | null> {
  if (!proof.photoSha256 || !proof.photoMime) return null;
  const bytes = await storageFor(deps.config).get(proof.photoSha256);
  return bytes ? { bytes, mime: proof.photoMime } : null;
}
