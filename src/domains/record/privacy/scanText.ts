import { type Candidate, chainCandidates } from './candidates.ts';
import { findChains } from './chains.ts';
import { isGluedIntoCode, isLookAlike } from './lookalikes.ts';
import { maskCandidate } from './maskRules.ts';
import { foldForScan } from './normalize.ts';
import type { Finding, FindingKind } from './types.ts';

/** On equal length the more specific kind wins: an ID check digit beats Luhn's 1-in-10. */
const KIND_PRIORITY: Record<FindingKind, number> = { id_card: 0, bank_card: 1, mobile: 2 };

function compareCandidates(a: Candidate, b: Candidate): number {
  const byLength = b.end - b.start - (a.end - a.start);
  if (byLength !== 0) return byLength;
  const byKind = KIND_PRIORITY[a.kind] - KIND_PRIORITY[b.kind];
  return byKind !== 0 ? byKind : a.start - b.start;
}

/** Keeps the longest (then most specific) candidate wherever candidates overlap. */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const candidate of [...candidates].sort(compareCandidates)) {
    if (kept.every((k) => candidate.end <= k.start || candidate.start >= k.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Finds resident ID, mobile and bank card numbers in `text`. Offsets are UTF-16 offsets into
 * `text` itself; full-width digits and separators are understood in place.
 */
export function scanText(text: string, today: Date = new Date()): Finding[] {
  const folded = foldForScan(text);
  // Candidates only overlap within one chain, so overlaps are settled chain by chain: this
  // keeps a spreadsheet with tens of thousands of numbers linear.
  const kept = findChains(folded).flatMap((groups) =>
    resolveOverlaps(
      chainCandidates(folded, groups, today).filter((c) => !isGluedIntoCode(folded, c) && !isLookAlike(folded, c)),
    ),
  );
  return kept.map((c) => {
    const original = text.slice(c.start, c.end);
    return {
      kind: c.kind,
      text: original,
      start: c.start,
      end: c.end,
      masked: maskCandidate(c.kind, original, c.coreStart - c.start),
    };
  });
}
