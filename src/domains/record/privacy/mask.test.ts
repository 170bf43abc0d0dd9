import { afterEach, describe, expect, it, vi } from 'vitest';
import { group, makeCard, makeId18, makeIdEndingInX, toFullWidth } from './fixtures/numbers.ts';
import { maskText, maskTextKept, maskValue } from './mask.ts';

const ID = makeId18('220202', '19850612', '123');
const ID_X = makeIdEndingInX('370202', '19700101');
const CARD_16 = makeCard('622202', 16);
const CARD_19 = makeCard('621700', 19);

describe('masking of findings', () => {
  it.each([
    ['18-digit ID keeps region and last 4', ID, `220202********${ID.slice(14)}`],
    ['ID with X keeps the X', ID_X, `370202********${ID_X.slice(14)}`],
    ['spaced ID keeps its spaces', group(ID, [6, 4, 4, 4], ' '), `220202 **** **** ${ID.slice(14)}`],
    ['full-width ID keeps full-width kept digits', toFullWidth(ID), `${toFullWidth(ID.slice(0, 6))}********${toFullWidth(ID.slice(14))}`],
    ['15-digit ID keeps region and last 3', '110105491231002', '110105******002'],
    ['mobile keeps first 3 and last 4', '13812345678', '138****5678'],
    ['mobile keeps dashes', '138-1234-5678', '138-****-5678'],
    ['mobile keeps +86', '+86 13812345678', '+86 138****5678'],
    ['mobile keeps glued 86', '8613812345678', '86138****5678'],
    ['card keeps first 4 and last 4', CARD_16, `6222********${CARD_16.slice(12)}`],
    ['grouped card keeps groups', group(CARD_16, [4, 4, 4, 4], ' '), `6222 **** **** ${CARD_16.slice(12)}`],
    ['19-digit card', group(CARD_19, [4, 4, 4, 4, 3], ' '), `6217 **** **** ***${CARD_19.slice(15, 16)} ${CARD_19.slice(16)}`],
  ])('%s', (_name, value, masked) => {
    const { text, findings } = maskText(`【${value}】`);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.masked).toBe(masked);
    expect(text).toBe(`【${masked}】`);
  });

  it('masks every number in a text and leaves the rest alone', () => {
    const input = `张三，身份证${ID}，电话13812345678；李四，卡号${CARD_16}，无号码。`;
    const { text, findings } = maskText(input);
    expect(text).toBe(
      `张三，身份证220202********${ID.slice(14)}，电话138****5678；李四，卡号6222********${CARD_16.slice(12)}，无号码。`,
    );
    expect(findings.map((f) => f.kind)).toEqual(['id_card', 'mobile', 'bank_card']);
    expect(text.length).toBe(input.length);
  });

  it('returns text without numbers unchanged', () => {
    expect(maskText('国办发〔2019〕54号，2026-09-28，邮编132000')).toEqual({
      text: '国办发〔2019〕54号，2026-09-28，邮编132000',
      findings: [],
    });
  });
});

describe('maskValue for typed columns', () => {
  it.each([
    ['id_card', ID, `220202********${ID.slice(14)}`],
    ['id_card', '220202198506121230', '220202********1230'], // wrong check digit: same shape rule
    ['id_card', '22020219850612123A', '220202********123A'],
    ['id_card', '220202850612123', '220202******123'], // 15 characters
    ['id_card', '2202021985061', '*********5061'], // malformed length: last 4 only
    ['id_card', '1234567', '*******'], // too short to keep anything
    ['id_card', '', ''],
    ['id_card', '无', '无'],
    ['id_card', 'E12345678', '*****5678'], // a passport number in the ID column
    ['mobile', '13812345678', '138****5678'],
    ['mobile', '12812345678', '128****5678'], // invalid segment, still mobile-shaped
    ['mobile', '+86 12812345678', '+86 128****5678'],
    ['mobile', '0432-62345678', '****-****5678'], // a landline in the phone column
    ['mobile', '13800000000.00', '*********00.00'], // looks like an amount, masked anyway
    ['mobile', '13812345678 / 13987654321', '138****5678 / 139****4321'],
    ['mobile', '13812345678 / 0432-62345678', '*********** / ****-****5678'],
    ['mobile', '5678', '****'],
    ['bank_card', CARD_16, `6222********${CARD_16.slice(12)}`],
    ['bank_card', '6222021234567890', '6222********7890'], // Luhn fails
    ['bank_card', '6222 0212 3456 7890', '6222 **** **** 7890'],
    ['bank_card', '62220212345', '*******2345'],
    ['bank_card', ID, `220202********${ID.slice(14)}`], // an ID typed into the card column
  ] as const)('maskValue(%s, %j)', (kind, value, masked) => {
    expect(maskValue(kind, value)).toBe(masked);
  });
});

describe('masks kept for texts shown again and again', () => {
  afterEach(() => vi.useRealTimers());

  it('answers what maskText answers, the first time and from what it kept', () => {
    const texts = [`低保名单 ${ID}`, '联系电话 13812345678', `卡号 ${group(CARD_16, [4, 4, 4, 4], ' ')}`, '2026年第三季度财务收支'];
    for (const round of [1, 2]) for (const text of texts) expect(maskTextKept(text), `${text} (${round})`).toBe(maskText(text).text);
  });

  // A birth date after tomorrow is no one's yet (a day of slack for time zones); a day later the
  // same number can be a newborn's ID, and a mask kept from the day before would leave it bare.
  it('forgets what it kept when the day changes', () => {
    const newborn = makeId18('110105', '20261130', '001');
    vi.useFakeTimers({ now: new Date('2026-11-28T12:00:00Z'), toFake: ['Date'] });
    const today = maskTextKept(`出生登记 ${newborn}`);
    expect(today).toBe(`出生登记 ${newborn}`);
    vi.setSystemTime(new Date('2026-11-29T12:00:00Z'));
    const tomorrow = maskTextKept(`出生登记 ${newborn}`);
    expect(tomorrow).toBe(`出生登记 110105********${newborn.slice(14)}`);
    expect(tomorrow).not.toBe(today);
  });
});
