import { type DigitGroup, joinGroups } from './chains.ts';
import type { FindingKind } from './types.ts';
import { isValidBankCard, isValidId15, isValidId18, isValidMobile } from './validators.ts';

/** A number that passed its structural checks; `coreStart` skips a kept +86 prefix. */
export interface Candidate {
  kind: FindingKind;
  start: number;
  end: number;
  coreStart: number;
}

/**
 * The ways people group the digits of one number. Anything else (say 4-2-2 for a date) is
 * not joined into an ID or a mobile number even when the digit count would fit.
 * 18-digit IDs: whole, region-birth-rest, region-year-mmdd-rest, with the check char split
 * off, region + 12; the 4-4-4-4-2 grouping is handled with bank-style 4-chains below.
 */
const ID18_PATTERNS = [[18], [6, 8, 4], [6, 4, 4, 4], [6, 8, 3, 1], [6, 4, 4, 3, 1], [6, 12]];
const ID15_PATTERNS = [[15], [6, 6, 3]];
const MOBILE_PATTERNS = [[11], [3, 4, 4], [3, 8]];

/** +86, 0086, 86, (+86) written right before a mobile number, e.g. "+86 138…", "(+86)138…". */
const COUNTRY_PREFIX = /(?:\(\+?(?:00)?86\)|\+(?:00)?86|(?<![\d+])(?:00)?86)[ -]{0,2}$/;

function matchesPattern(groups: DigitGroup[], from: number, pattern: number[]): boolean {
  if (from + pattern.length > groups.length) return false;
  return pattern.every((len, k) => (groups[from + k] as DigitGroup).value.length === len);
}

function span(groups: DigitGroup[], from: number, count: number): { start: number; end: number } {
  return { start: (groups[from] as DigitGroup).start, end: (groups[from + count - 1] as DigitGroup).end };
}

/** Candidates from the explicit grouping patterns of IDs and mobile numbers. */
function patternCandidates(folded: string, groups: DigitGroup[], today: Date): Candidate[] {
  const out: Candidate[] = [];
  const tries: Array<[FindingKind, number[][], (v: string) => boolean]> = [
    ['id_card', ID18_PATTERNS, (v) => isValidId18(v, today)],
    ['id_card', ID15_PATTERNS, (v) => isValidId15(v, today)],
    ['mobile', MOBILE_PATTERNS, isValidMobile],
  ];
  for (let i = 0; i < groups.length; i += 1) {
    for (const [kind, patterns, isValid] of tries) {
      for (const pattern of patterns) {
        if (!matchesPattern(groups, i, pattern)) continue;
        if (!isValid(joinGroups(groups, i, i + pattern.length - 1))) continue;
        const { start, end } = span(groups, i, pattern.length);
        out.push(kind === 'mobile' ? withCountryPrefix(folded, start, end) : { kind, start, end, coreStart: start });
      }
    }
  }
  return out;
}

/** Widens a mobile candidate over a +86-style prefix so the prefix stays with the number. */
function withCountryPrefix(folded: string, start: number, end: number): Candidate {
  const before = folded.slice(Math.max(0, start - 10), start);
  const prefix = COUNTRY_PREFIX.exec(before);
  const prefixStart = prefix === null ? start : start - prefix[0].length;
  return { kind: 'mobile', start: prefixStart, end, coreStart: start };
}

/** "8613812345678", "+8613812345678", "008613812345678": prefix glued to the number. */
function gluedPrefixMobile(folded: string, group: DigitGroup): Candidate | null {
  const m = /^(?:00)?86(1[3-9]\d{9})$/.exec(group.value);
  if (m === null) return null;
  const plus = folded[group.start - 1] === '+' ? 1 : 0;
  return { kind: 'mobile', start: group.start - plus, end: group.end, coreStart: group.end - 11 };
}

/**
 * Cards are written whole or in groups of four with a shorter last group. A 4-chain is taken
 * whole or not at all: "1234 5678 9012 3456 7890" is a 20-digit order number, not a card plus
 * a stray group. An 18-character 4-chain may also be an ID (4-4-4-4-2).
 */
function fourChainCandidates(groups: DigitGroup[], today: Date): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < groups.length; i += 1) {
    const previous = groups[i - 1];
    if ((groups[i] as DigitGroup).value.length !== 4 || (previous && previous.value.length === 4)) continue;
    let last = i;
    while (groups[last + 1]?.value.length === 4) last += 1;
    const tail = groups[last + 1];
    if (tail !== undefined && tail.value.length < 4) last += 1;
    if (last === i) continue;
    const value = joinGroups(groups, i, last);
    const { start, end } = span(groups, i, last - i + 1);
    if (isValidBankCard(value)) out.push({ kind: 'bank_card', start, end, coreStart: start });
    if (isValidId18(value, today)) out.push({ kind: 'id_card', start, end, coreStart: start });
  }
  return out;
}

/**
 * A 残疾人证 number is the holder's 18-character ID followed by the disability category (1–7)
 * and level (1–4). The ID part is a leak like any other, so it is found inside the 20-digit
 * run; the two trailing digits stay visible. (With an X check character the run already
 * splits after the X.)
 */
function disabilityCertificateId(group: DigitGroup, today: Date): Candidate | null {
  if (!/^\d{18}[1-7][1-4]$/.test(group.value) || !isValidId18(group.value.slice(0, 18), today)) return null;
  return { kind: 'id_card', start: group.start, end: group.start + 18, coreStart: group.start };
}

function singleGroupCandidates(folded: string, group: DigitGroup, today: Date): Candidate[] {
  const out: Candidate[] = [];
  const certificate = disabilityCertificateId(group, today);
  if (certificate !== null) out.push(certificate);
  if (isValidBankCard(group.value)) out.push({ kind: 'bank_card', start: group.start, end: group.end, coreStart: group.start });
  const glued = gluedPrefixMobile(folded, group);
  if (glued !== null) out.push(glued);
  return out;
}

/** Every structurally valid candidate in one chain, overlapping ones included. */
export function chainCandidates(folded: string, groups: DigitGroup[], today: Date): Candidate[] {
  return [
    ...patternCandidates(folded, groups, today),
    ...fourChainCandidates(groups, today),
    ...groups.flatMap((group) => singleGroupCandidates(folded, group, today)),
  ];
}
