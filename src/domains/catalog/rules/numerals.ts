/** Number helpers for 时限 texts: full-width digits and Chinese numerals (七, 十五, 二十). */

/** Regex source matching one number written in Arabic or Chinese numerals. */
export const NUMBER_SOURCE = '(?:\\d+|[零〇一二两三四五六七八九十百]+)';

/**
 * Replaces full-width digits and the full-width forms of a few ASCII signs with their ASCII forms.
 * Every replacement is one UTF-16 unit for one, so offsets into the result are offsets into the input.
 */
export function normalizeWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => {
    const ascii = String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
    // Only digits and a few signs: full-width Chinese punctuation such as （） stays as written.
    return /[0-9.%]/.test(ascii) ? ascii : ch;
  });
}

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Parses 20, ２０, 二十, 十五, 一百二十; returns null for anything else. */
export function parseNumber(raw: string): number | null {
  const text = normalizeWidth(raw.trim());
  // No time limit runs to more than five digits of days or months; longer is not a number we can use.
  if (/^\d+$/.test(text)) return text.length <= 5 ? Number(text) : null;
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(text)) return null;
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      const digit = DIGITS[ch];
      if (digit === undefined) return null;
      current = digit;
    }
  }
  return total + current;
}
