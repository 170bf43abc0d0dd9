import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadBuiltinYears } from './builtinYears.ts';
import { CalendarDataError, HolidayNoticeError } from './errors.ts';
import { parseHolidayNotice, parseYearDataJson, parseYearDataText, readYearDataFile } from './notice.ts';
import type { YearData } from './types.ts';
import { WorkCalendar } from './workCalendar.ts';

const samplePath = fileURLToPath(new URL('../../../data/calendar/sample-2027-notice.txt', import.meta.url));

// gov.cn indents paragraphs with two ideographic spaces (U+3000).
const INDENT = '\u3000\u3000';

// The real 2026 notice's arrangement lines (国办发明电〔2025〕7号), in the format gov.cn publishes.
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
${INDENT}经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
${INDENT}一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
${INDENT}二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
${INDENT}三、清明节：4月4日（周六）至6日（周一）放假，共3天。
${INDENT}四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
${INDENT}五、端午节：6月19日（周五）至21日（周日）放假，共3天。
${INDENT}六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
${INDENT}七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
${INDENT}节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疾病防控等工作。
国务院办公厅`;

// The 2024 notice: “与周末连休” and a 鼓励… sentence with a date that must be ignored.
const NOTICE_2024 = `国务院办公厅关于2024年部分节假日安排的通知
一、元旦：1月1日放假，与周末连休。
二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。
三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
五、端午节：6月10日放假，与周末连休。
六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。`;

const builtin = (year: number): YearData => loadBuiltinYears().find((y) => y.year === year)!;
const dates = (entries: { date: string }[]): string[] => entries.map((e) => e.date).sort();

describe('parseHolidayNotice', () => {
  it('reads the real 2026 notice into exactly the built-in 2026 data', () => {
    const parsed = parseHolidayNotice(NOTICE_2026);
    expect(parsed.year).toBe(2026);
    expect(parsed.holidays).toEqual(builtin(2026).holidays);
    expect(parsed.workdays.sort((a, b) => a.date.localeCompare(b.date))).toEqual(builtin(2026).workdays);
  });

  it('reads the 2024 notice’s older wording into the built-in 2024 dates', () => {
    const parsed = parseHolidayNotice(NOTICE_2024);
    expect(dates(parsed.holidays)).toEqual(dates(builtin(2024).holidays));
    expect(dates(parsed.workdays)).toEqual(dates(builtin(2024).workdays));
  });

  it('reads 补休, explicit years and a 元旦 block starting in the previous December', () => {
    const parsed = parseHolidayNotice(
      '一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。\n二、清明节：4月5日放假，4月6日（星期四）补休。',
      { year: 2023 },
    );
    expect(dates(parsed.holidays)).toEqual(['2022-12-31', '2023-01-01', '2023-01-02', '2023-04-05', '2023-04-06']);
    const wrapped = parseHolidayNotice('一、元旦：12月31日（周六）至1月2日（周一）放假，共3天。', { year: 2023 });
    expect(dates(wrapped.holidays)).toEqual(['2022-12-31', '2023-01-01', '2023-01-02']);
  });

  it('reads the 2027 sample notice', async () => {
    const [parsed] = await readYearDataFile(samplePath);
    expect(parsed?.year).toBe(2027);
    expect(parsed?.holidays).toHaveLength(3 + 9 + 3 + 5 + 1 + 1 + 7);
    expect(parsed?.holidays.filter((h) => h.name === '春节').map((h) => h.date)).toEqual(
      ['05', '06', '07', '08', '09', '10', '11', '12', '13'].map((d) => `2027-02-${d}`),
    );
    expect(parsed?.workdays).toEqual([
      { date: '2027-01-31', name: '春节' },
      { date: '2027-02-20', name: '春节' },
      { date: '2027-04-25', name: '劳动节' },
      { date: '2027-05-08', name: '劳动节' },
      { date: '2027-09-26', name: '国庆节' },
      { date: '2027-10-09', name: '国庆节' },
    ]);
    expect(readFileSync(samplePath, 'utf8')).toContain('样例');
  });
});

describe('notice errors name the line', () => {
  const title = '国务院办公厅关于2027年部分节假日安排的通知\n';
  it.each([
    ['一、元旦：一月一日放假。', '第2行无法识别：“一、元旦：一月一日放假。”（“一月一日放假”中没有日期）'],
    ['二、春节 2月5日至13日放假。', '第2行无法识别：“二、春节 2月5日至13日放假。”（缺少“节日名称：”）'],
    ['三、清明节：4月3日（周五）至5日放假，共3天。', '4月3日标注为周五，实际是星期六'],
    ['四、劳动节：5月1日至5日放假调休，共4天。', '写明共4天，但列出的放假日期共5天'],
    ['五、国庆节：10月1日至7日放假。10月8日（周五）上班。', '2027-10-08是星期五，本就是工作日，无需调休上班'],
    ['六、中秋节：9月31日放假。', '2027年9月31日不存在'],
    ['七、国庆节：10月7日至1日放假。', '放假结束日期早于开始日期'],
    ['一、端午节：上班。', '中没有日期'],
  ])('%s', (line, message) => {
    const parse = () => parseHolidayNotice(title + line);
    expect(parse).toThrow(HolidayNoticeError);
    expect(parse).toThrow(message);
  });

  it('rejects a date announced twice, with both line numbers', () => {
    expect(() => parseHolidayNotice(`${title}一、元旦：1月1日放假。\n二、春节：1月1日放假。`)).toThrow(
      '通知第3行无法识别：“二、春节：1月1日放假。”（2027-01-01 已在第2行出现）',
    );
  });

  it('needs a year and at least one arrangement', () => {
    expect(() => parseHolidayNotice('一、元旦：1月1日放假。')).toThrow('未能识别通知年份');
    expect(() => parseHolidayNotice(title, { year: 2028 })).toThrow('指定的年份2028年与通知标题中的2027年不一致');
    expect(() => parseHolidayNotice(`${title}各地区要妥善安排。`)).toThrow(CalendarDataError);
    expect(() => parseHolidayNotice(`${title}各地区要妥善安排。`)).toThrow('通知中未找到任何放假安排');
  });
});

describe('JSON year data', () => {
  const year2027 = { year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] };

  it('accepts one year or an array, and text of either kind', () => {
    expect(parseYearDataJson(JSON.stringify(year2027))).toEqual([year2027]);
    expect(parseYearDataText(`\uFEFF  ${JSON.stringify([year2027, { ...year2027, year: 2028, holidays: [{ date: '2028-01-01', name: '元旦' }] }])}`)).toHaveLength(2);
    expect(parseYearDataText(NOTICE_2026)[0]?.year).toBe(2026);
    const calendar = new WorkCalendar([...loadBuiltinYears(), ...parseYearDataJson(JSON.stringify(year2027))]);
    expect(calendar.addWorkdays('2026-12-31', 1).due).toBe('2027-01-04');
  });

  it('explains what is wrong', () => {
    expect(() => parseYearDataJson('{"year": 2027,')).toThrow('JSON 格式错误');
    expect(() => parseYearDataJson('{"year": 2027, "holidays": {}}')).toThrow('JSON 数据（2027年）的放假日期 holidays应为数组');
    expect(() => parseYearDataJson('[{"year": 2027, "holidays": [{"date": "2027-1-1", "name": "元旦"}]}, {}]')).toThrow(
      'JSON 第1项（2027年）的放假日期 holidays第1项：日期格式无效',
    );
  });

  it('reports an unreadable file in Chinese', async () => {
    await expect(readYearDataFile('/nonexistent/2027.json')).rejects.toThrow('无法读取节假日文件：/nonexistent/2027.json');
  });
});
