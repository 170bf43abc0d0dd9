/**
 * Folds full-width digits, letters X/x, plus, hyphen, parentheses and the ideographic space to
 * their ASCII forms, and the common dash variants to '-'. Every mapping is one UTF-16 unit to
 * one, so an offset in the folded text is the same offset in the original: findings can point
 * back at what the user wrote without a translation table.
 */
const FOLDED: Record<string, string> = {
  '\u3000': ' ', // ideographic space
  '\u00a0': ' ', // no-break space
  '\uff0b': '+',
  '\uff0d': '-',
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '-', // figure dash
  '\u2013': '-', // en dash
  '\u2212': '-', // minus sign
  '\uff08': '(',
  '\uff09': ')',
  '\uff38': 'X',
  '\uff58': 'x',
  '\uff0e': '.',
};

const FOLDABLE = /[\uff10-\uff19\u3000\u00a0\uff0b\uff0d\u2010-\u2013\u2212\uff08\uff09\uff38\uff58\uff0e]/g;

function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 0x30);
  return FOLDED[ch] ?? ch;
}

export function foldForScan(text: string): string {
  return text.replace(FOLDABLE, foldChar);
}
