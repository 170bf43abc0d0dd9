/**
 * One matcher per rule kind. They run in a fixed order (see parseTimeLimit.ts) and each claims
 * the span it reads, so a later matcher never reads the same words twice.
 */
import { parseNumber } from './numerals.ts';
import { matches, numberRegex, type Scan } from './scan.ts';
import { readTrigger } from './trigger.ts';
import type { WithinRule } from './types.ts';

export { matchPeriodic } from './periodic.ts';

const OVERRIDE = /(?:(?:如|若|凡)?(?:国家|上级)?(?:法律|法规|行政法规|规章|政策)(?:[、和及与]?(?:法律|法规|行政法规|规章))?(?:对此)?)?另有规定(?:的)?[，,]?(?:(?:从|按|依|依照|按照)其规定(?:执行|办理)?|除外)/g;

export function matchOverride(scan: Scan): void {
  for (const { span } of matches(OVERRIDE, scan.text)) {
    if (scan.isFree(span.start, span.end)) scan.add({ kind: 'override', span });
  }
}

// 长期 alone fills a 时限 cell too; followed by other words (长期重点帮扶) it is not a time limit.
// 动态更新 right after it says how a standing disclosure is kept: part of the same rule.
const KEPT_CURRENT = '(?:\\s*[，,、]?\\s*(?:并|且)?\\s*动态(?:更新|调整))?';
const STANDING = new RegExp(
  `(?:保持长期(?:公开|公示)?|(?:长期|常态化?|常年|持续)(?:保持)?(?:公开|公示|有效)|长期(?=\\s*(?:$|[，,；;。])))${KEPT_CURRENT}`,
  'g',
);

export function matchStanding(scan: Scan): void {
  for (const { span } of matches(STANDING, scan.text)) {
    if (scan.isFree(span.start, span.end)) scan.add({ kind: 'standing', span });
  }
}

// Spaces around the number are common in converted files (之日起 20 个工作日内). 内 may be left
// out only right after the event (之日起20个工作日): elsewhere a bare 10日 is a date, not a limit.
const AMOUNT = numberRegex('NUM\\s*个?\\s*(工作日|自然日|日|天|月|周|星期)\\s*(内|以内|之内)?');
const AFTER_EVENT = /(?:起|后)\s*$/;
const SAME_DAY = /当天|当日|即日/g;
const NEXT_DAY = /次日(?!起)|翌日|第二天/g;
const BEFORE_PUBLICITY = /(?:公示|公告|张榜)(?:期|时间|期限|时长)?\s*(?:为|不少于|不得少于|不低于|至少|满|共)?\s*$/;
const UNITS: Record<string, WithinRule['unit']> = { 工作日: 'workday', 自然日: 'day', 日: 'day', 天: 'day', 月: 'month', 周: 'day', 星期: 'day' };
/** 一周 is seven calendar days. */
const WEEKS: Record<string, number> = { 周: 7, 星期: 7 };

function addWithin(scan: Scan, at: number, end: number, amount: number, unit: WithinRule['unit']): void {
  const leadStart = scan.leadStart(at);
  const reading = readTrigger(scan.text.slice(leadStart, at));
  // A lead with no event (之日起 20 个工作日内) still belongs to the rule: it is read, not unread.
  const start = leadStart + reading.offset;
  const rule: WithinRule = { kind: 'within', amount, unit, trigger: reading.trigger, span: { start, end } };
  if (reading.trigger === 'other' && reading.text !== '') rule.triggerText = reading.text;
  scan.add(rule);
}

export function matchWithin(scan: Scan): void {
  for (const { m, span } of matches(AMOUNT, scan.text)) {
    if (!scan.isFree(span.start, span.end)) continue;
    const lead = scan.text.slice(scan.leadStart(span.start), span.start);
    if (BEFORE_PUBLICITY.test(lead)) continue;
    if (m[3] === undefined && !AFTER_EVENT.test(lead)) continue;
    const amount = parseNumber(m[1] ?? '');
    if (amount !== null) addWithin(scan, span.start, span.end, amount * (WEEKS[m[2] ?? ''] ?? 1), UNITS[m[2] ?? ''] ?? 'day');
  }
  for (const [re, amount] of [[SAME_DAY, 0], [NEXT_DAY, 1]] as const) {
    for (const { span } of matches(re, scan.text)) {
      if (!scan.isFree(span.start, span.end)) continue;
      const at = scan.text[span.start - 1] === '的' ? span.start - 1 : span.start;
      addWithin(scan, at, span.end, amount, 'day');
    }
  }
}

const PUBLICITY = numberRegex('(?:张榜公示|张贴公示|张榜公布|公示|公告|张榜)(?:期|时间|期限|时长)?\\s*(?:为|不少于|不得少于|不低于|至少|满|共)?\\s*NUM\\s*个?\\s*(工作日|自然日|日|天|周|星期)(?:以上|及以上)?');
const SUBJECT_FILLER = /^(?:并|且|同时|将|对|其中|予以|需|应|须|的|\s)+|(?:进行|予以|需|应|须|的|\s)+$/g;

export function matchPublicity(scan: Scan): void {
  for (const { m, span } of matches(PUBLICITY, scan.text)) {
    if (!scan.isFree(span.start, span.end)) continue;
    const number = parseNumber(m[1] ?? '');
    if (number === null) continue;
    const amount = number * (WEEKS[m[2] ?? ''] ?? 1);
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

// 动态更新 alone: published as things change, with no number of days, like 及时.
const PROMPT = /(?:事后)?(?:及时|随时|即时|实时|第一时间)|事后|动态(?:更新|调整|公开)/g;
const JOINS = /^[\s的并且]*(?:予以)?(?:公开|公布)?[\s的并且]*$/;

export function matchPrompt(scan: Scan): void {
  for (const { span } of matches(PROMPT, scan.text)) {
    if (!scan.isFree(span.start, span.end)) continue;
    if (!scan.clauseHas(span.start, ['within', 'periodic', 'publicity'])) {
      scan.add({ kind: 'prompt', span });
      continue;
    }
    // 及时 next to a number of days adds nothing (20个工作日内及时公开): the words join that rule,
    // so they are neither a second rule nor text left unread.
    const before = scan.rules.findLast((r) => r.span.end <= span.start && JOINS.test(scan.text.slice(r.span.end, span.start)));
    if (before && before.kind !== 'standing') before.span.end = span.end;
  }
}
