/*
 * The 公开时限 phrasings districts really write (issue 10), each with the rules a careful reader
 * would write and the text left for a human. Found in published 村务公开/居务公开/基层政务公开
 * 目录 (每季度的首个月20日, 随时公布, 实时公开, 自信息形成或者变更之日起20个工作日内及时公开,
 * 每季度至少公布一次, 更改内容后一周内, …) and in the time limits new users tried.
 *
 * `at` is the text of the rule's span: every rule says which words it was read from.
 */
import { describe, expect, it } from 'vitest';
import { describeRule } from './describe.ts';
import { parseTimeLimit } from './parseTimeLimit.ts';
import type { Rule } from './types.ts';

type Expected = Record<string, unknown> & { kind: Rule['kind']; at: string };

const PHRASINGS: [string, Expected[], string[]?][] = [
  // Days after an event: spaced numbers, Chinese numerals, 内 left out after 之日起, 一周.
  ['信息形成或者变更之日起 20 个工作日内', [{ kind: 'within', amount: 20, unit: 'workday', trigger: 'formed_or_changed', at: '信息形成或者变更之日起 20 个工作日内' }]],
  ['自信息形成或者变更之日起 20 个工作日内予以公开', [{ kind: 'within', amount: 20, unit: 'workday', trigger: 'formed_or_changed', at: '自信息形成或者变更之日起 20 个工作日内' }]],
  ['之日起 20 个工作日内', [{ kind: 'within', amount: 20, unit: 'workday', trigger: 'other', at: '之日起 20 个工作日内' }]],
  ['自信息形成或者变更之日起二十个工作日内', [{ kind: 'within', amount: 20, unit: 'workday', trigger: 'formed_or_changed', at: '自信息形成或者变更之日起二十个工作日内' }]],
  ['信息形成之日起十五个工作日内', [{ kind: 'within', amount: 15, unit: 'workday', trigger: 'formed_or_changed', at: '信息形成之日起十五个工作日内' }]],
  ['信息形成之日起两个月内', [{ kind: 'within', amount: 2, unit: 'month', trigger: 'formed_or_changed', at: '信息形成之日起两个月内' }]],
  ['信息形成或变更之日起20个工作日', [{ kind: 'within', amount: 20, unit: 'workday', trigger: 'formed_or_changed', at: '信息形成或变更之日起20个工作日' }]],
  ['自信息形成或者变更之日起20个工作日内及时公开', [{ kind: 'within', amount: 20, unit: 'workday', trigger: 'formed_or_changed', at: '自信息形成或者变更之日起20个工作日内及时' }]],
  ['变更后5个工作日内更新', [{ kind: 'within', amount: 5, unit: 'workday', trigger: 'formed_or_changed', at: '变更后5个工作日内' }]],
  ['更改内容后一周内', [{ kind: 'within', amount: 7, unit: 'day', trigger: 'formed_or_changed', at: '更改内容后一周内' }]],
  // 批复 / 批准 / 作出决定 / 通过 start the clock at the approval.
  ['批复后20日内', [{ kind: 'within', amount: 20, unit: 'day', trigger: 'approved', at: '批复后20日内' }]],
  ['项目批准之日起10个工作日内', [{ kind: 'within', amount: 10, unit: 'workday', trigger: 'approved', at: '项目批准之日起10个工作日内' }]],
  ['作出决定之日起5个工作日内', [{ kind: 'within', amount: 5, unit: 'workday', trigger: 'approved', at: '作出决定之日起5个工作日内' }]],
  ['收到上级批复后7日内公开', [{ kind: 'within', amount: 7, unit: 'day', trigger: 'approved', at: '收到上级批复后7日内' }]],
  ['审议通过之日起5个工作日内', [{ kind: 'within', amount: 5, unit: 'workday', trigger: 'approved', at: '审议通过之日起5个工作日内' }]],
  ['经村民代表会议表决通过后7日内公示，公示期不少于7天', [{ kind: 'within', amount: 7, unit: 'day', trigger: 'approved', at: '经村民代表会议表决通过后7日内' }, { kind: 'publicity', amount: 7, unit: 'day', at: '公示期不少于7天' }]],
  ['工程竣工验收后15日内', [{ kind: 'within', amount: 15, unit: 'day', trigger: 'completed', at: '工程竣工验收后15日内' }]],
  ['会议结束后次日公开', [{ kind: 'within', amount: 1, unit: 'day', trigger: 'completed', at: '会议结束后次日' }]],
  ['选举结果当日公布', [{ kind: 'within', amount: 0, unit: 'day', trigger: 'other', triggerText: '选举结果', at: '选举结果当日' }]],
  // No number of days: a human sets them (prompt); standing disclosures.
  ['事后公开', [{ kind: 'prompt', at: '事后' }]],
  ['事后及时公开', [{ kind: 'prompt', at: '事后及时' }]],
  ['实时更新', [{ kind: 'prompt', at: '实时' }]],
  ['随时公布', [{ kind: 'prompt', at: '随时' }]],
  ['重大事项随时公开', [{ kind: 'prompt', at: '随时' }], ['重大事项']],
  ['长期', [{ kind: 'standing', at: '长期' }]],
  ['常年公开', [{ kind: 'standing', at: '常年公开' }]],
  // How long a 公示 stays up.
  ['公示 7 天', [{ kind: 'publicity', amount: 7, unit: 'day', at: '公示 7 天' }]],
  ['公示期为七天', [{ kind: 'publicity', amount: 7, unit: 'day', at: '公示期为七天' }]],
  ['张榜公示不少于7日', [{ kind: 'publicity', amount: 7, unit: 'day', at: '张榜公示不少于7日' }]],
  ['公告期30日', [{ kind: 'publicity', amount: 30, unit: 'day', at: '公告期30日' }]],
  // Periods, with or without 每; 每三个月 and 每年两次 are periods too.
  ['半年公开一次', [{ kind: 'periodic', every: 'half_year', at: '半年公开一次' }]],
  ['每半年公开一次', [{ kind: 'periodic', every: 'half_year', at: '每半年公开一次' }]],
  ['一年公开一次', [{ kind: 'periodic', every: 'year', at: '一年公开一次' }]],
  ['每年两次', [{ kind: 'periodic', every: 'half_year', at: '每年两次' }]],
  ['每三个月公布一次', [{ kind: 'periodic', every: 'quarter', at: '每三个月公布一次' }]],
  ['至少每季度公开一次', [{ kind: 'periodic', every: 'quarter', at: '至少每季度公开一次' }]],
  ['每季度至少公布一次', [{ kind: 'periodic', every: 'quarter', at: '每季度至少公布一次' }]],
  ['上半年、下半年各公开一次', [{ kind: 'periodic', every: 'half_year', at: '上半年、下半年各公开一次' }]],
  // A date after a period is its due point: one rule, never a second period.
  ['每季度公开一次，季度结束后10日内', [{ kind: 'periodic', every: 'quarter', due: { afterEnd: { amount: 10, unit: 'day' } }, at: '每季度公开一次，季度结束后10日内' }]],
  ['每年公开一次，次年1月底前', [{ kind: 'periodic', every: 'year', due: { nextPeriod: true, monthOfPeriod: 1 }, at: '每年公开一次，次年1月底前' }]],
  ['次年一月底前', [{ kind: 'periodic', every: 'year', due: { nextPeriod: true, monthOfPeriod: 1 }, at: '次年一月底前' }]],
  ['每月10日前', [{ kind: 'periodic', every: 'month', due: { day: 10 }, at: '每月10日前' }]],
  ['每月10日前公开上月财务收支', [{ kind: 'periodic', every: 'month', due: { day: 10 }, at: '每月10日前' }], ['公开上月财务收支']],
  ['每季度第一个月10日前', [{ kind: 'periodic', every: 'quarter', due: { monthOfPeriod: 1, day: 10 }, at: '每季度第一个月10日前' }]],
  ['每季度的首个月20日', [{ kind: 'periodic', every: 'quarter', due: { monthOfPeriod: 1, day: 20 }, at: '每季度的首个月20日' }]],
  ['每年3月底前', [{ kind: 'periodic', every: 'year', due: { monthOfPeriod: 3 }, at: '每年3月底前' }]],
  ['每年12月31日前', [{ kind: 'periodic', every: 'year', due: { monthOfPeriod: 12, day: 31 }, at: '每年12月31日前' }]],
  ['每年1月份公开上年度情况', [{ kind: 'periodic', every: 'year', due: { monthOfPeriod: 1 }, at: '每年1月份' }], ['公开上年度情况']],
  ['年初公开', [{ kind: 'periodic', every: 'year', due: { monthOfPeriod: 1 }, at: '年初' }]],
  ['年终公开', [{ kind: 'periodic', every: 'year', due: { atEnd: true }, at: '年终' }]],
  ['每年上半年公开', [{ kind: 'periodic', every: 'year', due: { monthOfPeriod: 6 }, at: '每年上半年' }]],
  ['每季度末', [{ kind: 'periodic', every: 'quarter', due: { atEnd: true }, at: '每季度末' }]],
  ['每月月底前', [{ kind: 'periodic', every: 'month', due: { atEnd: true }, at: '每月月底前' }]],
  ['季后15日内', [{ kind: 'periodic', every: 'quarter', due: { afterEnd: { amount: 15, unit: 'day' } }, at: '季后15日内' }]],
  ['年度结束后1个月内', [{ kind: 'periodic', every: 'year', due: { afterEnd: { amount: 1, unit: 'month' } }, at: '年度结束后1个月内' }]],
  ['每半年公开一次，半年结束后15日内', [{ kind: 'periodic', every: 'half_year', due: { afterEnd: { amount: 15, unit: 'day' } }, at: '每半年公开一次，半年结束后15日内' }]],
  ['按月公开，次月5日前', [{ kind: 'periodic', every: 'month', due: { nextPeriod: true, day: 5 }, at: '按月公开，次月5日前' }]],
  ['每季度公开一次，次月15日前', [{ kind: 'periodic', every: 'quarter', due: { nextPeriod: true, day: 15 }, at: '每季度公开一次，次月15日前' }]],
  ['下一季度首月10日前', [{ kind: 'periodic', every: 'quarter', due: { nextPeriod: true, monthOfPeriod: 1, day: 10 }, at: '下一季度首月10日前' }]],
  // Scope words and what cannot be read are shown, never dropped and never guessed.
  ['一般事项每季度至少公布一次，财务往来较多的每月公布一次', [{ kind: 'periodic', every: 'quarter', at: '每季度至少公布一次' }, { kind: 'periodic', every: 'month', at: '每月公布一次' }], ['一般事项', '财务往来较多的']],
  ['每季度首月10日前公开，重大事项随时公开', [{ kind: 'periodic', every: 'quarter', due: { monthOfPeriod: 1, day: 10 }, at: '每季度首月10日前' }, { kind: 'prompt', at: '随时' }], ['重大事项']],
  ['信息形成或变更之日起20个工作日内，长期公开，动态更新', [{ kind: 'within', amount: 20, unit: 'workday', trigger: 'formed_or_changed', at: '信息形成或变更之日起20个工作日内' }, { kind: 'standing', at: '长期公开，动态更新' }]],
  // A due point apart from its period joins it; one that names another period is a rule of its own.
  ['每月公开上月财务收支，次月10日前', [{ kind: 'periodic', every: 'month', due: { nextPeriod: true, day: 10 }, at: '每月', dueAt: '次月10日前' }], ['公开上月财务收支']],
  ['每年公开上年度情况，次年1月底前', [{ kind: 'periodic', every: 'year', due: { nextPeriod: true, monthOfPeriod: 1 }, at: '每年', dueAt: '次年1月底前' }], ['公开上年度情况']],
  ['每季度公开，重大事项及时公开，季度结束后10日内', [{ kind: 'periodic', every: 'quarter', due: { afterEnd: { amount: 10, unit: 'day' } }, at: '每季度', dueAt: '季度结束后10日内' }, { kind: 'prompt', at: '及时' }], ['重大事项']],
  ['每月公开一次，年底前公开全年收支', [{ kind: 'periodic', every: 'month', at: '每月公开一次' }, { kind: 'periodic', every: 'year', due: { atEnd: true }, at: '年底前' }], ['公开全年收支']],
  ['按季度公开，每季度第一个月15日前', [{ kind: 'periodic', every: 'quarter', due: { monthOfPeriod: 1, day: 15 }, at: '按季度公开，每季度第一个月15日前' }]],
  ['每年第一季度', [{ kind: 'periodic', every: 'year', due: { monthOfPeriod: 3 }, at: '每年第一季度' }]],
  ['每年公开一次，年初', [{ kind: 'periodic', every: 'year', due: { monthOfPeriod: 1 }, at: '每年公开一次，年初' }]],
  ['于每季度结束后15日内公开', [{ kind: 'periodic', every: 'quarter', due: { afterEnd: { amount: 15, unit: 'day' } }, at: '每季度结束后15日内' }]],
  ['村务公开栏每季度更新一次', [{ kind: 'periodic', every: 'quarter', at: '每季度更新一次' }], ['村务公开栏']],
  ['每月公开一次，每年1月公开上年度', [{ kind: 'periodic', every: 'month', at: '每月公开一次' }, { kind: 'periodic', every: 'year', due: { monthOfPeriod: 1 }, at: '每年1月' }], ['公开上年度']],
  ['下半年前', [{ kind: 'periodic', every: 'year', due: { atEnd: true }, at: '下半年前' }]],
  // 年初 / 上半年 in a content cell are no time limit.
  ['年度财务预算、上半年财务收支情况', [], ['年度财务预算、上半年财务收支情况']],
  ['每学期公开一次', [], ['每学期公开一次']],
  ['1月底前', [], ['1月底前']],
  ['同上', [], ['同上']],
  // More phrasings from real catalogs.
  ['长期公开，动态更新', [{ kind: 'standing', at: '长期公开，动态更新' }]],
  ['动态更新', [{ kind: 'prompt', at: '动态更新' }]],
  ['每月公开一次，次月底前', [{ kind: 'periodic', every: 'month', due: { nextPeriod: true }, at: '每月公开一次，次月底前' }]],
  ['公示期一周', [{ kind: 'publicity', amount: 7, unit: 'day', at: '公示期一周' }]],
  ['每年公开两次', [{ kind: 'periodic', every: 'half_year', at: '每年公开两次' }]],
  ['每季度的首月32日前公开', [{ kind: 'periodic', every: 'quarter', at: '每季度' }], ['的首月32日前公开']],
];

describe('公开时限 phrasings', () => {
  it('covers at least 40 phrasings', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(PHRASINGS)('%s', (text, rules, unparsed = []) => {
    const parse = parseTimeLimit(text);
    const read = parse.rules.map(({ span, ...rest }) => {
      const { dueSpan, ...rule } = rest as typeof rest & { dueSpan?: { start: number; end: number } };
      const at = text.slice(span.start, span.end);
      return dueSpan ? { ...rule, at, dueAt: text.slice(dueSpan.start, dueSpan.end) } : { ...rule, at };
    });
    expect({ rules: read, unparsed: parse.unparsed.map((u) => u.text) }).toEqual({ rules, unparsed });
  });
});

describe('describeRule for the due points residents read', () => {
  it.each([
    ['每年公开一次，次年1月底前', '每年公开一次，次年1月底前'],
    ['每季度公开一次，季度结束后10日内', '每季度公开一次，季度结束后 10 日内'],
    ['年度结束后1个月内', '每年公开一次，年度结束后 1 个月内'],
    ['每季度公开一次，次月15日前', '每季度公开一次，次月15日前'],
    ['每月公开一次，次月底前', '每月公开一次，次月底前'],
    ['下一季度首月10日前', '每季度公开一次，下季度首月10日前'],
    ['每季度第一个月10日前', '每季度公开一次，首月10日前'],
    ['每年3月底前', '每年公开一次，3月底前'],
    ['每年12月31日前', '每年公开一次，12月31日前'],
    ['每季度末', '每季度公开一次，季度末前'],
    ['年终公开', '每年公开一次，年底前'],
    ['半年公开一次', '每半年公开一次'],
    ['批复后20日内', '审批决定之日起 20 日内公开'],
    ['更改内容后一周内', '信息形成或变更之日起 7 日内公开'],
  ])('%s → %s', (text, description) => {
    expect(parseTimeLimit(text).rules.map(describeRule)).toEqual([description]);
  });
});
