/*
 * Issue 13, "The scanner is easy to step around": numbers split or disguised so that a person,
 * a Markdown renderer or a feed reader still reads them whole. Each must be found and masked;
 * ordinary figures (amounts, dates, tables of numbers) must still pass.
 */
import { describe, expect, it } from 'vitest';
import { group, makeCard, makeId18, toFullWidth } from './fixtures/numbers.ts';
import { maskHtml, maskText } from './mask.ts';
import { scanText } from './scanText.ts';
import type { FindingKind } from './types.ts';

const TODAY = new Date('2026-09-28T00:00:00Z');
const ID = makeId18('220202', '19850612', '123');
const MOBILE = '13812345678';
const CARD = makeCard('622202', 16);

const between = (value: string, sep: string) => value.split('').join(sep);
const entities = (value: string) => [...value].map((ch) => `&#${ch.charCodeAt(0)};`).join('');

const DISGUISES: Array<[name: string, disguise: (v: string) => string]> = [
  ['zero-width space between every digit', (v) => between(v, '\u200b')],
  ['soft hyphens', (v) => between(v, '\u00ad')],
  ['word joiners', (v) => between(v, '\u2060')],
  ['byte order marks', (v) => between(v, '\ufeff')],
  ['Mongolian vowel separator', (v) => between(v, '\u180e')],
  ['thin spaces at the usual groups', (v) => v.replace(/^(\d{3,6})(\d{4})/, '$1\u2009$2\u2009')],
  ['narrow no-break spaces between every digit', (v) => between(v, '\u202f')],
  ['full-width digits', (v) => toFullWidth(v)],
  ['full-width digits with ideographic spaces', (v) => between(toFullWidth(v), '\u3000')],
  ['mathematical bold digits', (v) => [...v].map((ch) => (/\d/.test(ch) ? String.fromCodePoint(0x1d7ce + Number(ch)) : ch)).join('')],
  ['single spaces between every digit', (v) => between(v, ' ')],
  ['dots between every digit', (v) => between(v, '.')],
  ['dashes between every digit', (v) => between(v, '-')],
  ['Markdown bold around the head', (v) => `**${v.slice(0, 4)}**${v.slice(4)}`],
  ['Markdown code around the middle', (v) => `${v.slice(0, 3)}\`${v.slice(3, 7)}\`${v.slice(7)}`],
  ['Markdown emphasis and strike-through', (v) => `_${v.slice(0, 2)}_~~${v.slice(2, 5)}~~${v.slice(5)}`],
  ['HTML decimal references', entities],
  ['HTML hex references for the head', (v) => `&#x${v.charCodeAt(0).toString(16)};&#x${v.charCodeAt(1).toString(16)};${v.slice(2)}`],
];

describe('disguised numbers are still found and masked', () => {
  const numbers: Array<[FindingKind, string]> = [['id_card', ID], ['mobile', MOBILE], ['bank_card', CARD]];
  for (const [kind, value] of numbers) {
    it.each(DISGUISES)(`${kind}: %s`, (_name, disguise) => {
      const text = `联系方式：${disguise(value)}。`;
      const findings = scanText(text, TODAY);
      expect(findings.map((f) => f.kind)).toEqual([kind]);
      const masked = maskText(text).text;
      expect(masked).toHaveLength(text.length);
      // Read back as a person would: the hidden digits are gone for good.
      const read = masked.replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d))).replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCodePoint(parseInt(h, 16))).normalize('NFKC').replace(/[^0-9X*]/g, '');
      expect(read).not.toContain(value);
      expect(read).toContain('*');
    });
  }

  it('finds an ID split by tabs or line breaks, as in an extracted sheet or a wrapped cell', () => {
    for (const sep of ['\t', '\n', '\r\n', ' \n']) {
      expect(scanText(group(ID, [6, 8, 4], sep), TODAY).map((f) => f.kind), JSON.stringify(sep)).toEqual(['id_card']);
      expect(scanText(group(ID, [10, 8], sep), TODAY).map((f) => f.kind), JSON.stringify(sep)).toEqual(['id_card']);
    }
    expect(scanText(group(MOBILE, [3, 4, 4], '\t'), TODAY).map((f) => f.kind)).toEqual(['mobile']);
    expect(scanText(group(MOBILE, [3, 4, 4], '\n'), TODAY).map((f) => f.kind)).toEqual(['mobile']);
    expect(scanText(group(CARD, [4, 4, 4, 4], '.'), TODAY).map((f) => f.kind)).toEqual(['bank_card']);
  });

  it('masks rendered HTML without touching tags, whatever splits the number', () => {
    const html = `<p>身份证 <strong>${ID.slice(0, 4)}</strong>${ID.slice(4)}，电话 <code>${MOBILE.slice(0, 3)}</code>&#${MOBILE.charCodeAt(3)};${MOBILE.slice(4)}</p>`;
    const masked = maskHtml(html);
    expect(masked).toBe(`<p>身份证 <strong>${ID.slice(0, 4)}</strong>${ID.slice(4, 6)}********${ID.slice(14)}，电话 <code>138</code>&#42;***5678</p>`);
  });
});

describe('ordinary figures are not mistaken for numbers', () => {
  const ORDINARY: Array<[name: string, text: string]> = [
    ['amounts with decimals side by side', '补助 1500.00 180.00 元，合计 12,000.00 元'],
    ['a row of figures from a sheet', '1\t15\t3\t2000\t1200\t8\n2\t16\t4\t2100\t1300\t9'],
    ['three figures in cells', '150\t2000\t1200\t480'],
    ['amount columns in cells', '5000.00\t3000.00\t1500.00\t1200.00'],
    ['dates and times', '2026.09.28 13:45，2026-10-01 至 2026-10-07'],
    ['case and file numbers joined by dashes', '案卷号 14-3-25-123456，批次 13-1-2-3456789'],
    ['version and address numbers', '第 1.3.8 条，版本 13.8.1234，IP 192.168.100.123'],
    ['a list of years', '2019 2020 2021 2022 2023 2024'],
    ['masked numbers written with stars', `110105********002X 138****5678 ${CARD.slice(0, 4)} **** **** ${CARD.slice(12)}`],
    ['a multiplication in Markdown', '3*4*5 = 60，面积 13.5*20.2 平方米'],
  ];
  it.each(ORDINARY)('%s', (_name, text) => {
    expect(scanText(text, TODAY)).toEqual([]);
  });
});
