/**
 * A column mapping given by the user when the header cannot be read, or read wrongly: one field
 * key per column, left to right (`seq,category,name,content,legalBasis,timeLimit`), `-` for a
 * column that is no field. The same keys serve the command line (--columns, --mapping) and the
 * mapping step of the preview page, and the mapping is stored with the catalog for its next version.
 */
import { FIELD_NAMES, type Field } from './labels.ts';
import type { Column } from './recognizers.ts';
import { CatalogImportError } from './types.ts';

export interface ColumnMapping {
  columns: string[];
  /** Line (row of a sheet) of the header row; null or absent: found by meaning, or none. */
  headerLine?: number | null;
}

/** The keys accepted, with their Chinese meaning, for --help and the mapping page. */
export const MAPPING_KEYS: [string, string][] = [
  ['seq', '序号'], ['domain', '领域'], ['category', '一级事项'], ['name', '二级事项/事项名称'],
  ['content', '公开内容'], ['legalBasis', '公开依据'], ['responsible', '公开主体'], ['timeLimit', '公开时限'],
  ['channels', '公开渠道和载体'], ['audience', '公开对象'], ['audience.society', '公开对象：全社会'],
  ['audience.specific', '公开对象：特定群体'], ['method', '公开方式'], ['method.proactive', '公开方式：主动公开'],
  ['method.onRequest', '公开方式：依申请公开'], ['level', '公开层级'], ['websiteColumn', '政府网站公开栏目'], ['-', '不导入'],
];

const KEYS = new Set(MAPPING_KEYS.map(([k]) => k));

/** Checked by hand: the parser worker stays free of zod, which it would load for this alone. */
function shapeOf(input: unknown): { columns: string[]; headerLine: number | null } | null {
  if (typeof input !== 'object' || input === null) return null;
  const { columns, headerLine } = input as { columns?: unknown; headerLine?: unknown };
  if (!Array.isArray(columns) || columns.length === 0 || columns.length > 100) return null;
  if (!columns.every((c) => typeof c === 'string' && c.length <= 40)) return null;
  if (headerLine !== undefined && headerLine !== null && !(Number.isInteger(headerLine) && (headerLine as number) > 0)) return null;
  return { columns: columns as string[], headerLine: (headerLine as number | null | undefined) ?? null };
}

/** `seq,name,,timeLimit` → a mapping; an unknown key is refused with the list of keys. */
export function parseColumnsOption(text: string): ColumnMapping {
  const columns = text.split(/[,，]/).map((k) => k.trim());
  return checkMapping({ columns });
}

export function checkMapping(input: unknown): ColumnMapping {
  const parsed = shapeOf(input);
  if (!parsed) throw new CatalogImportError('列对应关系格式不对：应为 {"columns": ["seq", "name", …], "headerLine": 3}');
  const columns = parsed.columns.map((k) => (k === '' || k === 'skip' || k === 'unknown' ? '-' : k));
  const bad = columns.filter((k) => !KEYS.has(k) && !/^level\.\S{1,10}$/.test(k));
  if (bad.length > 0) {
    throw new CatalogImportError(`不认识的列名${bad.map((b) => `“${b}”`).join('')}。可用的列名：${MAPPING_KEYS.map(([k, n]) => `${k}（${n}）`).join('、')}`);
  }
  if (!columns.some((k) => ['name', 'category', 'content'].includes(k))) {
    throw new CatalogImportError('列对应关系中至少要有一列是事项名称（name）、一级事项（category）或公开内容（content）');
  }
  return { columns, headerLine: parsed.headerLine };
}

/** The columns a mapping describes. */
export function mappingColumns(mapping: ColumnMapping, labels: string[]): Column[] {
  return mapping.columns.map((key, i) => {
    const [field, sub] = key === '-' ? ['unknown', null] : key.split('.');
    return { field: field as Field, sub: sub ?? null, label: labels[i] ?? FIELD_NAMES[field as Field] ?? '', score: 1 };
  });
}
