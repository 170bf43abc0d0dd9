/**
 * Parses a catalog item's 公开时限 text into typed rules, each with the span it came from.
 * Whatever it cannot read is returned in `unparsed` so the importer can ask a human.
 *
 *   parseTimeLimit('信息形成或者变更之日起20个工作日内,保持长期公开。')
 *   → within 20 workdays of formed_or_changed + standing
 */
import { matchOverride, matchPeriodic, matchPrompt, matchPublicity, matchStanding, matchWithin } from './matchers.ts';
import { normalizeWidth } from './numerals.ts';
import { Scan } from './scan.ts';
import type { Rule, Span, TimeLimitParse, UnparsedText } from './types.ts';

// Order matters: fixed phrases first, so 长期公开 or 每月10日前 are never read as a number of days,
// and `within` before `publicity`, so 公示 can take the words before it as its subject.
const MATCHERS = [matchOverride, matchStanding, matchPeriodic, matchWithin, matchPublicity, matchPrompt];

// Words that add nothing to a rule once the rules are read (予以公开, list numbers, punctuation).
const FILLER =
  /予以公开|予以公布|进行公开|向社会公开|公开一次|一次|予以|公开|公布|公示|发布|更新|以内|之内|内|并且|并|且|同时|应当|应|须|需要|需|的|在|于|及|和|或者|或|\d{1,2}\s*[.．、]|[\s，,；;。、:：()（）]/g;

// A 公开时限 is a sentence or two (the longest in real catalogs is under 200 characters). Past this
// many nothing is read as a rule: the rest is handed to a human as unparsed text. It also keeps
// the matchers, which compare each match with the rules found so far, far from quadratic costs.
const MAX_PARSED = 1000;

export function parseTimeLimit(text: string): TimeLimitParse {
  const scan = new Scan(normalizeWidth(text.slice(0, MAX_PARSED)));
  for (const match of MATCHERS) match(scan);
  const rules = [...scan.rules].sort((a, b) => a.span.start - b.span.start);
  return { rules, unparsed: findUnparsed(text, readSpans(rules)) };
}

/** Every stretch of text a rule was read from, in text order (a periodic rule may have two). */
export function readSpans(rules: readonly Rule[]): Span[] {
  const spans = rules.flatMap((r) => (r.kind === 'periodic' && r.dueSpan ? [r.span, r.dueSpan] : [r.span]));
  return spans.sort((a, b) => a.start - b.start);
}

/** The pieces of text between rules that still say something once filler words are removed. */
function findUnparsed(text: string, spans: { start: number; end: number }[]): UnparsedText[] {
  const gaps: { start: number; end: number }[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start > cursor) gaps.push({ start: cursor, end: span.start });
    cursor = Math.max(cursor, span.end);
  }
  if (cursor < text.length) gaps.push({ start: cursor, end: text.length });
  const result: UnparsedText[] = [];
  for (const gap of gaps) {
    for (const piece of splitClauses(text, gap.start, gap.end)) {
      if (piece.text.replace(FILLER, '') !== '') result.push(piece);
    }
  }
  return result;
}

/** Splits [start, end) at clause punctuation and trims each piece, keeping offsets. */
function splitClauses(text: string, start: number, end: number): UnparsedText[] {
  const pieces: UnparsedText[] = [];
  const re = /[^，,；;。\n]+/g;
  const slice = text.slice(start, end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const lead = m[0].length - m[0].trimStart().length;
    const trimmed = m[0].trim();
    if (trimmed === '') continue;
    const pieceStart = start + m.index + lead;
    pieces.push({ text: trimmed, start: pieceStart, end: pieceStart + trimmed.length });
  }
  return pieces;
}
