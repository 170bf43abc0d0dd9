import { z } from 'zod';
import { ValidationError } from '../../platform/errors.ts';
import { chineseDate } from '../../platform/time.ts';
import type { CaseRow } from './repository.ts';
import type { StepContext, StepResult } from './stepContext.ts';
import { chargeInput, chargeOf, CHARGE_MODES } from './charges.ts';
import { volumeInput, volumeStep } from './volume.ts';
import { reasonFor } from './reportRows.ts';
import { OUTCOMES, REPLY_KINDS, type CaseKind, type CaseState, type Outcome, type ReplyKind } from './types.ts';

/*
 * The transitions of a case as data: which kinds and states allow each step, what it asks for
 * and what it changes. handleCase.ts runs them (lock, check, update, trail, audit) in one
 * transaction. A change of received/corrected/pauses/extended recomputes the dates.
 */

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const day = z.string().trim().regex(ISO, { error: '日期格式应为 YYYY-MM-DD' }).optional();
const letter = z.string({ error: '请填写答复内容' }).trim().min(4, { error: '答复内容至少需要 4 个字' }).max(5000, { error: '答复内容不能超过 5000 个字' });

interface StepDef<S extends z.ZodType = z.ZodType> {
  label: string;
  kinds: readonly CaseKind[];
  from: readonly CaseState[];
  input: S;
  run(input: z.output<S>, ctx: StepContext): StepResult;
}

const OPEN: readonly CaseState[] = ['received', 'correction_requested', 'consulting', 'escalated'];
const ALL: readonly CaseKind[] = ['disclosure', 'query', 'objection'];

function dayOf(value: string | undefined, ctx: StepContext, what: string): string {
  const on = value || ctx.today;
  if (on > ctx.today) throw new ValidationError(`${what}不能晚于今天`);
  if (on < ctx.row.receivedOn) throw new ValidationError(`${what}不能早于收到申请的日期`);
  return on;
}

function defineStep<S extends z.ZodType>(def: StepDef<S>): StepDef {
  return def as unknown as StepDef;
}

export const STEPS = {
  assign: defineStep({
    label: '由我办理',
    kinds: ALL,
    from: OPEN,
    input: z.object({}).loose(),
    run: (_i, ctx) => ({ changes: { assignedToId: ctx.actor.id, assignedToName: ctx.actor.name }, note: '已指定承办人' }),
  }),
  request_correction: defineStep({
    label: '告知补正',
    kinds: ['disclosure'],
    from: ['received'],
    input: z.object({ deadline: z.string().trim().regex(ISO, { error: '请填写补正期限（YYYY-MM-DD）' }) }).loose(),
    run: (i, ctx) => {
      if (ctx.row.correctionDeadline) throw new ValidationError('补正只能告知一次（《政府信息公开条例》第三十条）。');
      if (i.deadline <= ctx.today) throw new ValidationError('补正期限应晚于今天。');
      return { changes: { state: 'correction_requested', correctionDeadline: i.deadline }, note: `一次性告知补正，补正期限${chineseDate(i.deadline)}` };
    },
  }),
  correction_received: defineStep({
    label: '收到补正',
    kinds: ['disclosure'],
    from: ['correction_requested'],
    input: z.object({ on: day }).loose(),
    run: (i, ctx) => {
      const on = dayOf(i.on, ctx, '收到补正的日期');
      return { changes: { state: 'received', correctedOn: on }, note: '收到补正后的申请，答复期限重新计算', onDay: on, recompute: true };
    },
  }),
  abandon: defineStep({
    label: '逾期未补正，终止办理',
    kinds: ['disclosure'],
    from: ['correction_requested'],
    input: z.object({}).loose(),
    run: (_i, ctx) => {
      if (!ctx.row.correctionDeadline || ctx.today <= ctx.row.correctionDeadline) throw new ValidationError('补正期限尚未届满，不能按逾期不补正处理。');
      return { changes: { state: 'abandoned' }, note: '申请人逾期未补正，视为放弃申请（第三十条）' };
    },
  }),
  consult_start: defineStep({
    label: '征求第三方意见',
    kinds: ['disclosure'],
    from: ['received'],
    input: z.object({ on: day }).loose(),
    run: (i, ctx) => {
      const on = dayOf(i.on, ctx, '发函日期');
      return { changes: { state: 'consulting', openPauseFrom: on }, note: '书面征求第三方意见，所需时间不计入答复期限（第三十二条）', onDay: on };
    },
  }),
  consult_end: defineStep({
    label: '收到第三方意见',
    kinds: ['disclosure'],
    from: ['consulting'],
    input: z.object({ on: day }).loose(),
    run: (i, ctx) => {
      const on = dayOf(i.on, ctx, '收到答复的日期');
      const from = ctx.row.openPauseFrom ?? on;
      if (on < from) throw new ValidationError('收到答复的日期不能早于发函日期。');
      return { changes: { state: 'received', openPauseFrom: null, pauses: [...ctx.row.pauses, { from, to: on }] }, note: '收到第三方意见，恢复计算答复期限', onDay: on, recompute: true };
    },
  }),
  extend: defineStep({
    label: '延长答复期限',
    kinds: ['disclosure'],
    from: ['received', 'consulting'],
    input: z.object({}).loose(),
    run: (_i, ctx) => {
      if (ctx.row.extended) throw new ValidationError('答复期限只能延长一次。');
      return { changes: { extended: true }, note: '经负责人同意延长答复期限，已告知申请人（第三十三条）', recompute: true };
    },
  }),
  reply: defineStep({
    label: '作出答复',
    kinds: ['disclosure'],
    from: ['received'],
    input: z.object({ replyKind: z.enum(Object.keys(REPLY_KINDS) as [ReplyKind, ...ReplyKind[]], { error: '请选择答复类型' }), replyReason: z.string().trim().max(40).optional(), replyText: letter }).extend(chargeInput.shape).loose(),
    run: (i, ctx) => {
      // The reason decides the annual report's row (不予公开 第几项, 不予处理 第几项).
      const replyReason = reasonFor(i.replyKind, i.replyReason || undefined);
      if (!replyReason) throw new ValidationError(`“${REPLY_KINDS[i.replyKind].label}”请选择具体理由。`);
      const charge = chargeOf(i, ctx.monthCount);
      const fee = charge.fee > 0 ? `，收取信息处理费${charge.fee}元（${CHARGE_MODES[charge.mode]}）` : '';
      return { changes: { state: 'replied', replyKind: i.replyKind, replyReason, replyText: i.replyText, repliedOn: ctx.today, charge }, note: `答复：${REPLY_KINDS[i.replyKind].label}${fee}` };
    },
  }),
  volume: defineStep({
    label: '申请数量、频次明显超过合理范围（第三十五条）',
    kinds: ['disclosure'],
    from: ['received'],
    input: volumeInput,
    run: (i, ctx) => volumeStep(i, ctx),
  }),
  answer: defineStep({
    label: '答复',
    kinds: ['query', 'objection'],
    from: ['received', 'escalated'],
    input: z.object({ outcome: z.enum(Object.keys(OUTCOMES) as [Outcome, ...Outcome[]]).optional(), replyText: letter }).loose(),
    run: (i, ctx) => {
      if (ctx.row.kind === 'objection' && !i.outcome) throw new ValidationError('请选择处理结果：维持、更正或撤回。');
      const outcome = ctx.row.kind === 'objection' ? (i.outcome ?? null) : null;
      // After a dispute the first answer's day stays what compliance counts (it was on time or not then).
      return { changes: { state: 'replied', outcome, replyText: i.replyText, repliedOn: ctx.row.repliedOn ?? ctx.today }, note: outcome ? `答复：${OUTCOMES[outcome]}` : '已答复' };
    },
  }),
  escalate: defineStep({
    label: '转街道督办',
    kinds: ['query', 'objection'],
    from: ['received'],
    input: z.object({}).loose(),
    run: () => ({ changes: { state: 'escalated' }, note: '未按期答复或对答复有争议，转街道督办' }),
  }),
  dispute: defineStep({
    label: '居民对答复有异议，转街道督办',
    kinds: ['query', 'objection'],
    from: ['replied'],
    input: z.object({}).loose(),
    run: (_i, ctx) => ({ changes: { state: 'escalated', disputedOn: ctx.today }, note: '居民对答复有异议，转街道督办' }),
  }),
  close: defineStep({
    label: '办结',
    kinds: ALL,
    from: ['replied'],
    input: z.object({}).loose(),
    run: () => ({ changes: { state: 'closed' }, note: '办结' }),
  }),
} as const;

export type StepName = keyof typeof STEPS;
export const STEP_NAMES = Object.keys(STEPS) as StepName[];

/** The steps a case may take now (the staff page offers only these). */
export function stepsFor(row: Pick<CaseRow, 'kind' | 'state'>): StepName[] {
  return STEP_NAMES.filter((n) => STEPS[n].kinds.includes(row.kind) && STEPS[n].from.includes(row.state));
}
