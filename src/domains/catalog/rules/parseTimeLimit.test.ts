import { describe, expect, it } from 'vitest';
import { parseNumber } from './numerals.ts';
import { parseTimeLimit } from './parseTimeLimit.ts';
import type { Rule } from './types.ts';

type Bare = Rule extends infer R ? (R extends Rule ? Omit<R, 'span'> : never) : never;

/** Rules without their spans, for compact expectations. */
function bare(text: string): { rules: Bare[]; unparsed: string[] } {
  const { rules, unparsed } = parseTimeLimit(text);
  return { rules: rules.map(({ span: _span, ...rule }) => rule as Bare), unparsed: unparsed.map((u) => u.text) };
}

const within = (amount: number, unit: 'workday' | 'day' | 'month', trigger: string, triggerText?: string): Bare =>
  (triggerText ? { kind: 'within', amount, unit, trigger, triggerText } : { kind: 'within', amount, unit, trigger }) as Bare;
const publicity = (amount: number, unit: 'workday' | 'day', subject?: string): Bare =>
  (subject ? { kind: 'publicity', amount, unit, subject } : { kind: 'publicity', amount, unit }) as Bare;
const periodic = (every: string, due?: object): Bare => (due ? { kind: 'periodic', every, due } : { kind: 'periodic', every }) as Bare;
const standing: Bare = { kind: 'standing' };
const prompt: Bare = { kind: 'prompt' };
const override: Bare = { kind: 'override' };

const PHRASES: [string, Bare[], string[]?][] = [
  ['信息形成或者变更之日起20个工作日内予以公开', [within(20, 'workday', 'formed_or_changed')]],
  ['信息形成或者变更之日起20个工作日内,保持长期公开。', [within(20, 'workday', 'formed_or_changed'), standing]],
  ['获取信息之日起10个工作日内。', [within(10, 'workday', 'acquired')]],
  ['制定或获取信息之日起10个工作日内,初审对象名单公示7个工作日。', [within(10, 'workday', 'made_or_acquired'), publicity(7, 'workday', '初审对象名单')]],
  ['信息形成或者变更的当天,公示5个工作日。', [within(0, 'day', 'formed_or_changed'), publicity(5, 'workday')]],
  ['2. 信息形成或者变更之日起20个工作日内,法律法规另有规定的从其规定。', [within(20, 'workday', 'formed_or_changed'), override]],
  ['信息形成或者变更之日起20个工作日内，法律、法规另有规定的，从其规定', [within(20, 'workday', 'formed_or_changed'), override]],
  ['法律法规另有规定的从其规定', [override]],
  ['公示期不少于7天', [publicity(7, 'day')]],
  ['公示七天', [publicity(7, 'day')]],
  ['公示时间不少于5个工作日', [publicity(5, 'workday')]],
  ['每季度的首月20日前公开', [periodic('quarter', { monthOfPeriod: 1, day: 20 })]],
  ['每季度首月十五日前', [periodic('quarter', { monthOfPeriod: 1, day: 15 })]],
  ['每月10日前', [periodic('month', { day: 10 })]],
  ['年末公开', [periodic('year', { atEnd: true })]],
  ['每年年底前公开', [periodic('year', { atEnd: true })]],
  ['每半年公开一次', [periodic('half_year')]],
  ['每季度公开一次', [periodic('quarter')]],
  ['按月公开', [periodic('month')]],
  ['每季或每年度公开', [periodic('quarter'), periodic('year')]],
  ['季度结束后15日内', [periodic('quarter', { afterEnd: { amount: 15, unit: 'day' } })]],
  ['每季度结束后10个工作日内', [periodic('quarter', { afterEnd: { amount: 10, unit: 'workday' } })]],
  ['长期公开', [standing]],
  ['常态公开', [standing]],
  ['保持长期公开', [standing]],
  ['及时公开', [prompt]],
  ['随时公开', [prompt]],
  ['重大事项及时公开', [prompt], ['重大事项']],
  ['自收到申请之日起二十个工作日内', [within(20, 'workday', 'received')]],
  ['审批通过后5个工作日内', [within(5, 'workday', 'approved')]],
  ['项目完成后十日内公开', [within(10, 'day', 'completed')]],
  ['办结后3个工作日内', [within(3, 'workday', 'completed')]],
  ['会议结束后2日内', [within(2, 'day', 'completed')]],
  ['信息形成之日起1个月内', [within(1, 'month', 'formed_or_changed')]],
  ['信息形成之日起３０日内', [within(30, 'day', 'formed_or_changed')]],
  ['信息变更后三天内公开', [within(3, 'day', 'formed_or_changed')]],
  ['村民会议召开之日起5日内', [within(5, 'day', 'other', '村民会议召开')]],
  ['20个工作日内', [within(20, 'workday', 'other')]],
  ['随便写的文字', [], ['随便写的文字']],
  ['', []],
];

describe('parseTimeLimit', () => {
  it.each(PHRASES)('%s', (text, rules, unparsed = []) => {
    expect(bare(text)).toEqual({ rules, unparsed });
  });

  it('gives each rule the span of the words it came from', () => {
    const text = '制定或获取信息之日起10个工作日内,初审对象名单公示7个工作日。';
    const spans = parseTimeLimit(text).rules.map((r) => text.slice(r.span.start, r.span.end));
    expect(spans).toEqual(['制定或获取信息之日起10个工作日内', '初审对象名单公示7个工作日']);
  });

  it('leaves a leaked list number outside the span and out of the unparsed text', () => {
    const text = '2. 信息形成或者变更之日起20个工作日内';
    const { rules, unparsed } = parseTimeLimit(text);
    expect(rules[0]?.span).toEqual({ start: 3, end: text.length });
    expect(unparsed).toEqual([]);
  });

  it('reports unreadable text with its offsets, and a due point written apart from its period', () => {
    const text = '每月公开上月财务收支，次月10日前';
    const { rules, unparsed } = parseTimeLimit(text);
    expect(rules).toEqual([
      { kind: 'periodic', every: 'month', due: { nextPeriod: true, day: 10 }, span: { start: 0, end: 2 }, dueSpan: { start: 11, end: 17 } },
    ]);
    expect(unparsed).toEqual([{ text: '公开上月财务收支', start: 2, end: 10 }]);
  });

  it('orders rules by position and reads full-width digits', () => {
    const { rules } = parseTimeLimit('公示７个工作日，信息形成之日起５个工作日内');
    expect(rules.map((r) => r.kind)).toEqual(['publicity', 'within']);
  });
});

describe('parseNumber', () => {
  it.each([
    ['7', 7], ['２０', 20], ['七', 7], ['十', 10], ['十五', 15], ['二十', 20], ['二十五', 25], ['一百二十', 120], ['两', 2], ['五天', null],
  ] as const)('%s → %s', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });
});
