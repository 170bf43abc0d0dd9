/** 公开时限 cell: list numbers leaked from 公开依据, and warnings on what the rule parser could not read. */
import type { TimeLimitParse } from '../rules/types.ts';
import { quote, warn } from './messages.ts';
import type { ImportWarning } from './types.ts';

const LEADING_NUMBER = /^(\d{1,2})\s*[.．、](?!\d)\s*/;
const LATER_NUMBER = /(?:^|[\s；;，,。])\d{1,2}\s*[.．、](?!\d)/;

/** Numbers missing from a numbered list (1. … 4. → [2, 3]). */
function gapsInNumbering(text: string): number[] {
  const numbers = [...text.matchAll(/(?:^|[\s；;，,。])(\d{1,2})\s*[.．、](?!\d)/g)].map((m) => Number(m[1]));
  if (numbers.length === 0) return [];
  const max = Math.max(...numbers);
  return Array.from({ length: max }, (_, i) => i + 1).filter((n) => !numbers.includes(n));
}

/**
 * A 时限 cell that starts with "2." but is no numbered list itself got the number from the
 * 公开依据 cell beside it (seed 002: 1. 《…》 《…》 3. 《…》 | 2. 信息形成…). The number is removed.
 */
export function stripLeakedNumber(text: string, legalBasis: string): { text: string; warning: string | null } {
  const match = LEADING_NUMBER.exec(text);
  if (!match || LATER_NUMBER.test(text.slice(match[0].length))) return { text, warning: null };
  const number = Number(match[1]);
  const gaps = gapsInNumbering(legalBasis);
  const hint = gaps.includes(number) ? `（公开依据的编号缺少${gaps.join('、')}）` : '';
  const warning = `公开时限开头的“${match[0].trim()}”应是公开依据的编号错位${hint}，已删除，请核对`;
  return { text: text.slice(match[0].length), warning };
}

export function timeLimitWarnings(text: string, parsed: TimeLimitParse, seq: number, line: number | null): ImportWarning[] {
  const field = 'timeLimitText';
  if (text.trim() === '') return [warn(seq, line, '公开时限为空，请补充', field)];
  const result: ImportWarning[] = [];
  if (parsed.rules.length === 0) {
    result.push(warn(seq, line, `公开时限${quote(text)}未能识别为规则，请人工设置`, field));
  } else if (parsed.unparsed.length > 0) {
    const parts = parsed.unparsed.map((u) => quote(u.text)).join('、');
    result.push(warn(seq, line, `公开时限中${parts}未能识别为规则，请人工核对`, field));
  }
  for (const rule of parsed.rules) {
    if (rule.kind === 'prompt') {
      result.push(warn(seq, line, `公开时限中的“${text.slice(rule.span.start, rule.span.end)}”没有具体天数，请人工设定期限`, field));
    }
  }
  return result;
}
