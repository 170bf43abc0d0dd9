import { describe, expect, it } from 'vitest';
import {
  breakCheck, breakLuhn, group, makeCard, makeId18, makeIdEndingInX, makeIdPassingLuhn, toFullWidth,
} from './fixtures/numbers.ts';
import { scanText } from './scanText.ts';
import type { FindingKind } from './types.ts';

const TODAY = new Date('2026-09-28T00:00:00Z');

/** Found kind and slice for each finding, in order. */
function found(text: string): Array<[FindingKind, string]> {
  return scanText(text, TODAY).map((f) => [f.kind, f.text]);
}

// Generated IDs across regions and birth dates (checksums computed, not copied from people).
const BEIJING = makeId18('110105', '19491231', '000'); // 北京朝阳
const JILIN = makeId18('220202', '19850612', '123'); // 吉林市昌邑区
const KUNMING = makeId18('530102', '20000229', '456'); // 昆明五华区, leap day
const SHENZHEN = makeId18('440305', '19761001', '789'); // 深圳南山
const SHANGHAI = makeId18('310115', '20231015', '002'); // 上海浦东, a child
const URUMQI = makeId18('650102', '19630705', '317'); // 乌鲁木齐
const HONG_KONG_PERMIT = makeId18('810000', '19900101', '055'); // 港澳居民居住证
const WITH_X = makeIdEndingInX('370202', '19700101'); // 青岛市南, check char X
const SHAANXI_LUHN = makeIdPassingLuhn('610103', '19880808'); // also passes Luhn
const GB11643_EXAMPLE = '11010519491231002X'; // worked example of GB 11643-1999
const GB11643_EXAMPLE_1880 = '440524188001010014';
const LEGACY_15 = '110105491231002'; // 15-digit, born 1949-12-31

const UNIONPAY_16 = makeCard('622202', 16);
const UNIONPAY_19 = makeCard('621700', 19);
const VISA = makeCard('4563', 16);
const MASTERCARD = makeCard('5187', 16);
const MASTERCARD_2 = makeCard('2223', 16);
const ICBC_OLD = makeCard('955880', 19);
const JCB = makeCard('3568', 16);

type Case = [name: string, text: string, expected: Array<[FindingKind, string]>];

const ID_CASES: Case[] = [
  ['18-digit in a sentence', `申请人张三，身份证号${BEIJING}，住址…`, [['id_card', BEIJING]]],
  ['Jilin region', `${JILIN}`, [['id_card', JILIN]]],
  ['leap day birth', `公民身份号码：${KUNMING}。`, [['id_card', KUNMING]]],
  ['Shenzhen', `(${SHENZHEN})`, [['id_card', SHENZHEN]]],
  ['born 2023', `${SHANGHAI}号`, [['id_card', SHANGHAI]]],
  ['Xinjiang', `证件号 ${URUMQI}`, [['id_card', URUMQI]]],
  ['HK/Macao residence permit', `居住证号${HONG_KONG_PERMIT}`, [['id_card', HONG_KONG_PERMIT]]],
  ['check char X', `身份证${WITH_X}`, [['id_card', WITH_X]]],
  ['check char lower-case x', `身份证${WITH_X.toLowerCase()}`, [['id_card', WITH_X.toLowerCase()]]],
  ['GB 11643 example with X', GB11643_EXAMPLE, [['id_card', GB11643_EXAMPLE]]],
  ['GB 11643 example born 1880', GB11643_EXAMPLE_1880, [['id_card', GB11643_EXAMPLE_1880]]],
  ['full-width digits', toFullWidth(JILIN), [['id_card', toFullWidth(JILIN)]]],
  ['full-width X', toFullWidth(WITH_X), [['id_card', toFullWidth(WITH_X)]]],
  ['spaces 6-8-4', group(BEIJING, [6, 8, 4], ' '), [['id_card', group(BEIJING, [6, 8, 4], ' ')]]],
  ['spaces 6-4-4-4', group(BEIJING, [6, 4, 4, 4], ' '), [['id_card', group(BEIJING, [6, 4, 4, 4], ' ')]]],
  ['dashes 6-8-4', group(JILIN, [6, 8, 4], '-'), [['id_card', group(JILIN, [6, 8, 4], '-')]]],
  ['ideographic spaces', group(KUNMING, [6, 8, 4], '\u3000'), [['id_card', group(KUNMING, [6, 8, 4], '\u3000')]]],
  ['groups of four', group(SHENZHEN, [4, 4, 4, 4, 2], ' '), [['id_card', group(SHENZHEN, [4, 4, 4, 4, 2], ' ')]]],
  ['check char apart', group(WITH_X, [6, 8, 3, 1], ' '), [['id_card', group(WITH_X, [6, 8, 3, 1], ' ')]]],
  ['spaced dash', group(URUMQI, [6, 8, 4], ' - '), [['id_card', group(URUMQI, [6, 8, 4], ' - ')]]],
  ['glued to letters', `ID${BEIJING}`, [['id_card', BEIJING]]],
  ['two IDs in a list', `${BEIJING}、${JILIN}`, [['id_card', BEIJING], ['id_card', JILIN]]],
  ['tab-separated row', `1\t张三\t${KUNMING}\t男`, [['id_card', KUNMING]]],
  ['ID that also passes Luhn stays an ID', `卡${SHAANXI_LUHN}`, [['id_card', SHAANXI_LUHN]]],
  ['15-digit legacy', `旧身份证${LEGACY_15}`, [['id_card', LEGACY_15]]],
  ['15-digit legacy spaced', group(LEGACY_15, [6, 6, 3], ' '), [['id_card', group(LEGACY_15, [6, 6, 3], ' ')]]],
  ['ID inside a 残疾人证 number', `残疾人证号：${JILIN}42`, [['id_card', JILIN]]],
  ['ID with X inside a 残疾人证 number', `残疾人证号：${WITH_X}13`, [['id_card', WITH_X]]],
  ['ID then mobile in one run', `${JILIN} 13812345678`, [['id_card', JILIN], ['mobile', '13812345678']]],
];

const MOBILE_CASES: Case[] = [
  ['plain', '联系电话：13812345678。', [['mobile', '13812345678']]],
  ['+86 and space', '+86 13912345678', [['mobile', '+86 13912345678']]],
  ['+86 and dashes', '+86-139-1234-5678', [['mobile', '+86-139-1234-5678']]],
  ['86 without plus', '86 15012345678', [['mobile', '86 15012345678']]],
  ['(+86)', '(+86)18612345678', [['mobile', '(+86)18612345678']]],
  ['full-width parentheses and plus', '（＋86）18612345678', [['mobile', '（＋86）18612345678']]],
  ['+86 glued', '+8617712345678', [['mobile', '+8617712345678']]],
  ['0086 glued', '008619912345678', [['mobile', '008619912345678']]],
  ['3-4-4 spaces', '138 1234 5678', [['mobile', '138 1234 5678']]],
  ['3-4-4 dashes', '138-1234-5678', [['mobile', '138-1234-5678']]],
  ['3-8', '138-12345678', [['mobile', '138-12345678']]],
  ['full-width digits', '电话１３８１２３４５６７８', [['mobile', '１３８１２３４５６７８']]],
  ['segment 14x', '14512345678', [['mobile', '14512345678']]],
  ['segment 16x', '16612345678', [['mobile', '16612345678']]],
  ['segment 17x', '17012345678', [['mobile', '17012345678']]],
  ['手机号 label', '手机号13812345678', [['mobile', '13812345678']]],
  ['full-width dashes', '１３８－１２３４－５６７８', [['mobile', '１３８－１２３４－５６７８']]],
  ['Tel: +86 with dashes', 'Tel:+86-138-1234-5678', [['mobile', '+86-138-1234-5678']]],
  ['English label glued', 'Tel13812345678', [['mobile', '13812345678']]],
  ['e-mail user part', '13812345678@163.com', [['mobile', '13812345678']]],
  ['two numbers with a slash', '13812345678/13987654321', [['mobile', '13812345678'], ['mobile', '13987654321']]],
  ['two numbers with a space', '13812345678 13987654321', [['mobile', '13812345678'], ['mobile', '13987654321']]],
  ['date then mobile', '2026-09-28 13812345678', [['mobile', '13812345678']]],
  ['year before a mobile is not a country code', '1986 13812345678', [['mobile', '13812345678']]],
  ['list number "1."', '1.13812345678', [['mobile', '13812345678']]],
];

const BANK_CASES: Case[] = [
  ['UnionPay 16', `卡号${UNIONPAY_16}`, [['bank_card', UNIONPAY_16]]],
  ['UnionPay 19', `账号：${UNIONPAY_19}`, [['bank_card', UNIONPAY_19]]],
  ['groups of four', group(UNIONPAY_16, [4, 4, 4, 4], ' '), [['bank_card', group(UNIONPAY_16, [4, 4, 4, 4], ' ')]]],
  ['4-4-4-4-3', group(UNIONPAY_19, [4, 4, 4, 4, 3], ' '), [['bank_card', group(UNIONPAY_19, [4, 4, 4, 4, 3], ' ')]]],
  ['dashes', group(VISA, [4, 4, 4, 4], '-'), [['bank_card', group(VISA, [4, 4, 4, 4], '-')]]],
  ['Mastercard 5', MASTERCARD, [['bank_card', MASTERCARD]]],
  ['Mastercard 2-series', MASTERCARD_2, [['bank_card', MASTERCARD_2]]],
  ['old ICBC 9558', ICBC_OLD, [['bank_card', ICBC_OLD]]],
  ['JCB', JCB, [['bank_card', JCB]]],
  ['full-width', toFullWidth(UNIONPAY_16), [['bank_card', toFullWidth(UNIONPAY_16)]]],
  ['card then mobile', `${group(UNIONPAY_16, [4, 4, 4, 4], ' ')} 13812345678`, [
    ['bank_card', group(UNIONPAY_16, [4, 4, 4, 4], ' ')], ['mobile', '13812345678'],
  ]],
];

const FUTURE = makeId18('110105', '20990101', '000');

const LOOK_ALIKES: Array<[name: string, text: string]> = [
  ['ID with a wrong check char', breakCheck(BEIJING)],
  ['ID with a wrong check char (Jilin)', breakCheck(JILIN)],
  ['ID with a wrong check char X', breakCheck(WITH_X)],
  ['ID with month 13', makeId18('110105', '19491331', '000')],
  ['ID with 30 February', makeId18('220202', '20230230', '000')],
  ['ID born in the future', FUTURE],
  ['ID with region 99', makeId18('990105', '19491231', '000')],
  ['ID with region 00', makeId18('000105', '19491231', '000')],
  ['15-digit with month 13', '110105491331002'],
  ['IMEI-like 15 digits', '356938035643809'],
  ['valid ID inside a 19-digit run', `${BEIJING}1`],
  ['valid ID inside a 20-digit run', `9${BEIJING}9`],
  ['valid ID + 2 digits that are no disability category', `${BEIJING}81`],
  ['truncated ID (17 digits)', BEIJING.slice(0, 17)],
  ['date', '20260928'],
  ['date with dashes', '2026-09-28'],
  ['date with dots', '2026.09.28'],
  ['Chinese date', '2026年09月28日'],
  ['compact timestamp', '20260928135959'],
  ['datetime', '2026-09-28 13:59:59'],
  ['amount with thousands', '合计 12,345,678.90 元'],
  ['amount looking like a mobile', '13800000000.00'],
  ['amount with yuan', '13812345678元'],
  ['amount with yen sign', '￥13812345678'],
  ['card-like amount', `人民币${UNIONPAY_16}元`],
  ['文号', '国办发〔2019〕54号'],
  ['文号 with a long number', '吉市民发〔2026〕13812345678号'],
  ['ordinal', '第13800000000号'],
  ['document number label', '编号：13812345678'],
  ['order number label', '订单号 13912345678'],
  ['card-like order number', `订单号：${UNIONPAY_16}`],
  ['credit code with letters', '统一社会信用代码：91220202MA0Y3KQ45X'],
  ['credit code of an institution', '12220000412755063H'],
  ['credit code label before an ID-shaped number', `统一社会信用代码：${JILIN}`],
  ['20-digit order number', '20260928123456789012'],
  ['20 digits grouped by four', group(`${UNIONPAY_16}1234`, [4, 4, 4, 4, 4], ' ')],
  ['postcode', '邮编：132000'],
  ['landline with area code', '0432-62345678'],
  ['landline in parentheses', '(0432)62345678'],
  ['Beijing landline', '010-62345678'],
  ['landline with country code', '+86 432 6234 5678'],
  ['timestamp ms', '1700000000000'],
  ['timestamp s', '1700000000'],
  ['10 digits', '1381234567'],
  ['12 digits', '138123456789'],
  ['mobile-like with 12 prefix', '12812345678'],
  ['service numbers', '10086 95588 400-123-4567'],
  ['mobile glued in a code', 'HT13812345678'],
  ['mobile followed by a letter', '13812345678A'],
  ['Luhn failure', breakLuhn(UNIONPAY_16)],
  ['Luhn failure grouped', group(breakLuhn(UNIONPAY_19), [4, 4, 4, 4, 3], ' ')],
  ['Luhn-valid with BIN 1', makeCard('1234', 16)],
  ['Luhn-valid with BIN 0', '0000000000000000'],
  ['Luhn-valid starting 2026', makeCard('2026', 16)],
  ['card with decimals', `${UNIONPAY_16}.50`],
  ['4-2-2 grouping of 8 digits', '1381 23 45'],
];

describe('scanText corpus', () => {
  it.each([...ID_CASES, ...MOBILE_CASES, ...BANK_CASES])('%s', (_name, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it.each(LOOK_ALIKES)('not flagged: %s', (_name, text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('scanText offsets', () => {
  it('gives UTF-16 offsets into the original text, end exclusive', () => {
    const text = `😀户主：${BEIJING}，手机 +86 138-1234-5678`;
    const [id, mobile] = scanText(text, TODAY);
    expect(text.slice(id?.start, id?.end)).toBe(BEIJING);
    expect(id?.start).toBe(5);
    expect(text.slice(mobile?.start, mobile?.end)).toBe('+86 138-1234-5678');
    expect(mobile?.end).toBe(text.length);
  });

  it('keeps offsets of full-width numbers', () => {
    const text = `号码：${toFullWidth(JILIN)}`;
    const [f] = scanText(text, TODAY);
    expect(f).toMatchObject({ start: 3, end: 21, text: toFullWidth(JILIN) });
  });

  it('finds nothing in empty or number-free text', () => {
    expect(scanText('', TODAY)).toEqual([]);
    expect(scanText('居务公开事项目录清单', TODAY)).toEqual([]);
  });

  it('stays fast on a large sheet', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i + 1}\t居民${i}\t${JILIN}\t138${String(i).padStart(8, '0')}\t2026-09-28`);
    const started = performance.now();
    const findings = scanText(rows.join('\n'), TODAY);
    expect(findings).toHaveLength(40_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('recognises every generated region and birth date', () => {
    const regions = ['110101', '120101', '130102', '210102', '320102', '410102', '460105', '500101', '540102', '640104', '710000', '820000'];
    const births = ['19000101', '19491001', '19991231', '20080808', '20260927'];
    for (const region of regions) {
      for (const birth of births) {
        const id = makeId18(region, birth, '031');
        expect(found(`身份证：${id}`), id).toEqual([['id_card', id]]);
      }
    }
  });
});
