/**
 * Public organisation numbers are shown, personal ones stay masked. The rule: a number is shown
 * only when it equals one the organisation's admin listed (org profile), or when it is an office
 * number (landline, 400/800, short hotline) in a 公开电话 column of a table that names nobody.
 * A mobile is never shown unless listed; IDs and bank cards never are.
 */
import { describe, expect, it } from 'vitest';
import { parsePublicPhones } from '../../org/index.ts';
import { presentRecord } from '../present.ts';
import { buildTable } from '../tables/build.ts';
import { displayCell } from '../tables/cells.ts';
import { maskText } from './mask.ts';
import { phoneKey, publicPhoneSet } from './publicPhones.ts';

const HOTLINE = '0432-62451234';
const OFFICE_MOBILE = '13900001111';
const PERSONAL = '13812345678';
const ID = '11010519491231002X';
const listed = publicPhoneSet([HOTLINE, OFFICE_MOBILE]);

describe('the organisation’s listed public numbers', () => {
  it('compares numbers by their digits, a mobile without its country code', () => {
    expect(phoneKey('0432 6245 1234')).toBe(phoneKey(HOTLINE));
    expect(phoneKey('+86 139-0000-1111')).toBe(OFFICE_MOBILE);
    expect(phoneKey('１３９００００１１１１')).toBe(OFFICE_MOBILE);
  });

  it('keeps a listed mobile visible in text and masks every other personal number beside it', () => {
    const text = `监督电话 ${OFFICE_MOBILE}，联系人手机 ${PERSONAL}，身份证 ${ID}`;
    const out = maskText(text, { allowPhones: listed }).text;
    expect(out).toContain(OFFICE_MOBILE);
    expect(out).not.toContain(PERSONAL);
    expect(out).toContain('138****5678');
    expect(out).not.toContain(ID);
    // Without the list everything is masked, exactly as before.
    expect(maskText(text).text).not.toContain(OFFICE_MOBILE);
  });

  it('never exempts an ID or a bank card, even if an admin typed one into the list', () => {
    const wrong = publicPhoneSet([ID, '6222020200112233445']);
    expect(maskText(`身份证 ${ID}`, { allowPhones: wrong }).text).not.toContain(ID);
  });

  it('shows the hotline in a name list (the 监督委员会 members) only because it is listed; a member’s own mobile stays masked', () => {
    const tsvRows = [
      ['周国庆', '主任', HOTLINE],
      ['吴秀英', '委员', PERSONAL],
    ];
    const withList = buildTable('成员', ['姓名', '职务', '联系方式'], tsvRows, undefined, listed).table;
    expect(withList.rows[0]![2]).toBe(HOTLINE);
    expect(withList.rows[1]![2]).toBe('138****5678');
    const without = buildTable('成员', ['姓名', '职务', '联系方式'], tsvRows).table;
    expect(without.rows[0]![2]).not.toBe(HOTLINE);
  });

  it('masks a personal phone put into a 公开电话 column of a name list unless it equals a listed number', () => {
    const table = buildTable('名单', ['姓名', '公开电话'], [['张秀华', PERSONAL], ['李建国', '0432-65550000'], ['王明', HOTLINE]], undefined, listed).table;
    expect(table.columns[1]!.type).toBe('public_phone');
    expect(table.rows[0]![1]).toBe('138****5678');
    expect(table.rows[1]![1]).not.toBe('0432-65550000');
    expect(table.rows[2]![1]).toBe(HOTLINE);
  });

  it('shows office numbers in a 联系电话 or 监督电话 column of a table that names nobody; mobiles there stay masked', () => {
    const table = buildTable('服务点', ['服务点', '联系电话'], [['社区服务站', '0432-62450000'], ['便民点', PERSONAL], ['热线', '12345']]).table;
    expect(table.columns[1]!.type).toBe('public_phone');
    expect(table.rows.map((r) => r[1])).toEqual(['0432-62450000', '138****5678', '12345']);
    // Display re-checks: a value stored before the rule, or a list that changed, is masked again.
    expect(displayCell('public_phone', PERSONAL, {})).toBe('138****5678');
    expect(displayCell('phone', HOTLINE, {})).not.toBe(HOTLINE);
    expect(displayCell('phone', HOTLINE, { publicPhones: listed, peopleListed: true })).toBe(HOTLINE);
    expect(displayCell('public_phone', '0432-62450000', { peopleListed: true })).not.toBe('0432-62450000');
  });

  it('reaches the public view: listed numbers shown in body and table, a resident’s mobile masked', () => {
    const version = {
      version: 1, status: 'published', publishedAt: new Date('2026-11-01T00:00:00Z'), audience: 'public', personalList: false, publicityEndsOn: null, publicityDays: null,
      title: '居务监督委员会组成人员及监督电话', bodyMd: `**监督电话：${OFFICE_MOBILE}**，或致电 ${PERSONAL}`,
      tables: [buildTable('成员', ['姓名', '联系方式'], [['周国庆', OFFICE_MOBILE], ['吴秀英', PERSONAL]], undefined, listed).table],
      informationFormedOn: null, periodFrom: null, periodTo: null, correctionNote: null,
    } as unknown as Parameters<typeof presentRecord>[0]['version'];
    const record = { publicId: 'abcd1234', districtCode: '220202', itemId: 1, itemKey: 'k', itemName: '监督机构', currentVersion: 1, firstPublishedAt: null, withdrawnAt: null, withdrawnReason: null } as unknown as Parameters<typeof presentRecord>[0]['record'];
    const view = presentRecord({ record, version, versions: [version], attachments: [], org: { code: '220202004001', name: '延安社区', publicPhones: [OFFICE_MOBILE] }, item: null, now: new Date('2026-11-02T00:00:00Z') });
    expect(view.bodyText).toContain(OFFICE_MOBILE);
    expect(view.bodyHtml).toContain(OFFICE_MOBILE);
    expect(view.bodyText).not.toContain(PERSONAL);
    expect(view.tables[0]!.rows.map((r) => r[1])).toEqual([OFFICE_MOBILE, '138****5678']);
    const unlisted = presentRecord({ record, version, versions: [version], attachments: [], org: { code: '220202004001', name: '延安社区' }, item: null, now: new Date('2026-11-02T00:00:00Z') });
    expect(unlisted.bodyText).not.toContain(OFFICE_MOBILE);
    expect(unlisted.tables[0]!.rows[0]![1]).not.toBe(OFFICE_MOBILE);
  });

  it('lets an admin list only telephone numbers, at most five', () => {
    expect(parsePublicPhones('0432-62451234\n 139 0000 1111 \n\n12345')).toEqual(['0432-62451234', '13900001111', '12345']);
    expect(() => parsePublicPhones('张三')).toThrow('不是电话号码');
    expect(() => parsePublicPhones(ID)).toThrow('不是电话号码');
    expect(() => parsePublicPhones('12345\n12346\n12347\n12348\n12349\n12340')).toThrow('最多登记 5 个');
  });
});
