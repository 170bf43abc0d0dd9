/*
 * Property tests of what the 公开时限 parser promises a user (issue 10 item 5):
 * - the spans of a parse (a rule's span and a periodic rule's dueSpan) never overlap and lie inside the text;
 * - every recognised phrase is covered by a rule of its kind, wherever it stands;
 * - nothing is dropped: every character is in a rule, in the unparsed text, or a filler word;
 * - numbers read the same spaced, in Chinese numerals or full width;
 * - a date is a due point, never a period: 每年公开一次，次年M月底前 is one yearly rule.
 *
 * CI: fixed seed, a few hundred cases per property. Longer: FUZZ_RUNS=10000 npx vitest run <this file>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimeLimit, readSpans } from '../../src/domains/catalog/rules/parseTimeLimit.ts';
import type { Rule, TimeLimitParse } from '../../src/domains/catalog/rules/types.ts';
import { hostileString, params, timeoutFor } from '../support/fuzz.ts';

/** Phrases the parser must always read, with the kind of rule each gives. */
const RECOGNISED: [string, Rule['kind']][] = [
  ['信息形成或者变更之日起20个工作日内', 'within'],
  ['之日起 20 个工作日内', 'within'],
  ['批复后二十日内', 'within'],
  ['作出决定之日起5个工作日内', 'within'],
  ['更改内容后一周内', 'within'],
  ['会议结束当天', 'within'],
  ['公示7天', 'publicity'],
  ['公示期不少于5个工作日', 'publicity'],
  ['半年公开一次', 'periodic'],
  ['每季度公开一次，季度结束后10日内', 'periodic'],
  ['每年公开一次，次年1月底前', 'periodic'],
  ['每月10日前', 'periodic'],
  ['每季度第一个月10日前', 'periodic'],
  ['季度结束后15日内', 'periodic'],
  ['年底前', 'periodic'],
  ['每三个月公布一次', 'periodic'],
  ['长期公开', 'standing'],
  // 及时/随时 is the rule; the 公开 after it is a filler word, outside the span.
  ['随时', 'prompt'],
  ['实时', 'prompt'],
  ['法律法规另有规定的从其规定', 'override'],
];

/** Words with no number, period or event in them: what districts write around a time limit. */
const NEUTRAL = ['', '', '财务收支', '名单', '村民', '相关材料', '重要事项', ' ', '（', '）', '2. ', '结果'];
const SENTENCE_ENDS = ['；', '。', '\n', ';'];

// Characters a rule may leave unread because they carry no meaning of their own (予以公开, 的, 并,
// list numbers, punctuation): the parser's filler words, and nothing else.
const FILLER_CHARS = new Set([...'予以进行向社会公开公布公示发布更新一次之内并且同时应当须需要的在于及和或者0123456789.．、，,；;。:：()（）']);

function spanProblems(text: string, parse: TimeLimitParse): string[] {
  const problems: string[] = [];
  const pieces = [...readSpans(parse.rules).map((span) => ({ ...span, what: 'rule' })), ...parse.unparsed.map((u) => ({ start: u.start, end: u.end, what: `unparsed ${u.text}` }))];
  for (const p of pieces) {
    if (!(Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.start < p.end && p.end <= text.length)) problems.push(`${p.what} at ${p.start}-${p.end} outside the text`);
  }
  const sorted = [...pieces].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start < sorted[i - 1]!.end) problems.push(`${sorted[i - 1]!.what} overlaps ${sorted[i]!.what}`);
  }
  return problems;
}

/** Characters that are neither in a rule nor in the unparsed text. */
function unaccounted(text: string, parse: TimeLimitParse): { at: number; ch: string }[] {
  const covered = new Uint8Array(text.length);
  for (const p of [...readSpans(parse.rules), ...parse.unparsed]) covered.fill(1, p.start, p.end);
  // By UTF-16 unit, as spans count: a character outside the BMP is two units.
  return Array.from({ length: text.length }, (_, at) => ({ at, ch: text[at]! })).filter((c) => !covered[c.at]);
}

/** Sentences of (neutral words + one recognised phrase), with where each phrase sits. */
const sentences = fc
  .array(fc.tuple(fc.constantFrom(...NEUTRAL), fc.constantFrom(...RECOGNISED), fc.constantFrom(...SENTENCE_ENDS)), { minLength: 1, maxLength: 6 })
  .map((parts) => {
    let text = '';
    const placed: { start: number; end: number; kind: Rule['kind']; phrase: string }[] = [];
    for (const [lead, [phrase, kind], end] of parts) {
      text += lead;
      placed.push({ start: text.length, end: text.length + phrase.length, kind, phrase });
      text += phrase + end;
    }
    return { text, placed };
  });

const CHINESE = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1..99 as 7, ７, 七, 十五, 二十三. */
function numeral(n: number, style: number): string {
  if (style === 0) return String(n);
  if (style === 1) return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return CHINESE[ones]!;
  return `${tens === 1 ? '' : CHINESE[tens]}十${ones === 0 ? '' : CHINESE[ones]}`;
}
const spaces = fc.constantFrom('', '', ' ', '  ', '\u3000');

describe('公开时限 parser properties', () => {
  it(
    'rule spans and unparsed pieces never overlap and lie inside the text, on any text',
    () => {
      const anyText = fc.oneof(hostileString(60), sentences.map((s) => s.text), fc.string({ maxLength: 60 }));
      fc.assert(
        fc.property(anyText, (text) => {
          expect(spanProblems(text, parseTimeLimit(text))).toEqual([]);
        }),
        params(500),
      );
    },
    timeoutFor(500, 2),
  );

  it(
    'covers every recognised phrase with a rule of its kind, whatever stands around it',
    () => {
      fc.assert(
        fc.property(sentences, ({ text, placed }) => {
          const { rules } = parseTimeLimit(text);
          for (const p of placed) {
            const covers = (s?: { start: number; end: number }) => s !== undefined && s.start <= p.start && s.end >= p.end;
            const covering = rules.find((r) => covers(r.span) || (r.kind === 'periodic' && covers(r.dueSpan)));
            expect(covering?.kind, `${p.phrase} in ${JSON.stringify(text)}`).toBe(p.kind);
          }
        }),
        params(500),
      );
    },
    timeoutFor(500, 2),
  );

  it(
    'drops nothing: a word inserted anywhere is in a rule or in the unparsed text',
    () => {
      const texts = fc.oneof(sentences.map((s) => s.text), hostileString(40));
      fc.assert(
        fc.property(texts, fc.nat(), fc.constantFrom('鑫', '犇', '龘', '某项'), (text, at, word) => {
          const i = at % (text.length + 1);
          const withWord = text.slice(0, i) + word + text.slice(i);
          const parse = parseTimeLimit(withWord);
          const missing = unaccounted(withWord, parse).filter((c) => c.at >= i && c.at < i + word.length);
          expect(missing).toEqual([]);
        }),
        params(500),
      );
    },
    timeoutFor(500, 2),
  );

  it(
    'leaves out of rules and unparsed text only filler characters',
    () => {
      fc.assert(
        fc.property(fc.oneof(sentences.map((s) => s.text), hostileString(40)), (text) => {
          const stray = unaccounted(text, parseTimeLimit(text)).filter((c) => !FILLER_CHARS.has(c.ch) && !/\s/.test(c.ch));
          expect(stray, JSON.stringify(text)).toEqual([]);
        }),
        params(500),
      );
    },
    timeoutFor(500, 2),
  );

  it(
    'reads a number of days the same spaced, full width or in Chinese numerals',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 2 }), spaces, spaces, fc.constantFrom(['个工作日', 'workday'], ['日', 'day'], ['天', 'day']), (n, style, a, b, [unitText, unit]) => {
          const text = `信息形成或者变更之日起${a}${numeral(n, style)}${b}${unitText}内`;
          const { rules, unparsed } = parseTimeLimit(text);
          expect(rules.map(({ span: _s, ...r }) => r)).toEqual([{ kind: 'within', amount: n, unit, trigger: 'formed_or_changed' }]);
          expect(rules[0]!.span).toEqual({ start: 0, end: text.length });
          expect(unparsed).toEqual([]);
        }),
        params(300),
      );
    },
    timeoutFor(300, 2),
  );

  it(
    'reads a date as the due point of the period before it, never as a period of its own',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 2 }), spaces, fc.constantFrom('，', ',', ' ', '，并于'), (month, style, space, join) => {
          const m = numeral(month, style === 1 ? 0 : style);
          const text = `每年公开一次${join}次年${space}${m}${space}月底前`;
          const { rules, unparsed } = parseTimeLimit(text);
          expect(rules.map(({ span: _s, ...r }) => r)).toEqual([{ kind: 'periodic', every: 'year', due: { nextPeriod: true, monthOfPeriod: month } }]);
          expect(unparsed).toEqual([]);
          // The same date alone names no period: it is left for a human, not turned into a rule.
          const alone = parseTimeLimit(`${m}月${space}10日前`);
          expect(alone.rules).toEqual([]);
        }),
        params(300),
      );
    },
    timeoutFor(300, 2),
  );

  it(
    'joins a quarter and its deadline into one quarterly rule',
    () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 2 }), spaces, fc.constantFrom(['个工作日', 'workday'], ['日', 'day']), (n, style, space, [unitText, unit]) => {
          const text = `每季度公开一次，季度结束后${space}${numeral(n, style)}${space}${unitText}内`;
          const { rules, unparsed } = parseTimeLimit(text);
          expect(rules.map(({ span: _s, ...r }) => r)).toEqual([{ kind: 'periodic', every: 'quarter', due: { afterEnd: { amount: n, unit } } }]);
          expect(unparsed).toEqual([]);
        }),
        params(300),
      );
    },
    timeoutFor(300, 2),
  );
});
