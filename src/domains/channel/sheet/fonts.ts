/**
 * Noto Sans SC (never a system font), 10 MB a weight from npm, and its common cut in data/fonts
 * (2.4 MB a weight: GB 2312, ASCII and the renderers' labels; bin/subset-fonts.mjs). The sheet
 * renderer (in the worker pool) keeps the bytes it used; the screen serves the full file as a
 * stream, so the request thread holds none.
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
  regular: new URL('../../../../data/fonts/NotoSansSC-Regular-common.ttf', import.meta.url),
  bold: new URL('../../../../data/fonts/NotoSansSC-Bold-common.ttf', import.meta.url),
} as const;
/** The characters both common cuts hold, as one string. */
export const COMMON_CHARACTERS = new URL('../../../../data/fonts/common-characters.txt', import.meta.url);

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
