import { readFile } from 'node:fs/promises';
import { dayFromParts, daysInMonth, isoFromDay, isWeekend, weekdayName, weekdayOf } from './dates.ts';
import { CalendarDataError, HolidayNoticeError } from './errors.ts';
import type { DayEntry, YearData } from './types.ts';
import { validateYearData } from './yearData.ts';

/*
 * Reads the State Council's annual notice (国务院办公厅关于20XX年部分节假日安排的通知) as pasted
 * from gov.cn. Each arrangement is a numbered line:
 *   二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
 * Older notices also use “4月5日放假，4月6日（星期一）补休” and “1月1日放假，与周末连休”.
 * Unnumbered lines (title, greeting, closing paragraph) are ignored; a numbered line we cannot
 * read stops the import with its line number, because a silently dropped holiday shifts deadlines.
 */

export interface NoticeOptions {
  /** The notice's year when the title is missing from the pasted text. */
  year?: number;
}

const TITLE = /关于(\d{4})年部分节假日安排的通知/;
const ITEM = /^[（(]?[一二三四五六七八九十]+[)）]?[、.．]\s*(.*)$/;
const NAMED = /^([^：:]{1,20})[：:](.*)$/;
const DATE_TOKEN = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:[（(]([^）)]*)[）)])?/g;
const WEEKDAY_NOTE = /(?:周|星期)([日天一二三四五六])/;
const WEEKDAY_CHARS = '日一二三四五六';
const MAX_BLOCK_DAYS = 31;

interface DateToken {
  year: number | undefined;
  month: number | undefined;
  day: number;
  note: string;
}

interface LineResult {
  holidays: number[];
  workdays: number[];
}

type Fail = (reason: string) => never;

/** Parses the notice text into the calendar's year data shape. */
export function parseHolidayNotice(text: string, options: NoticeOptions = {}): YearData {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const year = noticeYear(text, options.year);
  const holidays: DayEntry[] = [];
  const workdays: DayEntry[] = [];
  const seen = new Map<number, number>();
  lines.forEach((raw, i) => {
    const line = raw.replace(/[\s\u3000]+/g, ' ').trim();
    const item = ITEM.exec(line);
    if (!item) return;
    const fail: Fail = (reason) => {
      throw new HolidayNoticeError(i + 1, line, reason);
    };
    const named = NAMED.exec(item[1] ?? '');
    if (!named) fail('缺少“节日名称：”');
    const name = (named[1] ?? '').trim();
    const result = parseArrangement(named[2] ?? '', year, fail);
    for (const day of [...result.holidays, ...result.workdays]) {
      const earlier = seen.get(day);
      if (earlier !== undefined) fail(`${isoFromDay(day)} 已在第${earlier}行出现`);
      seen.set(day, i + 1);
    }
    holidays.push(...result.holidays.map((day) => ({ date: isoFromDay(day), name })));
    workdays.push(...result.workdays.map((day) => ({ date: isoFromDay(day), name })));
  });
  if (holidays.length === 0) {
    throw new CalendarDataError('通知中未找到任何放假安排（应有“一、元旦：1月1日放假……”这样的编号行）');
  }
  return validateYearData({ year, holidays, workdays }, '节假日通知');
}

function noticeYear(text: string, given: number | undefined): number {
  const titled = TITLE.exec(text);
  const fromTitle = titled ? Number(titled[1]) : undefined;
  if (given !== undefined && fromTitle !== undefined && given !== fromTitle) {
    throw new CalendarDataError(`指定的年份${given}年与通知标题中的${fromTitle}年不一致`);
  }
  const year = given ?? fromTitle;
  if (year === undefined) {
    throw new CalendarDataError('未能识别通知年份：请保留标题“国务院办公厅关于20XX年部分节假日安排的通知”或指定年份');
  }
  return year;
}

/** The text after “春节：”, split into clauses; each clause either grants days off or sets working days. */
function parseArrangement(text: string, year: number, fail: Fail): LineResult {
  const result: LineResult = { holidays: [], workdays: [] };
  let declared: number | undefined;
  for (const clause of text.split(/[，。；,;]/).map((part) => part.trim())) {
    if (!clause) continue;
    const total = /(?:共|放假)(\d+)天/.exec(clause);
    if (total) declared = Number(total[1]);
    if (clause.includes('上班')) {
      result.workdays.push(...resolveDates(readTokens(clause, fail), year, fail).map((day) => weekendOnly(day, fail)));
    } else if (/放假|补休/.test(clause)) {
      result.holidays.push(...holidayDays(clause, year, fail));
    }
    // Anything else (“不调休”, “与周末连休”, “鼓励……安排职工在除夕休息”) carries no dates we need.
  }
  if (result.holidays.length === 0) fail('未找到放假日期');
  if (declared !== undefined && declared !== result.holidays.length) {
    fail(`写明共${declared}天，但列出的放假日期共${result.holidays.length}天`);
  }
  return result;
}

/** “10月1日（周四）至7日（周三）放假调休” → every day of the block; “4月5日放假” → that day. */
function holidayDays(clause: string, year: number, fail: Fail): number[] {
  const isRange = clause.includes('至');
  const days = resolveDates(readTokens(clause, fail), year, fail, isRange);
  if (!isRange) return days;
  const [from, to] = days;
  if (days.length !== 2 || from === undefined || to === undefined) fail('“至”的前后应各有一个日期');
  if (to < from) fail('放假结束日期早于开始日期');
  if (to - from + 1 > MAX_BLOCK_DAYS) fail(`一段假期超过${MAX_BLOCK_DAYS}天，疑为日期有误`);
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

function readTokens(clause: string, fail: Fail): DateToken[] {
  const tokens = [...clause.matchAll(DATE_TOKEN)].map((m) => ({
    year: m[1] ? Number(m[1]) : undefined,
    month: m[2] ? Number(m[2]) : undefined,
    day: Number(m[3]),
    note: m[4] ?? '',
  }));
  if (tokens.length === 0) fail(`“${clause}”中没有日期`);
  return tokens;
}

/**
 * Fills in what the notice leaves out: “至7日” takes the month before it, dates without a year
 * belong to the notice's year, and a block written “12月31日至1月2日” starts in the previous year.
 */
function resolveDates(tokens: DateToken[], year: number, fail: Fail, isRange = false): number[] {
  let month: number | undefined;
  let lastYear: number | undefined;
  const parts = tokens.map((token) => {
    month = token.month ?? month;
    if (month === undefined) fail(`${token.day}日前缺少月份`);
    if (token.year !== undefined) lastYear = token.year;
    return { year: token.year ?? lastYear ?? year, month, token };
  });
  const [first, second] = parts;
  if (isRange && first && second && first.token.year === undefined && second.month < first.month) {
    first.year -= 1;
  }
  return parts.map(({ year: y, month: m, token }) => {
    if (m < 1 || m > 12 || token.day < 1 || token.day > daysInMonth(y, m)) fail(`${y}年${m}月${token.day}日不存在`);
    const day = dayFromParts(y, m, token.day);
    checkWeekdayNote(day, token, m, fail);
    return day;
  });
}

function checkWeekdayNote(day: number, token: DateToken, month: number, fail: Fail): void {
  const noted = WEEKDAY_NOTE.exec(token.note)?.[1];
  if (noted === undefined) return;
  const expected = WEEKDAY_CHARS.indexOf(noted === '天' ? '日' : noted);
  if (expected !== weekdayOf(day)) {
    fail(`${month}月${token.day}日标注为周${noted}，实际是${weekdayName(day)}`);
  }
}

function weekendOnly(day: number, fail: Fail): number {
  if (!isWeekend(day)) fail(`${isoFromDay(day)}是${weekdayName(day)}，本就是工作日，无需调休上班`);
  return day;
}

/** A JSON file holding one year ({ year, holidays, workdays }) or an array of them. */
export function parseYearDataJson(text: string): YearData[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CalendarDataError(`JSON 格式错误，无法解析（${(error as Error).message}）`);
  }
  const items = Array.isArray(value) ? value : [value];
  return items.map((item, i) => validateYearData(item, items.length > 1 ? `JSON 第${i + 1}项` : 'JSON 数据'));
}

/** Either format: JSON when the text starts with { or [, otherwise the notice text. */
export function parseYearDataText(text: string, options: NoticeOptions = {}): YearData[] {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return parseYearDataJson(start);
  return [parseHolidayNotice(text, options)];
}

/** Reads a notice (.txt) or JSON file, e.g. for `gongkai calendar import`. */
export async function readYearDataFile(path: string, options: NoticeOptions = {}): Promise<YearData[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new CalendarDataError(`无法读取节假日文件：${path}`);
  }
  return parseYearDataText(text, options);
}
