/**
 * Noto Sans SC from npm (never a system font): 10 MB a weight. The sheet renderer (in the worker
 * pool) keeps the bytes; the screen serves the file as a stream, so the request thread holds none.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
export type FontKind = keyof typeof FONT_FILES;
const cache: Partial<Record<FontKind, Buffer>> = {};

export function fontPath(kind: FontKind): string {
  return require.resolve(FONT_FILES[kind]);
}

export function fontBytes(kind: FontKind): Buffer {
  return (cache[kind] ??= readFileSync(fontPath(kind)));
}
