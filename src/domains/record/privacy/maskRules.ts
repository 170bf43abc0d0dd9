import type { FindingKind } from './types.ts';
import type { Candidate } from './candidates.ts';
import { buildView, originEnd, originStart, type ScanView } from './view.ts';

/**
 * The masking rules — keep this comment, README.md and the tests in step.
 *
 * Only "significant" characters (digits, ASCII letters, full-width forms included) are
 * counted and masked; separators, a +86 prefix and any other characters stay where they are,
 * and each hidden character becomes one '*', so the masked text has the original's length.
 *
 *   id_card, 18 chars  keep the 6-digit region and the last 4     110105********0002
 *   id_card, 15 chars  keep the 6-digit region and the last 3     110105******123
 *   mobile             keep the first 3 and the last 4            138****5678, +86 138-****-5678
 *   bank_card          keep the first 4 and the last 4           6222 **** **** 1234
 *   anything else      (maskValue only) keep the last 4 when there are at least 8 significant
 *                      characters, otherwise hide every one of them
 *
 * The birth date and the sequence digits that precede the last 4 are what make an ID
 * personal; the region and the tail let a clerk tell two residents apart on a list.
 */
interface KeepRule {
  head: number;
  tail: number;
}

const SIGNIFICANT = /[0-9A-Za-z]/;

export function countSignificant(value: string): number {
  let n = 0;
  for (const ch of buildView(value).text) if (SIGNIFICANT.test(ch)) n += 1;
  return n;
}

/** The rule for a value of `kind` with `n` significant characters; null if it has no shape rule. */
export function keepRuleFor(kind: FindingKind, n: number): KeepRule | null {
  if (kind === 'id_card' && n === 18) return { head: 6, tail: 4 };
  if (kind === 'id_card' && n === 15) return { head: 6, tail: 3 };
  if (kind === 'mobile' && n === 11) return { head: 3, tail: 4 };
  if (kind === 'bank_card' && n >= 16 && n <= 19) return { head: 4, tail: 4 };
  return null;
}

/** Keep the last 4 of a long malformed value; hide all of a short one (too few to keep any). */
export function fallbackRule(n: number): KeepRule {
  return n >= 8 ? { head: 0, tail: 4 } : { head: 0, tail: 0 };
}

/** Replaces the significant characters of value[from..] outside the kept head and tail with '*'. */
export function maskSignificant(value: string, from: number, rule: KeepRule): string {
  const view = buildView(value);
  let v = 0;
  while (v < view.text.length && originStart(view, v) < from) v += 1;
  return value.slice(0, from) + starSpan(value, view, { from: v, to: view.text.length }, { start: from, end: value.length }, rule);
}

/**
 * A hidden character of the original as one '*' of the same length: a character reference
 * ("&#49;") becomes the reference of '*' ("&#42;") so HTML and Markdown still show one star,
 * a surrogate pair two stars.
 */
function starFor(original: string): string {
  if (original.length === 1) return '*';
  const dec = /^&#(\d+);$/.exec(original);
  if (dec) return `&#${'42'.padStart((dec[1] as string).length, '0')};`;
  const hex = /^&#([xX])([0-9a-fA-F]+);$/.exec(original);
  if (hex) return `&#${hex[1]}${'2a'.padStart((hex[2] as string).length, '0')};`;
  return '*'.repeat(original.length);
}

/**
 * The original slice behind candidate `c` (offsets into `view.text`) with its hidden characters
 * starred. Characters the view dropped (invisible ones, Markdown markers, tags) stay as written.
 */
export function maskViewSpan(text: string, view: ScanView, c: Candidate): string {
  let n = 0;
  for (let i = c.coreStart; i < c.end; i += 1) if (SIGNIFICANT.test(view.text[i] as string)) n += 1;
  const original = { start: originStart(view, c.start), end: originEnd(view, c.end - 1) };
  return starSpan(text, view, { from: c.coreStart, to: c.end }, original, keepRuleFor(c.kind, n) ?? fallbackRule(n));
}

/**
 * text[original.start..original.end) with the significant view characters in [span.from,
 * span.to) starred, but for the rule's head and tail.
 */
function starSpan(text: string, view: ScanView, span: { from: number; to: number }, original: { start: number; end: number }, rule: KeepRule): string {
  const significant: number[] = [];
  for (let i = span.from; i < span.to; i += 1) if (SIGNIFICANT.test(view.text[i] as string)) significant.push(i);
  const n = significant.length;
  let out = '';
  let at = original.start;
  significant.forEach((i, seen) => {
    if (seen < rule.head || seen >= n - rule.tail) return;
    const from = originStart(view, i);
    const to = originEnd(view, i);
    if (from < at) return; // two view characters from one original one (a decoded pair)
    out += text.slice(at, from) + starFor(text.slice(from, to));
    at = to;
  });
  return out + text.slice(at, original.end);
}
