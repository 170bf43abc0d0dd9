import type { CaseRow } from './repository.ts';
import type { ReplyKind } from './types.ts';

/*
 * The rows and columns of table 三 of the annual report (国办公开办函〔2021〕30号,
 * 《中华人民共和国政府信息公开工作年度报告格式》) as data, and where each case lands in it.
 * A reply kind that the table splits by reason (不予公开, 无法提供, 不予处理) needs the reason
 * the handler chose with the reply; the reply form offers the reasons of the kind chosen.
 */

export { APPLICANT_TYPES, APPLICANT_TYPE_KEYS, type ApplicantType } from './types.ts';

/** One counted row of 本年度办理结果; `group` is the heading it sits under ((三)–(六)), null for (一)/(二). */
export interface ResultRow {
  key: string;
  group: ResultGroup | null;
  label: string;
}

export type ResultGroup = 'refuse' | 'unable' | 'not_handled' | 'other';
export const GROUP_LABELS: Record<ResultGroup, string> = {
  refuse: '（三）不予公开',
  unable: '（四）无法提供',
  not_handled: '（五）不予处理',
  other: '（六）其他处理',
};

export const RESULT_ROWS: readonly ResultRow[] = [
  { key: 'disclose', group: null, label: '（一）予以公开' },
  { key: 'partial', group: null, label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { key: 'refuse_secret', group: 'refuse', label: '1.属于国家秘密' },
  { key: 'refuse_law', group: 'refuse', label: '2.其他法律行政法规禁止公开' },
  { key: 'refuse_safety', group: 'refuse', label: '3.危及“三安全一稳定”' },
  { key: 'refuse_third_party', group: 'refuse', label: '4.保护第三方合法权益' },
  { key: 'refuse_internal', group: 'refuse', label: '5.属于三类内部事务信息' },
  { key: 'refuse_process', group: 'refuse', label: '6.属于四类过程性信息' },
  { key: 'refuse_enforcement', group: 'refuse', label: '7.属于行政执法案卷' },
  { key: 'refuse_inquiry', group: 'refuse', label: '8.属于行政查询事项' },
  { key: 'unable_not_held', group: 'unable', label: '1.本机关不掌握相关政府信息' },
  { key: 'unable_must_create', group: 'unable', label: '2.没有现成信息需要另行制作' },
  { key: 'unable_unclear', group: 'unable', label: '3.补正后申请内容仍不明确' },
  { key: 'nh_petition', group: 'not_handled', label: '1.信访举报投诉类申请' },
  { key: 'nh_repeat', group: 'not_handled', label: '2.重复申请' },
  { key: 'nh_publication', group: 'not_handled', label: '3.要求提供公开出版物' },
  { key: 'nh_bulk', group: 'not_handled', label: '4.无正当理由大量反复申请' },
  { key: 'nh_confirm', group: 'not_handled', label: '5.要求行政机关确认或重新出具已获取信息' },
  { key: 'other_no_correction', group: 'other', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  { key: 'other_unpaid', group: 'other', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  { key: 'other_other', group: 'other', label: '3.其他' },
];
export type ResultKey = (typeof RESULT_ROWS)[number]['key'];

/**
 * The reasons a handler picks with a reply, per reply kind. A kind with one row needs no choice;
 * 不予公开 and 不予处理 must say which (the reply step refuses them without).
 */
export const REASONS_OF: Record<ReplyKind, readonly string[]> = {
  already_public: ['disclose'],
  disclose: ['disclose'],
  partial: ['partial'],
  refuse: ['refuse_secret', 'refuse_law', 'refuse_safety', 'refuse_third_party', 'refuse_internal', 'refuse_process', 'refuse_enforcement', 'refuse_inquiry'],
  // 信息不存在 (Art. 36(4)) and 非本机关信息 (Art. 36(5)) are both “本机关不掌握” in the table.
  not_exist: ['unable_not_held'],
  not_ours: ['unable_not_held'],
  repeat: ['nh_repeat'],
  not_handled: ['unable_must_create', 'unable_unclear', 'nh_petition', 'nh_publication', 'nh_bulk', 'nh_confirm'],
};

export const RESULT_LABEL = new Map(RESULT_ROWS.map((r) => [r.key, r.label]));

/** Whether the reply form must ask for a reason with this kind. */
export function needsReason(kind: ReplyKind): boolean {
  return REASONS_OF[kind].length > 1;
}

/** The reason stored with a reply: the only one of its kind, or the one chosen (checked to belong). */
export function reasonFor(kind: ReplyKind, chosen: string | undefined): string | null {
  const allowed = REASONS_OF[kind];
  if (allowed.length === 1) return allowed[0]!;
  return chosen && allowed.includes(chosen) ? chosen : null;
}

/**
 * The row a finished disclosure request is counted in, or null while it is still being handled
 * (then it is carried over). A reply without a usable reason (made before reasons were asked)
 * falls under （六）3.其他, so the table still adds up; the report lists how many did.
 */
export function resultRowOf(c: Pick<CaseRow, 'state' | 'replyKind' | 'replyReason'>): ResultKey | null {
  if (c.state === 'abandoned') return 'other_no_correction';
  if (!c.replyKind) return null;
  return (reasonFor(c.replyKind, c.replyReason ?? undefined) as ResultKey | null) ?? 'other_other';
}

/**
 * The fee charged for a request, in yuan (Art. 42, 国办函〔2020〕109号). The only place the report
 * reads charges: the fee the reply step computed from the bands (charges.ts); a request replied
 * to without a charge counts as 0.
 */
export function feeOf(c: CaseRow): number {
  return c.charge?.fee ?? 0;
}
