// Public surface of the calendar domain; other domains import from here only.
export { WorkCalendar, createWorkCalendar } from './workCalendar.ts';
export { loadBuiltinYears } from './builtinYears.ts';
export { parseHolidayNotice, parseYearDataJson, parseYearDataText, readYearDataFile } from './notice.ts';
export type { NoticeOptions } from './notice.ts';
export { validateYearData } from './yearData.ts';
export { formatChineseDate, parseIsoDate, isoFromDay } from './dates.ts';
export { CalendarUnknownError, CalendarInputError, CalendarDataError, HolidayNoticeError } from './errors.ts';
export type { DayEntry, YearData, HolidayRun, DeadlineResult, WorkdayCountResult } from './types.ts';
export { calendarThrough, getCalendar, importCalendarYear } from './calendarService.ts';
export { describeDay } from './describeDay.ts';
export type { CalendarPorts } from './routes.ts';
export { publicityEnd, publicityOver, type PublicityEnd } from './publicity.ts';
