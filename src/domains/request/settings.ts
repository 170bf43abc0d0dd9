import { z } from 'zod';
import type { Deps } from '../../platform/context.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import type { SessionUser, StaffActor } from '../../platform/principal.ts';
import { parseInput } from '../../platform/validate.ts';
import { querySettingOf } from './caseClock.ts';
import * as repo from './repository.ts';
import type { QueryClockSetting } from './types.ts';

const settingInput = z.object({
  days: z.coerce.number({ error: '答复期限应为 1 到 60 天' }).int({ error: '答复期限应为整数' }).min(1, { error: '答复期限至少 1 天' }).max(60, { error: '答复期限不能超过 60 天' }),
  unit: z.enum(['calendar', 'working'], { error: '请选择按自然日还是工作日计算' }),
  basis: z.string({ error: '请写明依据' }).trim().min(4, { error: '请写明依据（至少 4 个字）' }).max(300, { error: '依据不能超过 300 个字' }),
  allowAnonymous: z.preprocess((v) => v === 'on' || v === '1' || v === true, z.boolean()),
});

/**
 * Starting points for the provinces whose rules differ (the admin checks the basis against the
 * province's current text and may edit it). 重庆's second stage — the township's 10 days — is
 * the street's 督办 of a case left unanswered (compliance CASE_ORDER_WORKDAYS).
 */
export const QUERY_PRESETS = {
  shandong: { label: '山东：5日', days: 5, unit: 'calendar', basis: '山东省村务公开规定：村民对公开内容有疑问的，村民委员会应当在5日内作出解释和答复', allowAnonymous: true },
  chongqing: {
    label: '重庆：3日（再由乡镇10日）',
    days: 3,
    unit: 'calendar',
    basis: '重庆市村务公开规定：村民对公开内容有疑义的，村民委员会应当在3日内答复；未答复或对答复有异议的，由乡镇人民政府在10日内调查处理',
    allowAnonymous: true,
  },
  shanghai: { label: '上海：15日', days: 15, unit: 'calendar', basis: '参照《上海市村务公开实施办法》：村民对公开内容有疑义的，村民委员会应在15日内答复', allowAnonymous: true },
  zhejiang: { label: '浙江：20日', days: 20, unit: 'calendar', basis: '浙江省村务公开规定：村民对公开内容有异议的，乡镇人民政府应当在20日内调查核实并答复', allowAnonymous: true },
} as const satisfies Record<string, QueryClockSetting & { label: string }>;

export type QueryPreset = keyof typeof QUERY_PRESETS;

const presetInput = z.object({ preset: z.enum(Object.keys(QUERY_PRESETS) as [QueryPreset, ...QueryPreset[]], { error: '没有这个预设' }) });

export function assertDistrictAdmin(user: SessionUser): void {
  if (user.role !== 'district_admin') throw new ForbiddenError('只有区县管理员可以设置查询和疑义的答复期限。');
}

/** The district's current 查询/疑义 clock, for its admin's settings page. */
export async function querySettingFor(deps: Deps, user: SessionUser): Promise<QueryClockSetting> {
  assertDistrictAdmin(user);
  return querySettingOf(deps.db.orm, user.districtCode);
}

/**
 * The district admin sets how soon communities must answer 查询 and 疑义 (provincial rules
 * differ): the fields, or one of the presets (`{ preset: 'shandong' }`). Audited with the values.
 * Cases already received keep their dates; new ones use the new clock.
 */
export async function setQuerySetting(deps: Deps, actor: StaffActor, raw: unknown): Promise<QueryClockSetting> {
  assertDistrictAdmin(actor.user);
  const body = (raw ?? {}) as Record<string, unknown>;
  const preset = body.preset !== undefined ? parseInput(presetInput, raw).preset : null;
  const input = preset ? { ...QUERY_PRESETS[preset], label: undefined } : parseInput(settingInput, raw);
  const value: QueryClockSetting = { days: input.days, unit: input.unit, basis: input.basis, allowAnonymous: input.allowAnonymous };
  const now = deps.clock.now();
  const districtCode = actor.user.districtCode;
  await deps.db.transaction(async (tx) => {
    await repo.upsertQuerySetting(tx, { districtCode, ...value, updatedAt: now });
    await appendAudit(tx, actor, { action: 'request.query_setting', subjectType: 'request_query_setting', subjectId: districtCode, districtCode, data: { ...value, preset } }, now);
  });
  return value;
}
