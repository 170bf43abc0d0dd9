/** Public types of the catalog importer, and the raw table every source layout is read into. */
import type { Rule } from '../rules/types.ts';

export interface ImportWarning {
  /** Line of the source file (for .xlsx and .docx: row of the table); null for the whole file. */
  line: number | null;
  /** seq of the item concerned, null for the whole file. */
  item: number | null;
  /** Chinese, shown to the user as is. */
  message: string;
  /** ParsedItem field concerned, e.g. 'timeLimitText'. */
  field?: string;
}

export interface ParsedItem {
  seq: number;
  /** 领域 / 类别. */
  domain: string | null;
  /** 一级事项. */
  category: string | null;
  /** 二级事项 (the 一级事项 when the source leaves 二级 blank). */
  name: string;
  /** 公开内容（要素）. */
  content: string;
  /** 政府网站公开栏目. */
  websiteColumn: string | null;
  /** 公开依据, one document per entry. */
  legalBasis: string[];
  /** 公开主体. */
  responsibleBodies: string[];
  /** 公开时限 as written (minus artefacts such as a leaked list number). */
  timeLimitText: string;
  rules: Rule[];
  /** 公开渠道和载体; selected is null where the source only lists channels. */
  channels: { name: string; selected: boolean | null }[];
  /** 公开对象: 全社会 / 特定群体; null where the source says nothing. */
  audience: { society: boolean | null; specificGroups: boolean | null };
  /** 公开方式: 主动公开 / 依申请公开. */
  method: { proactive: boolean | null; onRequest: boolean | null };
  /** 公开层级. */
  level: string | null;
  /** Raw source text and line of each field, keyed by field name. */
  source: Record<string, { text: string; line: number | null }>;
}

export interface ParsedCatalog {
  title: string | null;
  /** Which reader was used: word-flat, tab-rows, csv, pipe, cell-lines, xlsx or docx. */
  layout: string;
  items: ParsedItem[];
  warnings: ImportWarning[];
  /** How each column was read: its header text, the field (mapping key) and how sure the reading is. */
  columns?: ColumnGuess[];
  /** The usual number of cells of a data row, to tell whether a saved mapping still fits the file. */
  tableWidth?: number;
}

export interface ColumnGuess {
  label: string;
  /** Mapping key: 'name', 'audience.society', '-' for no field. */
  key: string;
  score: number;
  /** A cell of the first data row, to recognise the column by. */
  sample: string;
}

/** The file cannot be read as a catalog. The message is Chinese and shown to the user as is. */
export class CatalogImportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CatalogImportError';
  }
}

/** One cell as a layout reader found it: the text as written and the line it starts on. */
export interface RawCell {
  text: string;
  line: number | null;
  /** The text before conversion to Simplified Chinese, when it was converted. */
  original?: string;
}

export interface RawRow {
  cells: RawCell[];
  line: number | null;
}

/** What every layout reader produces; the rest of the import does not know the source format. */
export interface RawTable {
  layout: string;
  rows: RawRow[];
  /** Warnings of the reader itself (encoding, split rows). */
  warnings: ImportWarning[];
}
