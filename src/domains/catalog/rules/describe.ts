import type { PeriodicRule, Rule, Trigger } from './types.ts';

const TRIGGERS: Record<Trigger, string> = {
  formed_or_changed: '信息形成或变更',
  acquired: '获取信息',
  made_or_acquired: '制定或获取信息',
  received: '收到申请',
  approved: '审批决定',
  completed: '事项完成',
  other: '相关事项发生',
};
const UNITS = { workday: '个工作日', day: '日', month: '个月' } as const;
const PERIODS = { month: '每月', quarter: '每季度', half_year: '每半年', year: '每年' } as const;
const NAMES = { month: '月度', quarter: '季度', half_year: '半年', year: '年度' } as const;
const ENDS = { month: '月底前', quarter: '季度末前', half_year: '半年末前', year: '年底前' } as const;
const NEXT = { month: '次月', quarter: '下季度', half_year: '下个半年', year: '次年' } as const;

/** The month a due point names, as residents write it: 3月 in a year, 首月 / 第 2 个月 otherwise. */
function monthWords(rule: PeriodicRule, month: number): string {
  if (rule.every === 'year') return `${month}月`;
  return month === 1 ? '首月' : `第 ${month} 个月`;
}

/** 次年1月底前, 次月10日前, 3月底前, 首月20日前: where in (or after) the period the rule is due. */
function duePoint(rule: PeriodicRule): string {
  const due = rule.due;
  if (!due) return '';
  if (due.afterEnd) return `，${NAMES[rule.every]}结束后 ${due.afterEnd.amount} ${UNITS[due.afterEnd.unit]}内`;
  if (due.atEnd) return `，${ENDS[rule.every]}`;
  const month = due.monthOfPeriod;
  let where = '';
  if (due.nextPeriod) where = month ? `${NEXT[rule.every]}${monthWords(rule, month)}` : '次月';
  else if (month) where = monthWords(rule, month);
  // A month without a day is due by the month's last day.
  const day = due.day ? `${due.day}日前` : where ? '底前' : '';
  return where || day ? `，${where}${day}` : '';
}

/** One rule in plain Chinese, as staff confirm it and residents read it. */
export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'within':
      return rule.amount === 0
        ? `${rule.triggerText ?? TRIGGERS[rule.trigger]}当天公开`
        : `${rule.triggerText ?? TRIGGERS[rule.trigger]}之日起 ${rule.amount} ${UNITS[rule.unit]}内公开`;
    case 'publicity':
      return `公示 ${rule.amount} ${UNITS[rule.unit]}${rule.subject ? `（${rule.subject}）` : ''}`;
    case 'periodic':
      return `${PERIODS[rule.every]}公开一次${duePoint(rule)}`;
    case 'standing':
      return '长期公开';
    case 'prompt':
      return '及时公开（具体天数待定）';
    case 'override':
      return '法律法规另有规定的，从其规定';
  }
}
