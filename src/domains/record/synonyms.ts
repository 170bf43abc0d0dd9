/**
 * Words residents and staff use for the same thing. A query containing one of them also finds
 * the others (低保 finds 最低生活保障 and back). Groups are data: add a line to extend.
 */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['低保', '最低生活保障', '城乡低保', '低保金', '最低生活保障金'],
  ['特困', '特困人员救助供养', '特困供养', '特困人员', '五保', '五保户', '五保供养'],
  ['临时救助', '临时救助金', '急难救助', '临时困难救助'],
  ['残疾人', '残疾', '残联', '残疾人特殊困难'],
  ['监督委员会', '居务监督委员会', '村务监督委员会', '居务监督', '监委会'],
  ['财务公开', '财务收支', '收支情况', '财务收支情况'],
  ['养老', '老年人', '高龄补贴', '养老服务'],
  ['救灾', '救灾救济', '救灾资金'],
  ['一事一议', '一事一议资金'],
  ['四议两公开', '四议两公开决策'],
  ['党务', '党建', '党组织'],
];

const MAX_TERMS = 12;

/**
 * The query's words plus, for each word holding a synonym, the word with the synonym swapped
 * in. "低保名单" → 低保名单, 最低生活保障名单, 城乡低保名单 …
 */
export function expandQuery(query: string): string[] {
  const words = query
    .normalize('NFKC')
    .split(/[\s,，、;；]+/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
    .slice(0, 4);
  const out = new Set<string>();
  for (const word of words) {
    out.add(word);
    for (const group of SYNONYM_GROUPS) {
      const hit = [...group].sort((a, b) => b.length - a.length).find((g) => word.includes(g));
      if (!hit) continue;
      for (const other of group) out.add(word.replace(hit, other));
    }
  }
  return [...out].slice(0, MAX_TERMS);
}

/** Search compares normalised text: full-width letters and digits as half-width, lower case. */
export const normaliseForSearch = (text: string) => text.normalize('NFKC').toLowerCase();
