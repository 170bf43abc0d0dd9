import type { Candidate } from './candidates.ts';
import type { DigitGroup } from './chains.ts';
import { joinGroups } from './chains.ts';
import { isValidBankCard, isValidId18, isValidMobile } from './validators.ts';

/**
 * Numbers split on purpose, or by a careless paste: "138.1234.5678", "1 3 8 1 2 3 4 5 6 7 8",
 * "110105\t19491231\t0003", an ID broken over two lines. The strict chains (chains.ts) only join
 * groups the way people write numbers; here groups joined by up to three spaces, tabs, line
 * breaks, dots or dashes form a *wide chain*, and each kind is accepted with as much freedom as
 * its check allows without flagging ordinary tables of figures:
 *
 * - ID, 18: any whole groups of the chain — region, birth date and MOD 11-2 leave about one
 *   false match in 50,000.
 * - mobile and bank card (weak checks): only a whole run of groups with the same separator,
 *   or a whole run of spaces/dots/dashes. Over tabs and line breaks, which separate table cells,
 *   only the usual grouping (3-4-4, fours) or one digit per cell.
 * - "1500.00 180.00": a one-dot fraction of 1–2 digits is a decimal and ends the chain.
 */
const WIDE_SEPARATOR = /^[ \t\r\n.-]{1,3}$/;
const LINE = /[\t\r\n]/;
const GROUP = /\d+[Xx]?|(?<![A-Za-z])[Xx](?![A-Za-z])/g;

interface WideChain {
  groups: DigitGroup[];
  /** seps[k] stands between groups[k] and groups[k + 1] */
  seps: string[];
}

function isFraction(view: string, group: DigitGroup, sep: string, sepBefore: string | undefined): boolean {
  return sep === '.' && /^\d{1,2}$/.test(group.value) && sepBefore !== '.' && !/^\.\d/.test(view.slice(group.end, group.end + 2));
}

export function findWideChains(view: string): WideChain[] {
  const chains: WideChain[] = [];
  let current: WideChain = { groups: [], seps: [] };
  let closed = false;
  for (const match of view.matchAll(GROUP)) {
    const group = { value: match[0], start: match.index, end: match.index + match[0].length };
    const previous = current.groups[current.groups.length - 1];
    const sep = previous === undefined ? '' : view.slice(previous.end, group.start);
    const fraction = previous !== undefined && isFraction(view, group, sep, current.seps[current.seps.length - 1]);
    const joined = previous !== undefined && !closed && !fraction && !/[Xx]$/.test(previous.value) && WIDE_SEPARATOR.test(sep);
    if (joined) {
      current.seps.push(sep);
      current.groups.push(group);
    } else {
      if (current.groups.length > 1) chains.push(current);
      current = { groups: [group], seps: [] };
    }
    closed = fraction;
  }
  if (current.groups.length > 1) chains.push(current);
  return chains;
}

function idCandidates(chain: WideChain, today: Date): Candidate[] {
  const out: Candidate[] = [];
  const { groups } = chain;
  for (let i = 0; i < groups.length; i += 1) {
    let length = (groups[i] as DigitGroup).value.length;
    for (let j = i + 1; j < groups.length && length < 18; j += 1) {
      length += (groups[j] as DigitGroup).value.length;
      if (length === 18 && isValidId18(joinGroups(groups, i, j), today)) {
        out.push({ kind: 'id_card', start: (groups[i] as DigitGroup).start, end: (groups[j] as DigitGroup).end, coreStart: (groups[i] as DigitGroup).start });
      }
    }
  }
  return out;
}

function usualGrouping(lengths: number[]): boolean {
  if (lengths.every((n) => n === 1)) return true;
  if (lengths.join('-') === '3-4-4') return true;
  const last = lengths.length - 1;
  return lengths.every((n, k) => n === 4 || (k === last && n < 4));
}

/**
 * Dashes join the parts of case and file numbers and dates ("14-3-25-123456"): over dashes a
 * phone or card number is taken only in a grouping people write them in, or with its digits
 * split evenly (one or two per group, the way numbers are hidden on purpose).
 */
function dashedGrouping(lengths: number[]): boolean {
  return usualGrouping(lengths) || ['3-8', '7-4'].includes(lengths.join('-')) || lengths.every((n) => n === lengths[0]);
}

/** A mobile or card number written as groups[a..b], nothing more and nothing less. */
function wholeRun(chain: WideChain, a: number, b: number, overLines: boolean): Candidate[] {
  if (b <= a) return [];
  const value = joinGroups(chain.groups, a, b);
  if (value.length < 11 || value.length > 19) return [];
  const lengths = chain.groups.slice(a, b + 1).map((g) => g.value.length);
  if (overLines && !usualGrouping(lengths)) return [];
  if (chain.seps.slice(a, b).every((sep) => sep === '-') && !dashedGrouping(lengths)) return [];
  const start = (chain.groups[a] as DigitGroup).start;
  const end = (chain.groups[b] as DigitGroup).end;
  if (isValidMobile(value)) return [{ kind: 'mobile', start, end, coreStart: start }];
  if (isValidBankCard(value)) return [{ kind: 'bank_card', start, end, coreStart: start }];
  return [];
}

/** Runs of groups whose separators all satisfy `same(first, next)`, as [from, to] group indexes. */
function runs(seps: string[], same: (a: string, b: string) => boolean): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = 0;
  for (let k = 1; k <= seps.length; k += 1) {
    if (k < seps.length && same(seps[from] as string, seps[k] as string)) continue;
    out.push([from, k]);
    from = k;
  }
  return out;
}

/** Candidates of split numbers in `view` (the folded scan view); overlaps are settled by the caller. */
export function wideCandidates(view: string, today: Date): Candidate[] {
  const out: Candidate[] = [];
  for (const chain of findWideChains(view)) {
    out.push(...idCandidates(chain, today));
    for (const [a, b] of runs(chain.seps, (x, y) => x === y)) out.push(...wholeRun(chain, a, b, LINE.test(chain.seps[a] as string)));
    const inline = runs(chain.seps, (x, y) => !LINE.test(x) && !LINE.test(y));
    for (const [a, b] of inline) if (!LINE.test(chain.seps[a] as string)) out.push(...wholeRun(chain, a, b, false));
  }
  return out;
}
