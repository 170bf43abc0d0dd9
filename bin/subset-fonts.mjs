#!/usr/bin/env node
/*
 * Writes data/fonts/: Noto Sans SC (from npm) cut down to the characters nearly every bulletin is
 * written in, so the print worker holds 2 × 2.5 MB of font instead of 2 × 10 MB. A document with
 * any other character (a 生僻字 in a name) is printed with the full fonts (platform/fonts.ts fontSetFor).
 *
 * The characters: GB 2312's 6,763 hanzi, GBK's symbol rows (punctuation, full-width forms, ﹝﹞),
 * printable ASCII, and every non-ASCII character the PDF renderers write themselves (labels).
 *
 * Run after upgrading @expo-google-fonts/noto-sans-sc or adding labels with new characters (a test
 * says when): needs fontTools (Debian: apt-get install python3-fonttools). The server never runs it.
 *
 *   node bin/subset-fonts.mjs
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDecoder } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'data', 'fonts');
const LABEL_SOURCES = [join(ROOT, 'src/domains/channel/sheet'), join(ROOT, 'src/domains/channel/text.ts'), join(ROOT, 'src/domains/catalog/export/pdf.ts'), join(ROOT, 'src/domains/catalog/export/columns.ts'), join(ROOT, 'src/platform/fonts.ts')];
const require = createRequire(join(ROOT, 'package.json'));
const WEIGHTS = [
  ['@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf', 'NotoSansSC-Regular-common.ttf'],
  ['@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf', 'NotoSansSC-Bold-common.ttf'],
];

/**
 * GB 2312's hanzi (rows 0xB0–0xF7) and every symbol of GBK's symbol rows (0xA1–0xA9, which adds
 * marks GB 2312 lacks but official documents use, such as ﹝﹞ around a document number's year).
 */
function commonChinese() {
  const decoder = new TextDecoder('gbk', { fatal: false });
  const ranges = [
    [0xa1, 0xa9, 0x40],
    [0xb0, 0xf7, 0xa1],
  ];
  let out = '';
  for (const [from, to, firstTrail] of ranges) {
    for (let hi = from; hi <= to; hi++) {
      for (let lo = firstTrail; lo <= 0xfe; lo++) {
        const ch = decoder.decode(new Uint8Array([hi, lo]));
        if (lo !== 0x7f && ch.length === 1 && ch !== '\ufffd') out += ch;
      }
    }
  }
  return out;
}

/** Non-ASCII characters written in the renderers' own source (labels such as 公示期, ✓). */
function labelCharacters() {
  const files = LABEL_SOURCES.flatMap((p) => (p.endsWith('.ts') ? [p] : readdirSync(p).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(p, f))));
  return files.flatMap((f) => [...readFileSync(f, 'utf8')].filter((ch) => ch.codePointAt(0) > 0x7f)).join('');
}

mkdirSync(OUT, { recursive: true });
let ascii = '';
for (let c = 0x20; c < 0x7f; c++) ascii += String.fromCharCode(c);
const wanted = join(OUT, 'wanted.tmp.txt');
writeFileSync(wanted, [...new Set([...ascii, ...commonChinese(), ...labelCharacters()])].join(''));
const python = process.env.PYTHON ?? 'python3';
const made = WEIGHTS.map(([from, to]) => {
  const file = join(OUT, to);
  execFileSync(python, ['-m', 'fontTools.subset', require.resolve(from), `--text-file=${wanted}`, `--output-file=${file}`, '--layout-features=*', '--name-IDs=*', '--notdef-outline'], { stdio: 'inherit' });
  return file;
});
rmSync(wanted);
// What the cut fonts really hold (both weights): the print worker's test for "common enough".
const cmap = (file) => execFileSync(python, ['-c', 'import sys; from fontTools.ttLib import TTFont; print(" ".join(str(c) for c in TTFont(sys.argv[1]).getBestCmap()))', file], { encoding: 'utf8' });
const [regular, bold] = made.map((f) => new Set(cmap(f).trim().split(' ').map(Number)));
const held = [...regular].filter((c) => bold.has(c)).sort((a, b) => a - b);
writeFileSync(join(OUT, 'common-characters.txt'), String.fromCodePoint(...held));
console.log(`${held.length} characters → ${OUT}`);
