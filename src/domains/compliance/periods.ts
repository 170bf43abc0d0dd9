import type { Period as PeriodKind } from '../catalog/index.ts';
import { monthEnd, monthStart } from './dates.ts';

/** One period of a periodic rule: 2026年10月, 2026年第3季度, 2026年上半年, 2026年度. */
export interface Period {
  key: string;
  start: string;
  end: string;
  label: string;
  /** First month of the period (1–12). */
  firstMonth: number;
  year: number;
}

const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

function build(kind: PeriodKind, year: number, index: number): Period {
  const span = MONTHS[kind];
  const firstMonth = (index - 1) * span + 1;
  const lastMonth = firstMonth + span - 1;
  const base = { start: monthStart(year, firstMonth), end: monthEnd(year, lastMonth), firstMonth, year };
  switch (kind) {
    case 'month':
      return { ...base, key: `${year}-${String(index).padStart(2, '0')}`, label: `${year}年${index}月` };
    case 'quarter':
      return { ...base, key: `${year}-Q${index}`, label: `${year}年第${index}季度` };
    case 'half_year':
      return { ...base, key: `${year}-H${index}`, label: `${year}年${index === 1 ? '上' : '下'}半年` };
    case 'year':
      return { ...base, key: `${year}-Y`, label: `${year}年度` };
  }
}

/** Every period of the kind in a calendar year, in order. */
export function periodsOfYear(kind: PeriodKind, year: number): Period[] {
  const count = 12 / MONTHS[kind];
  return Array.from({ length: count }, (_, i) => build(kind, year, i + 1));
}

/** The period a stored key names ('2026-10', '2026-Q3', '2026-H1', '2026-Y'). */
export function periodOfKey(key: string): Period {
  const match = /^(\d{4})-(?:(\d{2})|Q([1-4])|H([12])|Y)$/.exec(key);
  if (!match) throw new Error(`invalid period key ${key}`);
  const year = Number(match[1]);
  if (match[2]) return build('month', year, Number(match[2]));
  if (match[3]) return build('quarter', year, Number(match[3]));
  if (match[4]) return build('half_year', year, Number(match[4]));
  return build('year', year, 1);
}
