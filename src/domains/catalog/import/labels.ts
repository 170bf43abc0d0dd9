import { toSimplified } from './traditional.ts';

/**
 * Header labels recognised by meaning: each field has its synonyms, and sub-columns
 * (一级事项/二级事项, 全社会/特定群体, 主动/依申请, 县级/乡级/村级) know which group they belong to.
 */

export type Field =
  | 'seq' | 'item' | 'domain' | 'category' | 'name' | 'content' | 'websiteColumn' | 'legalBasis'
  | 'responsible' | 'timeLimit' | 'channels' | 'audience' | 'method' | 'level' | 'unknown';

/** A resolved label: the field, and for sub-columns which part of the field. */
export interface Label {
  field: Field;
  /** society/specific, proactive/onRequest, or the level's own label (村级). */
  sub: string | null;
  /** True for labels that normally sit in the second header row. */
  isSub: boolean;
}

const TOP: [Field, string[]][] = [
  ['seq', ['序号', '编号', '序', '序列', '项次']],
  ['item', ['公开事项', '事项', '公开事项名称', '公开项目', '公开目录', '目录事项']],
  ['name', ['事项名称', '具体事项', '事项内容名称', '业务事项', '公开事项内容名称', '项目名称', '信息名称', '具体公开事项', '公开信息名称', '事项子项', '子项名称']],
  ['domain', ['领域', '类别', '公开类别', '公开领域', '事项类别', '事项领域', '分类', '信息类别', '业务类别', '所属领域', '事项分类', '公开分类', '类型', '信息分类']],
  ['content', ['公开内容要素', '公开内容', '公开要素', '内容', '公开的内容', '内容要素', '内容要求', '内容标准', '公开内容要求', '公开内容标准', '公开标准', '公开要求', '具体内容', '主要内容', '信息内容', '内容概述', '具体公开内容', '公开具体内容']],
  ['websiteColumn', ['政府网站公开栏目', '网站公开栏目', '政府网站栏目', '公开栏目', '网站栏目', '栏目']],
  ['legalBasis', ['公开依据', '依据', '政策依据', '法律依据', '法规依据', '法律法规依据', '公开依据文件', '政策文件依据', '法律法规政策依据', '设定依据', '制度依据']],
  ['responsible', ['公开主体', '责任主体', '主体', '公开责任主体', '责任单位', '公开单位', '公开责任单位', '责任部门', '具体职责', '责任人', '公开责任人', '承办单位', '实施主体', '牵头单位', '主管部门', '公开部门', '责任科室', '发布主体']],
  ['timeLimit', ['公开时限', '时限', '公开时间', '公开时效', '公开期限', '时限要求', '公开时限要求', '公开频次', '公开频率', '更新时限', '更新频率', '公开时间及频次', '时间要求', '公开周期']],
  ['channels', ['公开渠道和载体', '公开渠道及载体', '公开渠道', '公开载体', '渠道和载体', '渠道', '载体', '公开形式', '公开途径', '公开渠道载体', '公开平台', '公开场所', '发布渠道', '公开媒介', '渠道载体']],
  ['audience', ['公开对象', '对象', '公开范围', '公开对象范围', '受众']],
  ['method', ['公开方式', '方式', '公开属性', '公开类型', '属性']],
  ['level', ['公开层级', '层级', '公开层次']],
  // Columns found in real catalogs that hold no field of an item: recognised as header cells, then ignored.
  ['unknown', ['备注', '联系电话', '监督电话', '咨询电话', '举报电话', '联系方式', '办理地点', '制定或获取时间', '制定或获取', '生成时间', '信息形成时间', '信息生成时间']],
];

const SUB: [Field, string | null, string[]][] = [
  ['domain', null, ['领域', '类别']],
  ['category', null, ['一级事项', '一级', '一级目录', '一级指标']],
  ['name', null, ['二级事项', '二级', '二级目录', '事项名称', '二级指标', '三级事项']],
  ['audience', 'society', ['全社会', '社会公众', '全体', '全体居民', '全体村民']],
  ['audience', 'specific', ['特定群体', '特定对象', '特定群众', '特定人群', '特定']],
  ['method', 'proactive', ['主动', '主动公开']],
  ['method', 'onRequest', ['依申请', '依申请公开']],
];

const LEVEL_SUBS = ['市级', '县级', '区级', '县区级', '县市区级', '乡级', '乡镇级', '镇级', '街道级', '乡镇街道级', '村级', '社区级', '村社区级', '村社区', '社区'];

/** Strips spaces, brackets, colons and asterisks: 公开内容（要素） → 公开内容要素. */
export function normalizeLabel(text: string): string {
  return text.replace(/[\s\u3000（）()【】[\]:：*＊"“”]/g, '');
}

// Long labels may carry a suffix (公开时限（工作日）); short ones must match exactly.
const PREFIXES: [Field, string][] = [
  ['content', '公开内容'], ['legalBasis', '公开依据'], ['responsible', '公开主体'],
  ['timeLimit', '公开时限'], ['channels', '公开渠道'], ['websiteColumn', '政府网站'],
];

function exactLabel(label: string): Label | null {
  for (const [field, names] of TOP) {
    if (names.includes(label)) return { field, sub: null, isSub: false };
  }
  for (const [field, sub, names] of SUB) {
    if (names.includes(label)) return { field, sub, isSub: true };
  }
  if (LEVEL_SUBS.includes(label)) return { field: 'level', sub: label, isSub: true };
  const prefix = PREFIXES.find(([, p]) => label.startsWith(p));
  return prefix ? { field: prefix[0], sub: null, isSub: false } : null;
}

/** True when `short` is `long` with exactly one character left out. */
function lostOne(long: string, short: string): boolean {
  if (long.length !== short.length + 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

const ALL_NAMES: [string, Label][] = [
  ...TOP.flatMap(([field, names]) => names.map((n): [string, Label] => [n, { field, sub: null, isSub: false }])),
  ...SUB.flatMap(([field, sub, names]) => names.map((n): [string, Label] => [n, { field, sub, isSub: true }])),
];

/**
 * Damaged headers (a converter lost or inserted one character in every word: 开事项, 主动开):
 * a known label of four or more characters within one character. Shorter labels are too
 * ambiguous (时限 without 时 is no header). Only an unambiguous match counts.
 */
function fuzzyLabel(label: string): Label | null {
  if (label.length < 3 || !/^\p{Script=Han}+$/u.test(label)) return null;
  const hits = ALL_NAMES.filter(([name]) => name.length >= 4 && (lostOne(name, label) || lostOne(label, name)));
  const fields = new Set(hits.map(([, l]) => `${l.field}:${l.sub ?? ''}`));
  return fields.size === 1 ? hits[0]![1] : null;
}

/** Romanisation inserted by a converter after a character: 公開內(nèi)容 → 公開內容. */
const ROMANISATION = /[（(][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü\s]{1,12}[）)]/g;

/** Resolves a header cell to a field, or null when it is not a known header label. */
export function resolveLabel(text: string): Label | null {
  return scoreLabel(text)?.label ?? null;
}

/**
 * A header cell's field with a confidence between 0 and 1: 1 for a known label, 0.9 once
 * romanisation or Traditional characters are removed, 0.6 for a damaged label (one character lost or added).
 */
export function scoreLabel(text: string): { label: Label; score: number } | null {
  const plain = normalizeLabel(text);
  if (plain === '' || plain.length > 40) return null;
  // Every cell of a 100k-row table is asked about; the slow path (conversion, fuzzy) runs once per text.
  const known = CACHE.get(plain);
  if (known !== undefined) return known;
  const result = scoreUncached(text, plain);
  if (CACHE.size > 20_000) CACHE.clear();
  CACHE.set(plain, result);
  return result;
}

const CACHE = new Map<string, { label: Label; score: number } | null>();

function scoreUncached(text: string, plain: string): { label: Label; score: number } | null {
  const exact = plain.length <= 16 ? exactLabel(plain) : null;
  if (exact) return { label: exact, score: 1 };
  // Data cells (numbers, long text) skip the slow readings below; headers hold neither.
  if (/\d/.test(plain) || plain.length > 24) return null;
  const cleaned = normalizeLabel(toSimplified(text.replace(ROMANISATION, '')));
  if (cleaned === '' || cleaned.length > 16) return null;
  const converted = exactLabel(cleaned);
  if (converted) return { label: converted, score: 0.9 };
  const fuzzy = fuzzyLabel(cleaned);
  return fuzzy ? { label: fuzzy, score: 0.6 } : null;
}

/** Fields that may span several sub-columns under one top header. */
export const GROUP_FIELDS: Field[] = ['item', 'audience', 'method', 'level'];

/** The largest number of sub-columns each group field is known to have. */
export const MAX_SPAN: Partial<Record<Field, number>> = { item: 3, audience: 2, method: 2, level: 4 };

/** Which group a sub-column label belongs to (一级事项 → item). */
export function groupOf(label: Label): Field {
  return ['domain', 'category', 'name'].includes(label.field) ? 'item' : label.field;
}

/** Chinese name of each field, for warnings. */
export const FIELD_NAMES: Record<Field, string> = {
  seq: '序号', item: '公开事项', domain: '领域', category: '一级事项', name: '二级事项',
  content: '公开内容', websiteColumn: '政府网站公开栏目', legalBasis: '公开依据', responsible: '公开主体',
  timeLimit: '公开时限', channels: '公开渠道和载体', audience: '公开对象', method: '公开方式',
  level: '公开层级', unknown: '未识别的列',
};

/** ParsedItem property each field fills, for ImportWarning.field and ParsedItem.source. */
export const ITEM_KEYS: Record<Field, string> = {
  seq: 'seq', item: 'name', domain: 'domain', category: 'category', name: 'name', content: 'content',
  websiteColumn: 'websiteColumn', legalBasis: 'legalBasis', responsible: 'responsibleBodies',
  timeLimit: 'timeLimitText', channels: 'channels', audience: 'audience', method: 'method',
  level: 'level', unknown: 'unknown',
};
