import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import { findOrganisationById } from '../org/index.ts';
import { newPublicId, type StaffActor } from './access.ts';
import { findOpenObligation } from './complianceHooks.ts';
import { listItemContexts } from './itemContext.ts';
import * as repo from './repository.ts';

const createInput = z.object({
  itemId: z.coerce.number({ error: '请选择公开事项' }).int().positive({ error: '请选择公开事项' }),
  title: z.string().trim().min(2, { error: '标题至少 2 个字' }).max(200, { error: '标题不能超过 200 个字' }),
  obligationId: z
    .string()
    .trim()
    .regex(/^\d{0,15}$/, { error: '应公开义务编号无效' })
    .optional(),
});

/** An editor starts a draft for an item of their community's catalog (maybe for an obligation). */
export async function createRecord(deps: Deps, actor: StaffActor, raw: unknown): Promise<repo.RecordRow> {
  const input = parseInput(createInput, raw);
  const { user } = actor;
  if (user.role !== 'editor' || user.orgKind !== 'community') throw new ForbiddenError('只有社区（村）工作人员可以新建公开记录。');
  const org = await findOrganisationById(deps, user.orgId);
  const context = org ? (await listItemContexts(deps, org)).find((c) => c.item.id === input.itemId) : undefined;
  if (!org || !context) throw new NotFoundError('本社区的目录清单中没有这个公开事项。');
  const obligationId = input.obligationId || null;
  const obligation = obligationId ? await findOpenObligation(deps, org.id, obligationId) : null;
  if (obligationId && (!obligation || obligation.itemKey !== context.item.itemKey)) {
    throw new NotFoundError('没有找到本社区这一事项的这项待公开义务，可能已经完成。');
  }
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const record = await repo.insertRecord(tx, {
      publicId: await newPublicId(tx),
      orgId: org.id,
      orgPath: org.path,
      districtCode: org.districtCode,
      itemKey: context.item.itemKey,
      itemId: context.item.id,
      itemName: context.item.name,
      obligationId,
      createdById: user.id,
      createdAt: now,
    });
    await repo.insertVersion(tx, {
      recordId: record.id,
      districtCode: org.districtCode,
      version: 1,
      status: 'draft',
      title: input.title,
      bodyMd: '',
      tables: [],
      publicity: context.publicity !== null || context.personalList, // a personal list is always a 公示
      personalList: context.personalList,
      audience: context.audience,
      authorId: user.id,
      authorName: user.displayName,
      updatedAt: now,
    });
    await appendAudit(tx, actor, { action: 'record.create', subjectType: 'record', subjectId: record.id, districtCode: org.districtCode, data: { org: org.code, item: context.item.itemKey, obligation: obligationId } }, now);
    return record;
  });
}
