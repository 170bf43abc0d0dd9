/**
 * Splits folded text into digit groups and chains of groups. A group is a maximal run of
 * digits (optionally ending in X/x, the ID check character); a chain is a sequence of groups
 * joined only by short separators, e.g. "110105 1949 1231 0002" or "138-1234-5678".
 * Candidates are always whole groups, so a number inside a longer digit run is never cut out.
 */

export interface DigitGroup {
  /** the group's characters, digits and at most a trailing X */
  value: string;
  start: number;
  end: number;
}

/**
 * What may stand between two groups of one written number: one or two spaces, or one dash
 * with at most one space on each side. Tabs and line breaks separate table cells and lines,
 * so they never join groups; neither does the em dash, which Chinese uses for ranges.
 */
const SEPARATOR = /^(?: {1,2}| ?- ?)$/;

/** Digits with an optional trailing X, or a lone X — the check character written apart. */
const GROUP = /\d+[Xx]?|(?<![A-Za-z])[Xx](?![A-Za-z])/g;

export function findChains(folded: string): DigitGroup[][] {
  const chains: DigitGroup[][] = [];
  let current: DigitGroup[] = [];
  for (const match of folded.matchAll(GROUP)) {
    const group = { value: match[0], start: match.index, end: match.index + match[0].length };
    const previous = current[current.length - 1];
    const joined =
      previous !== undefined &&
      !/[Xx]$/.test(previous.value) &&
      SEPARATOR.test(folded.slice(previous.end, group.start));
    if (!joined && current.length > 0) {
      chains.push(current);
      current = [];
    }
    current.push(group);
  }
  if (current.length > 0) chains.push(current);
  return chains;
}

/** Concatenated characters of groups[from..to] inclusive. */
export function joinGroups(groups: DigitGroup[], from: number, to: number): string {
  let out = '';
  for (let i = from; i <= to; i += 1) out += (groups[i] as DigitGroup).value;
  return out;
}
