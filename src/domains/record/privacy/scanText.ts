import { type Candidate, chainCandidates } from './candidates.ts';
import { findChains } from './chains.ts';
import { isGluedIntoCode, isLookAlike } from './lookalikes.ts';
import { maskViewSpan } from './maskRules.ts';
import type { Finding, FindingKind } from './types.ts';
import { buildView, originEnd, originStart, type ScanView, type ViewOptions } from './view.ts';
import { wideCandidates } from './wideChains.ts';

/** On equal length the more specific kind wins: an ID check digit beats Luhn's 1-in-10. */
const KIND_PRIORITY: Record<FindingKind, number> = { id_card: 0, bank_card: 1, mobile: 2 };

function compareCandidates(a: Candidate, b: Candidate): number {
  const byLength = b.end - b.start - (a.end - a.start);
  if (byLength !== 0) return byLength;
  const byKind = KIND_PRIORITY[a.kind] - KIND_PRIORITY[b.kind];
  return byKind !== 0 ? byKind : a.start - b.start;
}

/** Keeps the longest (then most specific) candidate wherever candidates overlap. */
function resolveCluster(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const candidate of [...candidates].sort(compareCandidates)) {
    if (kept.every((k) => candidate.end <= k.start || candidate.start >= k.end)) kept.push(candidate);
  }
  return kept;
}

/**
 * Settles overlaps cluster by cluster (candidates whose spans touch one another), so a sheet
 * with tens of thousands of numbers stays linear after the sort.
 */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start);
  const kept: Candidate[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  for (const candidate of sorted) {
    if (candidate.start >= clusterEnd && cluster.length > 0) {
      kept.push(...resolveCluster(cluster));
      cluster = [];
    }
    cluster.push(candidate);
    clusterEnd = Math.max(clusterEnd, candidate.end);
  }
  kept.push(...resolveCluster(cluster));
  return kept.sort((a, b) => a.start - b.start);
}

function toFinding(text: string, view: ScanView, c: Candidate): Finding {
  const start = originStart(view, c.start);
  const end = originEnd(view, c.end - 1);
  return { kind: c.kind, text: text.slice(start, end), start, end, masked: maskViewSpan(text, view, c) };
}

export type ScanOptions = ViewOptions;

/**
 * Finds resident ID, mobile and bank card numbers in `text`. Offsets are UTF-16 offsets into
 * `text` itself. The text is read as it will be shown (view.ts): invisible characters, Markdown
 * markers and character references cannot split a number, look-alike digits count as digits;
 * numbers split by separators are found by the wide chains (wideChains.ts).
 */
export function scanText(text: string, today: Date = new Date(), options: ScanOptions = {}): Finding[] {
  const view = buildView(text, options);
  const folded = view.text;
  const candidates = [
    ...findChains(folded).flatMap((groups) => chainCandidates(folded, groups, today)),
    ...wideCandidates(folded, today),
  ].filter((c) => !isGluedIntoCode(folded, c) && !isLookAlike(folded, c));
  return resolveOverlaps(candidates).map((c) => toFinding(text, view, c));
}
