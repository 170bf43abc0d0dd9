/*
 * Shared pieces of the property/fuzz suite (test/fuzz/, issue 13 item 4).
 *
 * Every property runs with a fixed seed and a small number of cases in CI. Longer on demand:
 *
 *   FUZZ_RUNS=10000 npx vitest run test/fuzz          # many more cases per property
 *   FUZZ_SEED=12345 npx vitest run test/fuzz          # another fixed seed
 *   FUZZ_SEED=random npx vitest run test/fuzz         # a new seed each run (printed on failure)
 *
 * A failure prints fast-check's seed and path; re-run it with FUZZ_SEED=<seed> and keep the
 * shrunk input as an explicit corpus case in the file it came from.
 */
import fc from 'fast-check';

const DEFAULT_SEED = 20261102;

/** The seed of every property (FUZZ_SEED, else a fixed one). */
export const FUZZ_SEED: number =
  process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? DEFAULT_SEED) || DEFAULT_SEED;

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? '') || null;

/** Number of cases for a property: `ciRuns` unless FUZZ_RUNS asks for more (or fewer). */
export function runs(ciRuns: number): number {
  return FUZZ_RUNS ?? ciRuns;
}

/** fast-check parameters for one property: the suite's seed and `runs(ciRuns)` cases. */
export function params<T>(ciRuns: number, extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: runs(ciRuns), endOnFailure: false, ...extra };
}

/** A vitest timeout for a property of `ciRuns` cases of about `msPerCase` each (scaled by FUZZ_RUNS). */
export function timeoutFor(ciRuns: number, msPerCase: number, floor = 30_000): number {
  return Math.max(floor, runs(ciRuns) * msPerCase * 3);
}

/** Longest a single call may take (issue 13: no request slower than 5 s). */
export const CALL_LIMIT_MS = 5_000;

/** Resolves with the promise's outcome, or rejects with a "hang" error after `ms`. */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`HANG: ${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Latin words a Chinese message may contain: file formats and product names the user knows by
 * these names. Everything else of 3+ letters counts as English.
 */
const ALLOWED_LATIN = new Set(
  [
    'excel', 'word', 'wps', 'office', 'pdf', 'xlsx', 'xls', 'docx', 'doc', 'csv', 'txt', 'json', 'zip',
    'png', 'jpg', 'jpeg', 'gif', 'webp', 'html', 'url', 'http', 'https', 'rss', 'atom', 'markdown',
    'utf', 'gbk', 'gb', 'email', 'mail', 'smtp', 'webhook', 'ukey', 'ip', 'wifi',
  ],
);

/**
 * The English words (3+ Latin letters, not a known product or format name, not part of a code
 * such as K7PM-3QXD) a user-facing message
 * contains. Text the user wrote is not the message's own wording: quoted parts (“…”, 「…」, '…')
 * and any `echoed` input string are removed first.
 */
export function englishWords(message: string, echoed: readonly string[] = []): string[] {
  // The user's own text first (it may hold quote marks itself), then quoted parts, then example
  // addresses (wang@example.cn, https://gk.example.cn), which are not words either.
  let text = message;
  for (const e of [...echoed].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length)) text = text.split(e).join(' ');
  text = text
    .replace(/“[^”]*”?|「[^」]*」?|‘[^’]*’?/g, ' ')
    .replace(/\b[\w.+-]+@[\w.-]+|\bhttps?:\/\/\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:cn|com|org|net|example)\b/gi, ' ');
  // Tokens that mix letters and digits are codes (K7PM-3QXD, A3), not words.
  const words = (text.match(/[A-Za-z0-9_]+/g) ?? []).filter((t) => /^[A-Za-z]{3,}$/.test(t));
  return words.filter((w) => !ALLOWED_LATIN.has(w.toLowerCase()));
}

/** True when a message is readable Chinese: it has a CJK character and no English word. */
export function isChineseMessage(message: string, echoed: readonly string[] = []): boolean {
  return /[\u4e00-\u9fff]/.test(message) && englishWords(message, echoed).length === 0;
}

// ---------------------------------------------------------------------------------------------
// Hostile strings

/** Characters that have broken text handling somewhere before. */
export const NASTY_CHARS = [
  '\u0000', '\u0001', '\u0008', '\u001b', '\u007f', '\u0085', '\u00a0', '\u00ad', '\u200b', '\u200c', '\u200d', '\u2028', '\u2029',
  '\u2060', '\u202e', '\u3000', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800', '\udc00', '\ud83d\ude00', '\t', '\r', '\n', '\r\n',
  '"', "'", '`', '<', '>', '&', '%', '\\', '/', '|', ',', ';', '=', '?', '#', '[', ']', '{', '}', '$', '*', '_', '~',
  '０', '１', 'Ｘ', '－', '，', '；', '：', '（', '）', '《', '》', '“', '”', '■', '□', '√', '☐', '☑',
];

/** Short strings that are often special to parsers, databases or templates. */
export const NASTY_STRINGS = [
  '', ' ', '0', '-1', '1e309', 'NaN', 'null', 'undefined', 'true', '[]', '{}', '__proto__', 'constructor', 'toString',
  "'; drop table users; --", '<script>alert(1)</script>', '{{7*7}}', '${7*7}', '%s%n%x', '../../etc/passwd', '%00', '%ZZ',
  '9'.repeat(40), '-9007199254740993', '0x10', '2026-02-30', '2026-13-01', '9999-12-31', '1900-01-01', 'ＡＢＣ', '𠀀𠀁',
  '11010519491231002X', '13812345678', '６２２２０２１２３４５６７８９０１２', 'javascript:alert(1)', 'http://127.0.0.1:22/',
  '\u0000', 'a\u0000b', '\ud800', '\uffff', '\u202eevil', '\u200b',
];

/** A string made of hostile characters, Chinese text, ASCII and whole hostile strings. */
export function hostileString(maxLength = 40): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_CHARS) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
    { weight: 2, arbitrary: fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );
  return fc.array(piece, { maxLength: Math.max(1, Math.ceil(maxLength / 4)) }).map((parts) => parts.join('').slice(0, maxLength * 4));
}

/** A huge string: one character or a short pattern repeated up to `max` times. */
export function hugeString(max = 300_000): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('a', '中', '\t', '1', ' ', '𠀀', '<', '&amp;', '\u0000', '１'), fc.integer({ min: 1_000, max }))
    .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));
}
