/**
 * Reads 公开对象, 公开方式 and 公开层级, whether written as words (全社会, 主动公开, 社区) or as
 * check marks under labelled sub-columns (√ under 特定群体).
 */
import { cleanCellText, singleLine } from './cleanText.ts';
import { CHECKED_MARKS } from './fields.ts';

/** One sub-column cell of a group: its sub key (society, proactive, 村级…) and its text. */
export interface SubCell {
  sub: string | null;
  text: string;
}

const POSITIVE = new RegExp(`^(?:[${CHECKED_MARKS}●是有yY]|是的)$`);
const NEGATIVE = /^(?:[□☐×✗✘○否无nN\-—－/／]|不公开|--|——)$/;

/** true for √ ■ 是, false for □ × 否 or blank, null for other text. */
function readMark(text: string): boolean | null {
  const t = text.trim();
  if (t === '' || NEGATIVE.test(t)) return false;
  return POSITIVE.test(t) ? true : null;
}

interface PairSpec {
  first: { sub: string; words: RegExp };
  second: { sub: string; words: RegExp };
}

/**
 * Shared reading of a two-option group. Words decide first (全社会 in any cell means society);
 * a mark or other text under a labelled sub-column means that option. Nothing said → nulls;
 * once anything is said, options left unmarked are false.
 */
function readPair(cells: SubCell[], spec: PairSpec): [boolean | null, boolean | null] {
  let first = false;
  let second = false;
  let said = false;
  for (const cell of cells) {
    const t = singleLine(cleanCellText(cell.text));
    if (t === '') continue;
    const saysFirst = spec.first.words.test(t);
    const saysSecond = spec.second.words.test(t);
    if (saysFirst || saysSecond) {
      first ||= saysFirst;
      second ||= saysSecond;
      said = true;
      continue;
    }
    if (readMark(t) === false) {
      said = true;
      continue;
    }
    if (cell.sub === spec.first.sub) [first, said] = [true, true];
    if (cell.sub === spec.second.sub) [second, said] = [true, true];
  }
  return said ? [first, second] : [null, null];
}

const AUDIENCE: PairSpec = {
  first: { sub: 'society', words: /全社会|社会公众|全体(?:居民|村民|群众)|所有人/ },
  // A named group (党员, 低保家庭, 申请人) is a 特定群体 even where the word 特定 is not written.
  second: { sub: 'specific', words: /特定|党员|团员|(?<!全体)(?:居民|村民|群众)|成员|申请人|当事人|本人|家庭|户主|代表|职工|对象/ },
};

const METHOD: PairSpec = {
  first: { sub: 'proactive', words: /主动/ },
  second: { sub: 'onRequest', words: /依申请/ },
};

export function readAudience(cells: SubCell[]): { society: boolean | null; specificGroups: boolean | null } {
  const [society, specificGroups] = readPair(cells, AUDIENCE);
  return { society, specificGroups };
}

export function readMethod(cells: SubCell[]): { proactive: boolean | null; onRequest: boolean | null } {
  const [proactive, onRequest] = readPair(cells, METHOD);
  return { proactive, onRequest };
}

/** 公开层级: the words written (社区), or the labels of the marked sub-columns (√ under 村级). */
export function readLevel(cells: SubCell[]): string | null {
  const values: string[] = [];
  for (const cell of cells) {
    const t = singleLine(cleanCellText(cell.text));
    const mark = readMark(t);
    if (mark === false) continue;
    const value = mark === true ? cell.sub : t;
    if (value && !values.includes(value)) values.push(value);
  }
  return values.length > 0 ? values.join('、') : null;
}
