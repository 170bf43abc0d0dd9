/**
 * Noto Sans SC (never a system font), 10 MB a weight from npm, and its common cut in data/fonts
 * (2.5 MB a weight: GB 2312's hanzi, GBK's symbols, ASCII and the PDF renderers' labels; made by
 * bin/subset-fonts.mjs). The PDF renderers (in the worker pool) keep the bytes they used; the
 * screen serves the full file as a stream, so the request thread holds none.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
const COMMON_FILES = {
  regular: new URL('../../data/fonts/NotoSansSC-Regular-common.ttf', import.meta.url),
  bold: new URL('../../data/fonts/NotoSansSC-Bold-common.ttf', import.meta.url),
} as const;
/** The characters both common cuts hold, as one string. */
const COMMON_CHARACTERS = new URL('../../data/fonts/common-characters.txt', import.meta.url);

export type FontKind = keyof typeof FONT_FILES;
/** `common`: the cut most documents need; `full`: every character Noto Sans SC has. */
export type FontSet = 'common' | 'full';
const cache: Partial<Record<`${FontSet}:${FontKind}`, Buffer>> = {};

export function fontPath(kind: FontKind, set: FontSet = 'full'): string {
  return set === 'common' ? fileURLToPath(COMMON_FILES[kind]) : require.resolve(FONT_FILES[kind]);
}

export function fontBytes(kind: FontKind, set: FontSet = 'full'): Buffer {
  return (cache[`${set}:${kind}`] ??= readFileSync(fontPath(kind, set)));
}

/** Check marks Noto Sans SC has no glyph for, drawn with ones it has. */
export function withGlyphs(text: string): string {
  return text.replace(/☑/g, '■').replace(/☐/g, '□').replace(/✔/g, '✓');
}

let common: Set<number> | null = null;

/**
 * The common cut when it holds every character of `text` (as drawn: see withGlyphs), else the full
 * fonts: a 生僻字 in a name is printed as written, and the worker loads 20 MB of font only for it.
 */
export function fontSetFor(text: string): FontSet {
  common ??= new Set([...readFileSync(COMMON_CHARACTERS, 'utf8')].map((ch) => ch.codePointAt(0)!));
  for (const ch of withGlyphs(text)) if (ch >= ' ' && !common.has(ch.codePointAt(0)!)) return 'full';
  return 'common';
}

/**
 * Registers 'regular' and 'bold' on a pdfkit document: the common cut when it holds every
 * character of the title and of everything the document prints from data (`drawn`, its input).
 */
export function registerFonts(doc: { registerFont(name: string, src: Buffer): unknown }, title: string, drawn: unknown): void {
  const set = fontSetFor(`${title}${JSON.stringify(drawn)}`);
  doc.registerFont('regular', fontBytes('regular', set));
  doc.registerFont('bold', fontBytes('bold', set));
}
