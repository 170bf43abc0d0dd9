/**
 * Text measured the way a CJK screen font sets it, in em: ideographs and full-width punctuation
 * 1 em, Latin letters and digits at most 0.62 em. Estimates err wide, so a page planned on the
 * server never holds more than the browser can set; the screen script shrinks type as a last resort.
 */

const NARROW = /[\u0020-\u007e\u00a0-\u024f]/;

const ZERO = /[\u200b-\u200d\ufeff]/;

export function charEm(ch: string): number {
  return ZERO.test(ch) ? 0 : ch === ' ' ? 0.32 : NARROW.test(ch) ? 0.62 : 1;
}

export function emWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charEm(ch);
  return w;
}

/** Lines `text` takes in a box `widthEm` wide, breaking anywhere (CJK) with one em of slack per line for 禁则 shifts. */
export function lineCount(text: string, widthEm: number, indentEm = 0): number {
  return wrap(text, widthEm, indentEm).length;
}

/** Greedy wrap into lines; the first line is shortened by `indentEm`. */
export function wrap(text: string, widthEm: number, indentEm = 0): string[] {
  const usable = Math.max(2, widthEm - 1);
  const lines: string[] = [];
  let line = '';
  let w = indentEm;
  for (const ch of text) {
    const cw = charEm(ch);
    if (w + cw > usable && line !== '') {
      lines.push(line);
      line = '';
      w = 0;
    }
    line += ch;
    w += cw;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
