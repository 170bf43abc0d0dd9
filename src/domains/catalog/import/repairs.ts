/** Chinese warnings for rows whose cells did not line up with the header (see align.ts). */
import type { Repair } from './align.ts';
import { FIELD_NAMES, ITEM_KEYS } from './labels.ts';
import { quote, quotedList, warn } from './messages.ts';
import type { Column } from './recognizers.ts';
import type { ImportWarning } from './types.ts';

/**
 * A row that stops early is normal when only blank sub-columns are left out (a trailing 特定群体
 * cell after √ under 全社会); anything else missing is reported.
 */
function onlyBlankSiblingsMissing(columns: Column[], missing: number[], present: number): boolean {
  return missing.every((i) => {
    const field = columns[i]?.field;
    return ['audience', 'method', 'level'].includes(field ?? '') && columns.slice(0, present).some((c) => c.field === field);
  });
}

function missingNames(columns: Column[], indexes: number[]): string {
  const names = indexes.map((i) => FIELD_NAMES[columns[i]?.field ?? 'unknown']);
  return quotedList([...new Set(names)]);
}

export interface RowContext {
  seq: number;
  line: number | null;
  cellCount: number;
  isLast: boolean;
}

export function repairWarning(columns: Column[], repair: Repair | null, row: RowContext): ImportWarning | null {
  if (!repair) return null;
  const { seq, line } = row;
  switch (repair.kind) {
    case 'merged': {
      const target = columns[repair.column]!;
      const extra = repair.extra.map((c) => quote(c.text)).join('、');
      const into = `已将${extra}并入${FIELD_NAMES[target.field]}，请核对`;
      const text = repair.missingEnd > 0
        ? `有${repair.extra.length}个多余的单元格使后面各列错位（行尾相应少了${repair.missingEnd}个单元格），${into}`
        : `比表头多出${repair.extra.length}个单元格，${into}`;
      return warn(seq, line, text, ITEM_KEYS[target.field]);
    }
    case 'dropped':
      return warn(seq, line, `比表头多出${repair.extra.length}个单元格（${repair.extra.map((c) => quote(c.text)).join('、')}），无法判断属于哪一列，这部分内容未导入，请核对`);
    case 'inserted': {
      const target = columns[repair.column]!;
      return warn(seq, line, `比表头少${repair.count}个单元格，按内容判断缺的是“${FIELD_NAMES[target.field]}”，已补为空白，请核对`, ITEM_KEYS[target.field]);
    }
    case 'inherited': {
      const names = quotedList([...new Set(columns.slice(repair.column, repair.column + repair.count).map((c) => FIELD_NAMES[c.field]))]);
      const from = repair.fromLine === null ? '上一行' : `上一行（第${repair.fromLine}行）`;
      return warn(seq, line, `比表头少${repair.count}个单元格，应是与上一行合并的单元格，已沿用${from}的${names}，请核对`, ITEM_KEYS[columns[repair.column]!.field]);
    }
    case 'missing': {
      if (onlyBlankSiblingsMissing(columns, repair.columns, row.cellCount)) return null;
      const tail = row.isLast ? '；这是表格的最后一行，文件可能被截断' : '';
      return warn(seq, line, `比表头少${repair.columns.length}个单元格（缺少${missingNames(columns, repair.columns)}），已按空白处理${tail}，请核对`);
    }
  }
}
