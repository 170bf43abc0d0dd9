import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import type { StaffActor } from '../../platform/principal.ts';
import { parseInput } from '../../platform/validate.ts';
import * as repo from './repository.ts';

const settingInput = z.object({
  days: z.coerce.number({ error: '答复期限应为 1 到 60 天' }).int({ error: '答复期限应为整数' }).min(1, { error: '答复期限至少 1 天' }).max(60, { error: '答复期限不能超过 60 天' }),
  unit: z.enum(['calendar', 'working'], { error: '请选择按自然日还是工作日计算' }),
  basis: z.string({ error: '请写明依据' }).trim().min(4, { error: '请写明依据（至少 4 个字）' }).max(300, { error: '依据不能超过 300 个字' }),
  allowAnonymous: z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean()),
});

/** The district admin sets how soon communities must answer 查询 and 疑义 (provincial rules differ). */
export async function setQuerySetting(deps: Deps, actor: StaffActor, raw: unknown): Promise<void> {
  if (actor.user.role !== 'district_admin') throw new ForbiddenError('只有区县管理员可以设置查询和疑义的答复期限。');
  const input = parseInput(settingInput, raw);
  const now = deps.clock.now();
  const districtCode = actor.user.districtCode;
  await deps.db.transaction(async (tx) => {
    await repo.upsertQuerySetting(tx, { districtCode, ...input, updatedAt: now });
    await appendAudit(tx, actor, { action: 'request.query_setting', subjectType: 'request_query_setting', subjectId: districtCode, districtCode, data: input }, now);
  });
}
