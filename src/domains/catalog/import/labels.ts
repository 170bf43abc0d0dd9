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
  ['seq', ['序号', '编号', '序']],
  ['item', ['公开事项', '事项', '公开事项名称']],
  ['name', ['事项名称', '具体事项', '事项内容名称']],
  ['domain', ['领域', '类别', '公开类别', '公开领域', '事项类别', '事项领域', '分类']],
  ['content', ['公开内容要素', '公开内容', '公开要素', '内容', '公开的内容', '内容要素']],
  ['websiteColumn', ['政府网站公开栏目', '网站公开栏目', '政府网站栏目', '公开栏目', '网站栏目', '栏目']],
  ['legalBasis', ['公开依据', '依据', '政策依据', '法律依据', '法规依据', '法律法规依据', '公开依据文件']],
  ['responsible', ['公开主体', '责任主体', '主体', '公开责任主体', '责任单位', '公开单位', '公开责任单位', '责任部门']],
  ['timeLimit', ['公开时限', '时限', '公开时间', '公开时效', '公开期限', '时限要求']],
  ['channels', ['公开渠道和载体', '公开渠道及载体', '公开渠道', '公开载体', '渠道和载体', '渠道', '载体', '公开形式']],
  ['audience', ['公开对象', '对象']],
  ['method', ['公开方式', '方式']],
  ['level', ['公开层级', '层级', '公开层次']],
];

const SUB: [Field, string | null, string[]][] = [
  ['domain', null, ['领域', '类别']],
  ['category', null, ['一级事项', '一级', '一级目录']],
  ['name', null, ['二级事项', '二级', '二级目录', '事项名称']],
  ['audience', 'society', ['全社会', '社会公众', '全体']],
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

/** Resolves a header cell to a field, or null when it is not a known header label. */
export function resolveLabel(text: string): Label | null {
  const label = normalizeLabel(text);
  if (label === '' || label.length > 16) return null;
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
