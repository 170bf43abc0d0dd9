import type { Pause } from './clock.ts';

/** disclosure: 依申请公开 to a street or district; query: 查询 to a community; objection: 疑义 against a record. */
export const CASE_KINDS = ['disclosure', 'query', 'objection'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const KIND_LABELS: Record<CaseKind, string> = { disclosure: '政府信息公开申请', query: '查询', objection: '疑义' };

export const STATES = ['received', 'correction_requested', 'consulting', 'abandoned', 'escalated', 'replied', 'closed'] as const;
export type CaseState = (typeof STATES)[number];
export const STATE_LABELS: Record<CaseState, string> = {
  received: '已受理，办理中',
  correction_requested: '已告知补正，等待申请人补正',
  consulting: '征求第三方意见中',
  abandoned: '逾期未补正，已终止',
  escalated: '已转街道督办',
  replied: '已答复',
  closed: '已办结',
};

/** The eight reply kinds of 政府信息公开条例 Art. 36/37, each with the opening of its letter. */
export const REPLY_KINDS = {
  already_public: { label: '已主动公开（告知获取方式）', basis: '第三十六条第（一）项', letter: '您申请获取的信息已经主动公开，获取的方式和途径如下：' },
  disclose: { label: '予以公开', basis: '第三十六条第（二）项', letter: '经审查，您申请获取的信息属于可以公开的政府信息，现予以提供：' },
  partial: { label: '部分公开', basis: '第三十七条', letter: '您申请获取的信息中含有不应当公开的内容，但能够作区分处理，现提供可以公开的部分；不予公开部分的理由如下：' },
  refuse: { label: '不予公开', basis: '第三十六条第（三）项', letter: '经审查，您申请获取的信息依法不予公开，理由如下：' },
  not_exist: { label: '信息不存在', basis: '第三十六条第（四）项', letter: '经检索查找，本机关未制作或获取您申请的信息，该信息不存在。' },
  not_ours: { label: '非本机关信息（告知机关）', basis: '第三十六条第（五）项', letter: '您申请获取的信息不属于本机关负责公开，能够确定负责公开该信息的机关如下：' },
  repeat: { label: '重复申请', basis: '第三十六条第（六）项', letter: '本机关已就您申请公开的信息作出答复，您重复申请公开相同政府信息，本机关不再重复处理。' },
  not_handled: { label: '不予处理', basis: '第三十六条第（七）项、第三十八条、第三十九条', letter: '您提出的申请不属于政府信息公开申请的处理范围，本机关不予处理，理由如下：' },
} as const;
export type ReplyKind = keyof typeof REPLY_KINDS;

/** 疑义 outcomes: 维持 (the record stands), 更正 (a corrected version follows), 撤回 (the record is withdrawn). */
export const OUTCOMES = { uphold: '维持', correct: '更正', withdraw: '撤回' } as const;
export type Outcome = keyof typeof OUTCOMES;

export type { Pause };

/** The district's rule for replying to 查询 and 疑义 (it varies by province). */
export interface QueryClockSetting {
  days: number;
  unit: 'calendar' | 'working';
  basis: string;
  allowAnonymous: boolean;
}

export const DEFAULT_QUERY_CLOCK: QueryClockSetting = {
  days: 15,
  unit: 'calendar',
  basis: '参照《上海市村务公开实施办法》：村民对公开内容有疑义的，村民委员会应在15日内答复',
  allowAnonymous: true,
};

/** 信息处理费 of one reply: 按件计收 (the applicant's n-th request this month) or 按量计收 (pages), or none. */
export interface Charge {
  mode: 'none' | 'per_item' | 'per_volume';
  /** Pages provided (按量计收 counts them; recorded whatever the mode). */
  pages: number;
  /** The applicant's requests this calendar month up to this one (按件计收). */
  monthCount: number;
  /** Yuan. */
  fee: number;
  basis: string;
}

/** Art. 35 (unreasonable volume or frequency): reasons asked of the applicant, or a later reply date set and told. */
export interface VolumeMeasure {
  measure: 'ask_reasons' | 'defer';
  on: string;
  note: string;
  /** The reasonable reply date told to the applicant (defer). */
  deferTo: string | null;
}

/** 申请人情况 columns: 自然人, then 法人或其他组织 in five kinds; 总计 is their sum. */
export const APPLICANT_TYPES = {
  person: '自然人',
  business: '商业企业',
  research: '科研机构',
  charity: '社会公益组织',
  legal: '法律服务机构',
  other: '其他',
} as const;
export type ApplicantType = keyof typeof APPLICANT_TYPES;
export const APPLICANT_TYPE_KEYS = Object.keys(APPLICANT_TYPES) as ApplicantType[];
