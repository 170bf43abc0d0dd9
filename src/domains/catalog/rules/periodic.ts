/**
 * 定期公开: a period (每季度, 半年公开一次, 每三个月) and the due point written after it.
 *
 * A date is always a due point of the period it follows, never a period of its own:
 * 每年公开一次，次年1月底前 is ONE yearly rule due by 31 January of the next year, and
 * 每季度公开一次，季度结束后10日内 is ONE quarterly rule due 10 days after the quarter ends.
 */
import { NUMBER_SOURCE, parseNumber } from './numerals.ts';
import { matches, numberRegex, type Scan } from './scan.ts';
import type { Period, PeriodicDue, PeriodicRule } from './types.ts';

const MONTHS_IN: Record<Period, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };
const BY_MONTHS: Record<number, Period> = { 1: 'month', 3: 'quarter', 6: 'half_year', 12: 'year' };

/** 半年度 → half_year, 季 → quarter, 个月 → month; null for anything else. */
function periodOfWord(word: string | undefined): Period | null {
  const bare = (word ?? '').replace(/^个/, '');
  if (bare.startsWith('半年')) return 'half_year';
  if (bare.startsWith('月')) return 'month';
  if (bare.startsWith('季')) return 'quarter';
  if (bare.startsWith('年')) return 'year';
  return null;
}

// 至少公开一次 after the period belongs to the rule; 公示 does not (公示7天 is its own rule).
const TAIL = '(?:\\s*(?:至少|最少)?\\s*(?:公开|公布|更新|发布)?\\s*(?:一次|1次))?';
const TIMES_A_YEAR: Record<number, Period> = { 1: 'year', 2: 'half_year', 4: 'quarter', 12: 'month' };
const HEADS: [RegExp, (m: RegExpExecArray) => Period | null][] = [
  // 每年两次 is half-yearly; only counts that divide the year into periods.
  [numberRegex('(?:至少|最少)?每年度?\\s*(?:至少|最少)?\\s*(?:公开|公布|发布|更新)?\\s*NUM\\s*次'), (m) => TIMES_A_YEAR[parseNumber(m[1] ?? '') ?? -1] ?? null],
  // 每三个月 / 每6个月: only lengths that are a period.
  [numberRegex(`(?:至少|最少)?每\\s*NUM\\s*个?月${TAIL}`), (m) => BY_MONTHS[parseNumber(m[1] ?? '') ?? -1] ?? null],
  [new RegExp(`(?:至少|最少)?(?:每|按)\\s*(?:一|1)?\\s*(半年度?|个?月度?|季度?|年度?)${TAIL}`, 'g'), (m) => periodOfWord(m[1])],
  // 半年公开一次, 一年一次, 季度公开一次: no 每, so 一次 is required.
  [/(?:一|1)?\s*(半年|月|季度?|年)度?\s*(?:至少|最少)?\s*(?:公开|公布|更新|发布)?\s*(?:一次|1次)/g, (m) => periodOfWord(m[1])],
  [/上(?:半年)?\s*[、和及与]\s*下半年各?\s*(?:公开|公布)?\s*(?:一次|1次)/g, () => 'half_year'],
];

// Fragments that carry their own period when no period was written before them in the sentence.
const NUMERAL_BEFORE = '(?<![\\d零〇一二两三四五六七八九十])';
// 年初 / 上半年 name a due point only when a time limit follows or ends there: 上半年财务收支
// in a content cell is not one.
const ALONE = '(?=\\s*(?:之前|以前|前|以内|之内|内|公开|公布|发布|更新|$|[，,；;。、]))';
const STANDALONE = new RegExp(
  `(半年度?|月度?|季度?|年度?)(?:结束|终了|期满|届满)后|(季|月)后(?=\\s*${NUMBER_SOURCE})|${NUMERAL_BEFORE}(半年|年|季度?|月)度?[末底终]|(?:次|翌|下一?个?)(年|季度?|月)|(?:(年|季)初|[上下]半年)${ALONE}`,
  'g',
);

function standalonePeriod(m: RegExpExecArray): Period | null {
  const word = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
  return word ? periodOfWord(word) : 'year'; // 上半年 / 下半年 are points of a year
}

const SKIP = /^\s*(?:至少|最少)?\s*(?:公开|公布|发布|更新)?\s*(?:一次|1次)?[\s，,、]*(?:并|且|于|在|应当|应|须)*\s*/;
const AFTER_END = numberRegex(
  '^(?:(半年度?|月度?|季度?|年度?|本期|当期|期)?(?:结束|终了|期满|届满)后|(季|月)后)\\s*NUM\\s*个?\\s*(工作日|自然日|日|天|月)\\s*(?:内|以内|之内)?',
);
// 下半年 is the second half of this year (HALF), not the period after this one.
const NEXT = /^(?:次|下(?!半年)一?个?|翌)(半年度?|年度?|季度?|月)/;
const END = /^的?\s*(?:(半年|年|季度?|月)度?)?\s*[底末终]/;
const START = /^的?\s*(年|季度?)?初/;
const REPEAT = /^(?:每|按)?\s*个?(半年度?|季度?|月度?|年度?)(?![初底末终后])/;
// 每年第一季度 / 每年一季度末: the last month of that quarter.
const QUARTER_OF_YEAR = numberRegex('^的?\\s*第?\\s*NUM\\s*季度?(?:[末底终])?');
const HALF = /^的?\s*([上下])半年/;
const ORDINAL_MONTH = numberRegex('^的?\\s*(?:第\\s*NUM\\s*个?\\s*月|(首)个?月)(?!\\s*(?:内|以内|之内))');
const CALENDAR_MONTH = numberRegex('^的?\\s*NUM\\s*月份?(?!\\s*(?:内|以内|之内))');
const DAY = numberRegex('^的?\\s*(?:NUM\\s*[日号]|(上旬|中旬|下旬)|月?[底末])');
const SUFFIX = /^\s*(?:之前|以前|前|以内|之内|内|为止|止)?/;

function once(re: RegExp, text: string): RegExpExecArray | null {
  re.lastIndex = 0;
  return re.exec(text);
}

const fits = (word: string | undefined, period: Period) => word === undefined || periodOfWord(word) === period;

/** The due point written right after a period (or a standalone fragment), or null if there is none. */
function readDue(text: string, from: number, period: Period): { due: PeriodicDue; end: number } | null {
  let pos = from + (once(SKIP, text.slice(from))?.[0].length ?? 0);
  const rest = () => text.slice(pos);
  // 按季度公开，每季度第一个月15日前: the period named again is the same period, not a second rule.
  const again = once(REPEAT, rest());
  if (again && periodOfWord(again[1]) === period) pos += again[0].length;
  const finish = (due: PeriodicDue) => ({ due, end: withSuffix(text, pos) });
  const after = once(AFTER_END, rest());
  if (after) {
    const amount = parseNumber(after[3] ?? '');
    const named = periodOfWord(after[1] ?? after[2]);
    if ((named && named !== period) || amount === null) return null;
    const unit = after[4] === '工作日' ? 'workday' : after[4] === '月' ? 'month' : 'day';
    return { due: { afterEnd: { amount, unit } }, end: pos + after[0].length };
  }
  const next = once(NEXT, rest());
  if (next) {
    const unit = periodOfWord(next[1]);
    if (unit !== period && unit !== 'month') return null;
    return readPoint(text, pos + next[0].length, period, { nextPeriod: true }, unit === 'month' || period === 'month');
  }
  const end = once(END, rest());
  if (end && fits(end[1], period)) {
    pos += end[0].length;
    return finish({ atEnd: true });
  }
  const start = once(START, rest());
  if (start && fits(start[1], period)) {
    pos += start[0].length;
    return finish({ monthOfPeriod: 1 });
  }
  const half = once(HALF, rest());
  if (half && period === 'year') {
    pos += half[0].length;
    return finish(half[1] === '上' ? { monthOfPeriod: 6 } : { atEnd: true });
  }
  return readPoint(text, pos, period, {}, period === 'month');
}

function withSuffix(text: string, pos: number): number {
  return pos + (once(SUFFIX, text.slice(pos))?.[0].length ?? 0);
}

/** 第一个月 / 3月, then 10日 / 上旬 / 底: a month of the period and a day of that month. */
function readPoint(text: string, at: number, period: Period, due: PeriodicDue, noMonth: boolean): { due: PeriodicDue; end: number } | null {
  let pos = at;
  let monthRead = false;
  if (!noMonth) {
    const quarter = period === 'year' ? once(QUARTER_OF_YEAR, text.slice(pos)) : null;
    const quarterNumber = quarter ? parseNumber(quarter[1] ?? '') : null;
    if (quarter && quarterNumber !== null && quarterNumber >= 1 && quarterNumber <= 4) {
      due.monthOfPeriod = quarterNumber * 3;
      return { due, end: withSuffix(text, pos + quarter[0].length) };
    }
    const ordinal = once(ORDINAL_MONTH, text.slice(pos));
    const m = ordinal ?? (period === 'year' ? once(CALENDAR_MONTH, text.slice(pos)) : null);
    if (m) {
      const month = m[2] === '首' ? 1 : parseNumber(m[1] ?? '');
      if (month === null || month < 1 || month > MONTHS_IN[period]) return null;
      due.monthOfPeriod = month;
      pos += m[0].length;
      monthRead = true;
    }
  }
  const day = once(DAY, text.slice(pos));
  if (day) {
    const value = day[1] !== undefined ? parseNumber(day[1]) : day[2] === '上旬' ? 10 : day[2] === '中旬' ? 20 : 0;
    if (value === null || value > 31 || (day[1] !== undefined && value < 1)) return null;
    // 底/末/下旬 after a month is that month's last day (no `day`); alone it ends the period.
    if (value > 0) due.day = value;
    else if (!monthRead && !due.nextPeriod) due.atEnd = true;
    pos += day[0].length;
  } else if (!monthRead) {
    return null;
  }
  return { due, end: withSuffix(text, pos) };
}

function add(scan: Scan, every: Period, start: number, end: number, due: PeriodicDue | null): void {
  const rule: PeriodicRule = { kind: 'periodic', every, span: { start, end } };
  scan.add(due && Object.keys(due).length > 0 ? { ...rule, due } : rule);
}

const SENTENCE = /[；;。\n]/;

/**
 * 每月公开上月财务收支，次月10日前: the due point is the period's, with words between that the
 * parser does not read. The rule takes the due point and names where it was written (dueSpan);
 * the words between stay unparsed for a human. Only the first due point of the sentence that
 * fits the period, and only if no other period stands between them.
 */
function joinDistantDue(scan: Scan): void {
  for (const rule of scan.rules) {
    if (rule.kind !== 'periodic' || rule.due) continue;
    let end = rule.span.end;
    while (end < scan.text.length && !SENTENCE.test(scan.text[end] ?? '')) end++;
    const blocker = Math.min(end, ...scan.rules.filter((r) => r.kind === 'periodic' && r.span.start >= rule.span.end).map((r) => r.span.start));
    const sentence = scan.text.slice(0, blocker);
    STANDALONE.lastIndex = rule.span.end;
    for (let m = STANDALONE.exec(sentence); m; m = STANDALONE.exec(sentence)) {
      const read = readDue(sentence, m.index, rule.every);
      if (!read || !scan.isFree(m.index, read.end)) continue;
      rule.due = read.due;
      rule.dueSpan = { start: m.index, end: read.end };
      break;
    }
  }
}

export function matchPeriodic(scan: Scan): void {
  for (const [re, periodOf] of HEADS) {
    for (const { m, span } of matches(re, scan.text)) {
      const every = periodOf(m);
      if (!every || !scan.isFree(span.start, span.end)) continue;
      const read = readDue(scan.text, span.end, every);
      const end = read && scan.isFree(span.start, read.end) ? read.end : span.end;
      add(scan, every, span.start, end, end === span.end ? null : (read?.due ?? null));
    }
  }
  joinDistantDue(scan);
  // A due point no period took (季度结束后15日内, 年底前, 次年1月底前) is a rule of the period it names.
  for (const { m, span } of matches(STANDALONE, scan.text)) {
    const every = standalonePeriod(m);
    if (!every || !scan.isFree(span.start, span.end)) continue;
    const read = readDue(scan.text, span.start, every);
    if (!read || !scan.isFree(span.start, read.end)) continue;
    add(scan, every, span.start, read.end, read.due);
  }
}
