/**
 * One matcher per rule kind. They run in a fixed order (see parseTimeLimit.ts) and each claims
 * the span it reads, so a later matcher never reads the same words twice.
 */
import { parseNumber } from './numerals.ts';
import { matches, numberRegex, type Scan } from './scan.ts';
import { readTrigger } from './trigger.ts';
import type { Period, PeriodicDue, WithinRule } from './types.ts';

const OVERRIDE = /(?:(?:如|若|凡)?(?:国家|上级)?(?:法律|法规|行政法规|规章|政策)(?:[、和及与]?(?:法律|法规|行政法规|规章))?(?:对此)?)?另有规定(?:的)?[，,]?(?:(?:从|按|依|依照|按照)其规定(?:执行|办理)?|除外)/g;

export function matchOverride(scan: Scan): void {
  for (const { span } of matches(OVERRIDE, scan.text)) {
    if (scan.isFree(span.start, span.end)) scan.add({ kind: 'override', span });
  }
}

const STANDING = /保持长期(?:公开|公示)?|(?:长期|常态化?|常年|持续)(?:保持)?(?:公开|公示)/g;

export function matchStanding(scan: Scan): void {
  for (const { span } of matches(STANDING, scan.text)) {
    if (scan.isFree(span.start, span.end)) scan.add({ kind: 'standing', span });
  }
}

const PERIOD_WORDS: [RegExp, Period][] = [
  [/^月/, 'month'],
  [/^季/, 'quarter'],
  [/^半年/, 'half_year'],
  [/^年/, 'year'],
];
const EVERY = /(?:每|按)个?(?:月度?|季度?|半年度?|年度?)/g;
const STANDALONE_END = /(?:年末|年底|年终|季末|季度末|月末|月底)/g;
const STANDALONE_AFTER = numberRegex('(?:月度?|季度|半年度?|年度)(?:结束|终了|期满)后NUM个?(工作日|日|天)(?:内|以内|之内)?');

function periodOf(words: string): Period {
  const bare = words.replace(/^(?:每|按)个?/, '');
  return PERIOD_WORDS.find(([re]) => re.test(bare))?.[1] ?? 'year';
}

// Each reader looks at the text right after the period words and extends the due point.
const DUE_READERS: [RegExp, (m: RegExpExecArray, due: PeriodicDue) => void][] = [
  [/^的?(?:首月|第一个月|第一月)/, (_m, due) => (due.monthOfPeriod = 1)],
  [numberRegex('^的?第NUM个?月'), (m, due) => (due.monthOfPeriod = parseNumber(m[1] ?? '') ?? undefined)],
  [numberRegex('^的?NUM月份?(?!内)'), (m, due) => (due.monthOfPeriod = parseNumber(m[1] ?? '') ?? undefined)],
  [numberRegex('^的?NUM[日号](?:前|之前|以前)?'), (m, due) => (due.day = parseNumber(m[1] ?? '') ?? undefined)],
  [/^的?(?:年末|年底|年终|季末|季度末|月末|月底|末|底)(?:前|之前)?/, (_m, due) => (due.atEnd = true)],
  [numberRegex('^(?:结束|终了|期满)后NUM个?(工作日|日|天)(?:内|以内|之内)?'), (m, due) => (due.afterEnd = afterEnd(m))],
  [numberRegex('^[，,]?(?:次月|下月|下一?季度?首月)NUM[日号](?:前|之前|以前)?'), (m, due) => (due.afterEnd = { amount: parseNumber(m[1] ?? '') ?? 0, unit: 'day' })],
];

function afterEnd(m: RegExpExecArray): PeriodicDue['afterEnd'] {
  return { amount: parseNumber(m[1] ?? '') ?? 0, unit: m[2] === '工作日' ? 'workday' : 'day' };
}

function readDue(text: string, from: number): { due: PeriodicDue; end: number } {
  const due: PeriodicDue = {};
  let end = from;
  for (const [re, apply] of DUE_READERS) {
    re.lastIndex = 0;
    const m = re.exec(text.slice(end));
    if (m && m[0] !== '') {
      apply(m, due);
      end += m[0].length;
    }
  }
  return { due, end };
}

export function matchPeriodic(scan: Scan): void {
  for (const { m, span } of matches(EVERY, scan.text)) {
    if (!scan.isFree(span.start, span.end)) continue;
    const { due, end } = readDue(scan.text, span.end);
    const rule = { kind: 'periodic' as const, every: periodOf(m[0]), span: { start: span.start, end } };
    scan.add(Object.keys(due).length > 0 ? { ...rule, due } : rule);
  }
  for (const { m, span } of matches(STANDALONE_AFTER, scan.text)) {
    if (scan.isFree(span.start, span.end)) {
      scan.add({ kind: 'periodic', every: periodOf(m[0]), due: { afterEnd: afterEnd(m) }, span });
    }
  }
  for (const { m, span } of matches(STANDALONE_END, scan.text)) {
    if (scan.isFree(span.start, span.end)) {
      scan.add({ kind: 'periodic', every: periodOf(m[0]), due: { atEnd: true }, span });
    }
  }
}

const AMOUNT = numberRegex('NUM个?(工作日|自然日|日|天|月)(?:内|以内|之内)');
const SAME_DAY = /当天|当日|即日/g;
const BEFORE_PUBLICITY = /(?:公示|公告|张榜)(?:期|时间|期限|时长)?(?:为|不少于|不得少于|不低于|至少|满|共)?$/;
const UNITS: Record<string, WithinRule['unit']> = { 工作日: 'workday', 自然日: 'day', 日: 'day', 天: 'day', 月: 'month' };

function addWithin(scan: Scan, at: number, end: number, amount: number, unit: WithinRule['unit']): void {
  const leadStart = scan.leadStart(at);
  const reading = readTrigger(scan.text.slice(leadStart, at));
  const start = reading.text === '' ? at : leadStart + reading.offset;
  const rule: WithinRule = { kind: 'within', amount, unit, trigger: reading.trigger, span: { start, end } };
  if (reading.trigger === 'other' && reading.text !== '') rule.triggerText = reading.text;
  scan.add(rule);
}

export function matchWithin(scan: Scan): void {
  for (const { m, span } of matches(AMOUNT, scan.text)) {
    if (!scan.isFree(span.start, span.end)) continue;
    if (BEFORE_PUBLICITY.test(scan.text.slice(scan.leadStart(span.start), span.start))) continue;
    const amount = parseNumber(m[1] ?? '');
    if (amount !== null) addWithin(scan, span.start, span.end, amount, UNITS[m[2] ?? ''] ?? 'day');
  }
  for (const { span } of matches(SAME_DAY, scan.text)) {
    if (!scan.isFree(span.start, span.end)) continue;
    const at = scan.text[span.start - 1] === '的' ? span.start - 1 : span.start;
    addWithin(scan, at, span.end, 0, 'day');
  }
}

const PUBLICITY = numberRegex('(?:公示|公告|张榜公布|张榜)(?:期|时间|期限|时长)?(?:为|不少于|不得少于|不低于|至少|满|共)?NUM个?(工作日|自然日|日|天)(?:以上|及以上)?');
const SUBJECT_FILLER = /^(?:并|且|同时|将|对|其中|予以|需|应|须|的|\s)+|(?:进行|予以|需|应|须|的|\s)+$/g;

export function matchPublicity(scan: Scan): void {
  for (const { m, span } of matches(PUBLICITY, scan.text)) {
    if (!scan.isFree(span.start, span.end)) continue;
    const amount = parseNumber(m[1] ?? '');
    if (amount === null) continue;
    const unit = m[2] === '工作日' ? 'workday' : 'day';
    const leadStart = scan.leadStart(span.start);
    const lead = scan.text.slice(leadStart, span.start);
    const subject = lead.replace(SUBJECT_FILLER, '');
    if (subject !== '' && subject.length <= 30 && !/\d/.test(subject)) {
      const start = leadStart + lead.indexOf(subject);
      scan.add({ kind: 'publicity', amount, unit, subject, span: { start, end: span.end } });
    } else {
      scan.add({ kind: 'publicity', amount, unit, span });
    }
  }
}

const PROMPT = /及时|随时|即时|实时|第一时间/g;

export function matchPrompt(scan: Scan): void {
  for (const { span } of matches(PROMPT, scan.text)) {
    // 及时 next to a number of days adds nothing; alone it means a human must set the days.
    if (scan.isFree(span.start, span.end) && !scan.clauseHas(span.start, ['within', 'periodic', 'publicity'])) {
      scan.add({ kind: 'prompt', span });
    }
  }
}
