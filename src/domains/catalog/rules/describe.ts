import type { Rule, Trigger } from './types.ts';

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

/** One rule in plain Chinese, as staff confirm it and residents read it. */
export function describeRule(rule: Rule): string {
  switch (rule.kind) {
    case 'within':
      return rule.amount === 0
        ? `${rule.triggerText ?? TRIGGERS[rule.trigger]}当天公开`
        : `${rule.triggerText ?? TRIGGERS[rule.trigger]}之日起 ${rule.amount} ${UNITS[rule.unit]}内公开`;
    case 'publicity':
      return `公示 ${rule.amount} ${UNITS[rule.unit]}${rule.subject ? `（${rule.subject}）` : ''}`;
    case 'periodic': {
      const due = rule.due;
      const point = !due
        ? ''
        : due.atEnd
          ? '，期末公开'
          : due.afterEnd
            ? `，期满后 ${due.afterEnd.amount} ${UNITS[due.afterEnd.unit]}内`
            : `，${due.monthOfPeriod ? `第 ${due.monthOfPeriod} 个月` : ''}${due.day ? `${due.day}日前` : ''}`;
      return `${PERIODS[rule.every]}公开一次${point}`;
    }
    case 'standing':
      return '长期公开';
    case 'prompt':
      return '及时公开（具体天数待定）';
    case 'override':
      return '法律法规另有规定的，从其规定';
  }
}
