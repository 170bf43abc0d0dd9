/**
 * Typed 公开时限 rules, parsed from a catalog item's time-limit text (see parseTimeLimit.ts).
 * Rules are data: a human confirms or edits them, deadlines are computed from them.
 */

/** Character offsets into the parsed text: text.slice(start, end) is the phrase the rule came from. */
export interface Span {
  start: number;
  end: number;
}

/** 工作日, 日/天 (calendar days) or 个月. */
export type WithinUnit = 'workday' | 'day' | 'month';

/** What starts the clock of a `within` rule. */
export type Trigger =
  | 'formed_or_changed' // 信息形成或者变更
  | 'acquired' // 获取信息
  | 'made_or_acquired' // 制定或获取信息
  | 'received' // 收到申请、受理
  | 'approved' // 审批、批准、决定
  | 'completed' // 完成、结束、办结
  | 'other';

export type Period = 'month' | 'quarter' | 'half_year' | 'year';

/**
 * When a periodic disclosure is due inside (or just after) its period. Dates written in the text
 * are due points of the period they follow, never periods of their own (每年公开一次，次年1月底前
 * is one yearly rule due by 31 January of the next year, not a monthly rule).
 */
export interface PeriodicDue {
  /** 每季度的首月 → 1; 每年3月底前 → 3. Without `day` the point is that month's last day. */
  monthOfPeriod?: number;
  /** 20日前 → 20. */
  day?: number;
  /**
   * The month and day count in the period after this one: 次月10日前, 次年1月底前, 下季度首月.
   * Optional and absent on rules stored before it existed, which keep their meaning.
   */
  nextPeriod?: boolean;
  /** 年末/年底/季度末. */
  atEnd?: boolean;
  /** 季度结束后15日内, 年度结束后1个月内. */
  afterEnd?: { amount: number; unit: 'workday' | 'day' | 'month' };
}

export interface WithinRule {
  kind: 'within';
  /** 当天 is 0. */
  amount: number;
  unit: WithinUnit;
  trigger: Trigger;
  /** The event as written, kept when trigger is 'other' so a human can map it. */
  triggerText?: string;
  span: Span;
}

export interface PublicityRule {
  kind: 'publicity';
  /** Minimum number of days the 公示 stays up. */
  amount: number;
  unit: 'workday' | 'day';
  /** What is publicised when the text says so, e.g. 初审对象名单. */
  subject?: string;
  span: Span;
}

export interface PeriodicRule {
  kind: 'periodic';
  every: Period;
  due?: PeriodicDue;
  span: Span;
  /**
   * Where the due point was written when words the parser cannot read stand between it and the
   * period (每月公开上月财务收支，次月10日前): those words stay unparsed, the due point is the rule's.
   * Absent when the due point is inside `span`.
   */
  dueSpan?: Span;
}

/** 长期公开 / 保持长期公开 / 常态公开. */
export interface StandingRule {
  kind: 'standing';
  span: Span;
}

/** 及时 / 随时 without a number: a human must set the number of days. */
export interface PromptRule {
  kind: 'prompt';
  span: Span;
}

/** 法律法规另有规定的从其规定. */
export interface OverrideRule {
  kind: 'override';
  span: Span;
}

export type Rule = WithinRule | PublicityRule | PeriodicRule | StandingRule | PromptRule | OverrideRule;

/** Text the parser could not read, with its offsets. */
export interface UnparsedText {
  text: string;
  start: number;
  end: number;
}

export interface TimeLimitParse {
  rules: Rule[];
  unparsed: UnparsedText[];
}
