/**
 * The standard column layout of an exported catalog, shared by the .xlsx and the PDF export:
 * 序号 | 公开事项（领域/一级事项/二级事项） | 公开内容（要素） | … | 公开对象（全社会/特定群体） |
 * 公开方式（主动/依申请） | 公开层级. 领域 and 政府网站公开栏目 appear only when some item has them.
 */
import type { ParsedItem } from '../import/types.ts';

export interface ExportColumn {
  /** The merged header above the column (公开事项), or null for a column of its own. */
  group: string | null;
  label: string;
  /** Width in the .xlsx (characters) and relative width in the PDF. */
  width: number;
  /** Consecutive equal values are merged like the originals' merged cells. */
  mergeRuns?: 'domain' | 'category';
  value: (item: ParsedItem) => string;
}

/** ■政府网站 □微信群 where the source marked channels; 政府网站、微信群 where it only listed them. */
export function channelsText(item: ParsedItem): string {
  if (item.channels.every((c) => c.selected === null)) return item.channels.map((c) => c.name).join('、');
  return item.channels.map((c) => `${c.selected ? '■' : '□'}${c.name}`).join(' ');
}

const tick = (value: boolean | null): string => (value ? '√' : '');

export function exportColumns(items: ParsedItem[]): ExportColumn[] {
  const hasDomain = items.some((i) => i.domain);
  const hasWebsite = items.some((i) => i.websiteColumn);
  const columns: (ExportColumn | null)[] = [
    { group: null, label: '序号', width: 6, value: (i) => String(i.seq) },
    hasDomain ? { group: '公开事项', label: '领域', width: 12, mergeRuns: 'domain', value: (i) => i.domain ?? '' } : null,
    { group: '公开事项', label: '一级事项', width: 14, mergeRuns: 'category', value: (i) => i.category ?? '' },
    { group: '公开事项', label: '二级事项', width: 16, value: (i) => i.name },
    { group: null, label: '公开内容（要素）', width: 36, value: (i) => i.content },
    hasWebsite ? { group: null, label: '政府网站公开栏目', width: 14, value: (i) => i.websiteColumn ?? '' } : null,
    { group: null, label: '公开依据', width: 36, value: (i) => i.legalBasis.join('\n') },
    { group: null, label: '公开主体', width: 16, value: (i) => i.responsibleBodies.join('\n') },
    { group: null, label: '公开时限', width: 20, value: (i) => i.timeLimitText },
    { group: null, label: '公开渠道和载体', width: 24, value: channelsText },
    { group: '公开对象', label: '全社会', width: 7, value: (i) => tick(i.audience.society) },
    { group: '公开对象', label: '特定群体', width: 7, value: (i) => tick(i.audience.specificGroups) },
    { group: '公开方式', label: '主动', width: 7, value: (i) => tick(i.method.proactive) },
    { group: '公开方式', label: '依申请', width: 7, value: (i) => tick(i.method.onRequest) },
    { group: null, label: '公开层级', width: 9, value: (i) => i.level ?? '' },
  ];
  return columns.filter((c): c is ExportColumn => c !== null);
}

/** Runs of consecutive rows sharing the same non-empty value: [first, last] row indexes. */
export function runsOf(values: string[]): [number, number][] {
  const runs: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i < values.length && values[i] === values[start] && values[i] !== '') continue;
    if (i - 1 > start) runs.push([start, i - 1]);
    start = i;
  }
  return runs;
}
