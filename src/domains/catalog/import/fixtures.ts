/**
 * A small synthetic catalog for tests: the same three items written in every layout
 * (tab rows, `|` tables, CSV, .xlsx, .docx …) must read back as EXPECTED_ITEMS.
 */
import type { ParsedItem } from './types.ts';

export const TITLE = '测试社区居务公开事项目录';

export const HEADER = [
  '序号', '领域', '一级事项', '二级事项', '公开内容', '公开依据', '公开主体', '公开时限', '公开渠道',
  '全社会', '特定群体', '主动公开', '依申请公开', '公开层级',
];

export const ROWS: string[][] = [
  ['1', '社会救助', '最低生活保障', '低保对象名单', '1. 初审对象名单；2. 低保对象名单', '《社会救助暂行办法》、《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》', '社区居委会、街道办事处', '信息形成之日起10个工作日内，公示7个工作日', '■政府网站 □微信群 ■公示栏', '√', '', '√', '', '村级'],
  ['2', '', '', '临时救助名单', '救助对象名单、金额、事由', '《社会救助暂行办法》', '社区居委会', '每季度的首月20日前公开', '■公示栏 ☐微信群', '', '√', '√', '', '村级'],
  ['3', '财务管理', '财务收支', '财务收支情况', '每月收支明细', '《村务公开条例》', '社区居委会', '及时公开', '政府网站、公示栏', '√', '', '', '√', '社区'],
];

type Expected = Omit<ParsedItem, 'source'>;

export const EXPECTED_ITEMS: Expected[] = [
  {
    seq: 1, domain: '社会救助', category: '最低生活保障', name: '低保对象名单',
    content: '1. 初审对象名单；2. 低保对象名单', websiteColumn: null,
    legalBasis: ['《社会救助暂行办法》', '《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》'],
    responsibleBodies: ['社区居委会', '街道办事处'],
    timeLimitText: '信息形成之日起10个工作日内，公示7个工作日',
    rules: [
      { kind: 'within', amount: 10, unit: 'workday', trigger: 'formed_or_changed', span: { start: 0, end: 14 } },
      { kind: 'publicity', amount: 7, unit: 'workday', span: { start: 15, end: 22 } },
    ],
    channels: [{ name: '政府网站', selected: true }, { name: '微信群', selected: false }, { name: '公示栏', selected: true }],
    audience: { society: true, specificGroups: false }, method: { proactive: true, onRequest: false }, level: '村级',
  },
  {
    seq: 2, domain: '社会救助', category: '最低生活保障', name: '临时救助名单',
    content: '救助对象名单、金额、事由', websiteColumn: null,
    legalBasis: ['《社会救助暂行办法》'], responsibleBodies: ['社区居委会'],
    timeLimitText: '每季度的首月20日前公开',
    rules: [{ kind: 'periodic', every: 'quarter', due: { monthOfPeriod: 1, day: 20 }, span: { start: 0, end: 10 } }],
    channels: [{ name: '公示栏', selected: true }, { name: '微信群', selected: false }],
    audience: { society: false, specificGroups: true }, method: { proactive: true, onRequest: false }, level: '村级',
  },
  {
    seq: 3, domain: '财务管理', category: '财务收支', name: '财务收支情况',
    content: '每月收支明细', websiteColumn: null,
    legalBasis: ['《村务公开条例》'], responsibleBodies: ['社区居委会'],
    timeLimitText: '及时公开',
    rules: [{ kind: 'prompt', span: { start: 0, end: 2 } }],
    channels: [{ name: '政府网站', selected: null }, { name: '公示栏', selected: null }],
    audience: { society: true, specificGroups: false }, method: { proactive: false, onRequest: true }, level: '社区',
  },
];

/** Items without their source, for comparisons across layouts. */
export function withoutSource(items: ParsedItem[]): Expected[] {
  return items.map(({ source: _source, ...rest }) => rest);
}

export function tabText(header: string[] = HEADER, rows: string[][] = ROWS): string {
  return [TITLE, header.join('\t'), ...rows.map((r) => r.join('\t'))].join('\n');
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
