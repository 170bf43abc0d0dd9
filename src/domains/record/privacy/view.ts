import { foldForScan } from './normalize.ts';

/**
 * What the scanner reads: the text as a reader (or a Markdown, HTML or feed renderer) will see
 * it, so that nothing invisible can split a number. Invisible and formatting characters,
 * Markdown emphasis and code markers are dropped; HTML character references are decoded;
 * look-alike digits (full-width, mathematical, superscript) and every kind of space are
 * folded to ASCII. `from[i]`..`to[i]` is the slice of the original behind view character i,
 * so findings and masks still point at what the user wrote.
 */
export interface ScanView {
  text: string;
  /** null when the view is the original character for character (the common, fast case). */
  from: Int32Array | null;
  to: Int32Array | null;
}

export interface ViewOptions {
  /** Read `text` as HTML: tags are skipped (block tags read as a line break). */
  html?: boolean;
}

/**
 * Zero-width, bidi, joiners, soft hyphen, variation selectors, combining marks and fillers,
 * as [from, to] code point ranges (a regex class of combining marks misleads linters and readers).
 */
const INVISIBLE_RANGES: Array<[number, number]> = [
  [0x00ad, 0x00ad], [0x0300, 0x036f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5],
  [0x180b, 0x180f], [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x20d0, 0x20ff],
  [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0],
];

function isInvisible(ch: string): boolean {
  const cp = ch.codePointAt(0) as number;
  return INVISIBLE_RANGES.some(([from, to]) => cp >= from && cp <= to);
}

/** Markdown emphasis, code and escape markers: rendering drops them and joins what they split. */
const MARKDOWN_MARKER = /[*_`~\\]/;
const SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/;
const DOT = /[\u00b7\u2027\u30fb\u2022\u2219]/;
const ASCII_KEPT = /^[0-9A-Za-z+\-(). \t\r\n]$/;
/** Anything that may need more than foldForScan; text without it is scanned as it stands. */
const SPECIAL = /[^\x20-\x7e\t\r\n\u4e00-\u9fff\u3001\u3002\uff0c\uff1a\uff1b]|[*_`~\\&<]/;

const NAMED: Record<string, string> = { nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", shy: '\u00ad', zwsp: '\u200b', zwj: '\u200d', zwnj: '\u200c', middot: '.', hyphen: '-', minus: '-', ndash: '-' };
const REFERENCE = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/;
const BLOCK_TAG = /^<\/?(?:p|br|li|ul|ol|tr|td|th|h\d|div|table|thead|tbody|blockquote|pre|hr|section|article|entry|item|title|summary|content|description)\b/i;

const compatCache = new Map<string, string>();

/** One code point as the scanner reads it: '' when it is invisible. */
function classify(ch: string): string {
  if (ch.length === 1 && ch < '\u0080') return MARKDOWN_MARKER.test(ch) ? '' : ch;
  if (isInvisible(ch)) return '';
  if (SPACE.test(ch)) return ' ';
  if (DOT.test(ch)) return '.';
  const folded = foldForScan(ch);
  if (folded !== ch) return folded;
  let compat = compatCache.get(ch);
  if (compat === undefined) {
    // NFKC turns 𝟏, ¹, ① and full-width letters into ASCII; keep only one-character results.
    const n = ch.normalize('NFKC');
    compat = ASCII_KEPT.test(n) ? n : ch;
    if (compatCache.size < 4096) compatCache.set(ch, compat);
  }
  return compat;
}

function decodeReference(m: RegExpExecArray): string | null {
  if (m[1] !== undefined || m[2] !== undefined) {
    const code = m[1] !== undefined ? Number(m[1]) : parseInt(m[2] as string, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
  }
  return NAMED[(m[3] as string).toLowerCase()] ?? null;
}

/** Builds the scan view of `text`; linear in its length. */
export function buildView(text: string, options: ViewOptions = {}): ScanView {
  if (!SPECIAL.test(text)) return { text: foldForScan(text), from: null, to: null };
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  // One entry per UTF-16 unit of the view, so view offsets index `from`/`to` directly.
  const emit = (s: string, start: number, end: number) => {
    out += s;
    for (let k = 0; k < s.length; k += 1) {
      from.push(start);
      to.push(end);
    }
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '<' && options.html) {
      const close = text.indexOf('>', i);
      if (close !== -1) {
        emit(BLOCK_TAG.test(text.slice(i, i + 16)) ? '\n' : '', i, close + 1);
        i = close + 1;
        continue;
      }
    }
    if (ch === '*') {
      // One to three stars are Markdown emphasis, dropped as the renderer drops them; a longer
      // run is a mask ("138****5678") and must keep the pieces either side apart.
      let run = 1;
      while (text[i + run] === '*') run += 1;
      for (let k = 0; k < run; k += 1) emit(run >= 4 ? '*' : '', i + k, i + k + 1);
      i += run;
      continue;
    }
    if (ch === '&') {
      const m = REFERENCE.exec(text.slice(i, i + 12));
      const decoded = m === null ? null : decodeReference(m);
      if (m !== null && decoded !== null) {
        emit(classify(decoded), i, i + m[0].length);
        i += m[0].length;
        continue;
      }
    }
    const cp = text.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    emit(classify(text.slice(i, i + width)), i, i + width);
    i += width;
  }
  return { text: out, from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** Start offset in the original of view character `i`. */
export function originStart(view: ScanView, i: number): number {
  return view.from === null ? i : (view.from[i] as number);
}

/** End offset (exclusive) in the original of view character `i`. */
export function originEnd(view: ScanView, i: number): number {
  return view.to === null ? i + 1 : (view.to[i] as number);
}
