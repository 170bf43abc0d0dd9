import { LRUCache } from 'lru-cache';
import { countSignificant, fallbackRule, keepRuleFor, maskSignificant } from './maskRules.ts';
import { phoneKey } from './publicPhones.ts';
import { type ScanOptions, scanText } from './scanText.ts';
import type { Finding, FindingKind } from './types.ts';

/** Replaces each finding's slice with its masked form; lengths match, so offsets still hold. */
function applyFindings(text: string, findings: Finding[]): string {
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + f.masked;
    at = f.end;
  }
  return out + text.slice(at);
}

export interface MaskOptions extends ScanOptions {
  /** The organisation's listed public numbers (publicPhones.ts): a mobile equal to one stays visible. */
  allowPhones?: ReadonlySet<string>;
}

/** Masks every personal number the scanner finds; the rest of the text is untouched. */
export function maskText(text: string, options: MaskOptions = {}): { text: string; findings: Finding[] } {
  const allow = options.allowPhones;
  const all = scanText(text, new Date(), options);
  // Only a mobile can be an organisation's number; an ID or a bank card is masked whatever is listed.
  const findings = allow && allow.size > 0 ? all.filter((f) => f.kind !== 'mobile' || !allow.has(phoneKey(f.text))) : all;
  return { text: applyFindings(text, findings), findings };
}

// The same titles, names and (through the channels' guard) whole feed and screen views are masked
// again on every uncached render: a fifth of a feed's CPU. Their masks are kept for the day
// (whether a number can be an ID depends on today: no one is born tomorrow), bounded by the
// characters held; a text this large is masked afresh.
const KEPT_CHARACTERS = 1_000_000; // ~2–3 MB of heap at two bytes a character (the 200 MB budget)
// Each entry also costs its two string headers and the cache's slot (~64 characters' worth): a
// list of short table cells must not hold ten times what the bound says.
const kept = new LRUCache<string, string>({ maxSize: KEPT_CHARACTERS, sizeCalculation: (masked, text) => masked.length + text.length + 64 });
let keptDay = '';

/** maskText(text).text (no listed phones, plain text), kept for texts shown again and again. */
export function maskTextKept(text: string): string {
  if (text.length > KEPT_CHARACTERS / 20) return maskText(text).text;
  const day = new Date().toISOString().slice(0, 10);
  if (day !== keptDay) {
    kept.clear();
    keptDay = day;
  }
  let out = kept.get(text);
  if (out === undefined) kept.set(text, (out = maskText(text).text));
  return out;
}

/**
 * Masks the text of rendered HTML (a record body after Markdown): tags and attributes stay as
 * they are, a number split by tags or written with character references is still found.
 */
export function maskHtml(html: string, allowPhones?: ReadonlySet<string>): string {
  return maskText(html, { html: true, allowPhones }).text;
}

/** A country code written before a mobile number in a phone column stays visible. */
const MOBILE_PREFIX = /^\s*(?:[(（]?[+＋]?(?:00)?86[)）]?)[\s-]*/;

/**
 * Masks a value from a table column declared as ID card, mobile or bank card, whatever it
 * contains. When the scanner recognises every significant character of the value as personal
 * numbers, those numbers get their usual masks ("138****5678 / 139****4321"). Otherwise the
 * whole value is masked as one number of `kind`: by the kind's rule when the count of digits
 * and letters fits it (an 18-character ID with a wrong check digit still becomes
 * 110105********0003), else all but the last 4 of 8 or more, else all of them.
 */
export function maskValue(kind: FindingKind, value: string): string {
  const findings = scanText(value);
  const masked = applyFindings(value, findings);
  const leftOver = countSignificant(value) - findings.reduce((n, f) => n + countSignificant(f.text), 0);
  if (findings.length > 0 && leftOver === 0) return masked;
  const prefix = kind === 'mobile' ? (MOBILE_PREFIX.exec(value)?.[0] ?? '') : '';
  const from = prefix !== '' && countSignificant(value.slice(prefix.length)) === 11 ? prefix.length : 0;
  const n = countSignificant(value.slice(from));
  return maskSignificant(value, from, keepRuleFor(kind, n) ?? fallbackRule(n));
}
