/**
 * Removes the artefacts Word, PDF and HTML conversions leave in cell text:
 * [bookmark: _GoBack], HTML tags and entities, stray spaces inside Chinese words (办公 地址),
 * blank paragraphs of vertically centred merged cells.
 */

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+|#39);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#') && name !== '#39') return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const HAN = '\\p{Script=Han}';
const CJK_PUNCT = '\\u3000-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65\\u2018-\\u201D';
// A space after an organ's name usually separates joint issuers (《财政部 应急部关于…》), so it stays.
const ORGAN_END = '部局厅委院会办署府处室所司队团联社';
const SPACE_IN_WORD = new RegExp(`(?<=${HAN})(?<![${ORGAN_END}]) (?=${HAN})`, 'gu');
const SPACE_AT_PUNCT = new RegExp(`(?<=[${CJK_PUNCT}]) +(?=[${HAN}${CJK_PUNCT}])|(?<=[${HAN}${CJK_PUNCT}]) +(?=[${CJK_PUNCT}])`, 'gu');

/** Cleans one line: 标准 化 → 标准化, 名称 、办理 → 名称、办理. */
function cleanLine(line: string): string {
  return line
    .replace(/[\u00A0\u3000\t]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .replace(SPACE_IN_WORD, '')
    .replace(SPACE_AT_PUNCT, '');
}

/** Full clean of a cell's text; keeps one line per paragraph, drops blank paragraphs. */
export function cleanCellText(raw: string): string {
  const text = decodeEntities(
    raw
      .replace(/\r\n?/g, '\n')
      .replace(/\[bookmark:[^\]]*\]/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/?[a-z][^>]*>/gi, ''),
  );
  return text
    .split('\n')
    .map(cleanLine)
    .filter((line) => line !== '')
    .join('\n');
}

/** For names and labels: paragraphs joined, without a space between Chinese characters. */
export function singleLine(text: string): string {
  return text
    .split('\n')
    .reduce((acc, line) => {
      if (acc === '') return line;
      const glue = /[\p{Script=Han}\p{P}]$/u.test(acc) || /^[\p{Script=Han}\p{P}]/u.test(line) ? '' : ' ';
      return acc + glue + line;
    }, '');
}

/** 无, --, — and / in a cell mean "nothing here". */
export function isPlaceholder(text: string): boolean {
  return /^[-—–－_/／\\无暂无空]*$/.test(text.trim());
}
