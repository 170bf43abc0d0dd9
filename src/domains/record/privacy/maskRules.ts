import { foldForScan } from './normalize.ts';
import type { FindingKind } from './types.ts';

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
  for (const ch of foldForScan(value)) if (SIGNIFICANT.test(ch)) n += 1;
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
  const folded = foldForScan(value);
  const n = countSignificant(value.slice(from));
  let seen = 0;
  let out = value.slice(0, from);
  for (let i = from; i < value.length; i += 1) {
    if (!SIGNIFICANT.test(folded[i] as string)) {
      out += value[i];
      continue;
    }
    const keep = seen < rule.head || seen >= n - rule.tail;
    out += keep ? value[i] : '*';
    seen += 1;
  }
  return out;
}

/** Masks a scanner finding; `coreOffset` skips a +86-style prefix that stays visible. */
export function maskCandidate(kind: FindingKind, original: string, coreOffset: number): string {
  const n = countSignificant(original.slice(coreOffset));
  return maskSignificant(original, coreOffset, keepRuleFor(kind, n) ?? fallbackRule(n));
}
