import { z } from 'zod';
import { ValidationError } from '../../platform/errors.ts';
import { chineseDate } from '../../platform/time.ts';
import { answerDueOf } from './complianceLink.ts';
import type { StepContext, StepResult } from './stepContext.ts';

/*
 * 政府信息公开条例 Art. 35: when the number or frequency of an applicant's requests clearly
 * exceeds a reasonable range, the agency may ask for reasons (unreasonable reasons → 不予处理,
 * the reply kind not_handled); when the reasons are reasonable but the Art. 33 time is not
 * enough, it sets a reasonable later reply date and tells the applicant. Recorded on the case
 * (volume); a deferral moves the date the answer is owed (answerDueOf), once.
 */

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export const VOLUME_MEASURES = { ask_reasons: '要求申请人说明理由', defer: '确定延迟答复的合理期限并告知申请人' } as const;

export const volumeInput = z
  .object({
    measure: z.enum(['ask_reasons', 'defer'], { error: '请选择处理方式：要求说明理由，或确定延迟答复的期限' }),
    note: z.string({ error: '请写明申请数量、频次的情况' }).trim().min(4, { error: '请写明申请数量、频次的情况（至少 4 个字）' }).max(500, { error: '说明不能超过 500 个字' }),
    deferTo: z.string().trim().regex(ISO, { error: '延迟答复期限的格式应为 YYYY-MM-DD' }).optional().or(z.literal('')),
  })
  .loose();

export function volumeStep(i: z.output<typeof volumeInput>, ctx: StepContext): StepResult {
  const before = ctx.row.volume;
  if (before?.measure === 'defer') throw new ValidationError('已经确定过延迟答复的期限，不能再次延迟。');
  if (i.measure === 'ask_reasons') {
    if (before) throw new ValidationError('已经要求申请人说明理由。');
    return { changes: { volume: { measure: 'ask_reasons', on: ctx.today, note: i.note, deferTo: null } }, note: '申请数量、频次明显超过合理范围，要求申请人说明理由（第三十五条）' };
  }
  if (!i.deferTo) throw new ValidationError('请填写延迟答复的合理期限。');
  const due = answerDueOf(ctx.row);
  if (i.deferTo <= ctx.today) throw new ValidationError('延迟答复的期限应晚于今天。');
  if (due && i.deferTo <= due) throw new ValidationError(`延迟答复的期限应晚于原答复期限${chineseDate(due)}。`);
  return {
    changes: { volume: { measure: 'defer', on: ctx.today, note: i.note, deferTo: i.deferTo } },
    note: `申请理由合理但无法在规定期限内答复，确定延迟至${chineseDate(i.deferTo)}前答复并已告知申请人（第三十五条）`,
  };
}
