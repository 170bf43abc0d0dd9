import type { ColumnType } from './publicView.ts';

export type { ColumnType } from './publicView.ts';

/**
 * A stored cell: text as a string, amounts as integer 分, integers as numbers, dates as
 * 'YYYY-MM-DD', empty as null. ID and phone columns are stored already masked.
 */
export type Cell = string | number | null;

export interface RecordTable {
  caption: string;
  columns: { name: string; type: ColumnType }[];
  rows: Cell[][];
}

export const COLUMN_TYPE_LABELS: Record<ColumnType, string> = {
  text: '文字',
  person_name: '姓名',
  id_number: '身份证号',
  phone: '电话号码',
  public_phone: '单位公开电话',
  amount: '金额（元）',
  date: '日期',
  integer: '整数',
};

export const COLUMN_TYPES = Object.keys(COLUMN_TYPE_LABELS) as ColumnType[];
