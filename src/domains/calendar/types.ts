/** A dated entry of a year's holiday arrangement: a holiday (放假) or a make-up working day (调休上班). */
export interface DayEntry {
  /** Beijing local date, 'YYYY-MM-DD'. */
  date: string;
  /** Holiday name as the State Council notice gives it, e.g. 国庆节 or 国庆节、中秋节. */
  name: string;
}

/**
 * One year's arrangement, in the shape of the State Council's annual notice
 * (国务院办公厅关于20XX年部分节假日安排的通知). The same shape comes from the built-in
 * chinese-days data, from a parsed notice, from a JSON file and, later, from the admin's DB table.
 *
 * Dates may spill into the neighbouring year (a 元旦 block that starts on 12月31日 of the
 * previous year is announced in the new year's notice).
 */
export interface YearData {
  year: number;
  /** Days off (放假), weekend days inside a holiday block included. */
  holidays: DayEntry[];
  /**
   * Working days: normally weekend days that become working days (调休上班). A correction may
   * also list a weekday here to cancel a holiday recorded earlier for that date.
   */
  workdays: DayEntry[];
  /** When true, this entry replaces everything earlier sources said about the year instead of amending it. */
  replace?: boolean;
}

/** A block of consecutive rest days belonging to one holiday (or two, e.g. 中秋节、国庆节). */
export interface HolidayRun {
  name: string;
  from: string;
  to: string;
}

/** Result of deadline arithmetic: the due date and how it was reached. */
export interface DeadlineResult {
  due: string;
  /** Chinese, shown to users as is: what was added, which holidays were skipped, which make-up days counted. */
  explanation: string;
  skippedHolidays: HolidayRun[];
  makeupDays: DayEntry[];
}

/** Result of counting working days between two dates. */
export interface WorkdayCountResult {
  count: number;
  explanation: string;
  skippedHolidays: HolidayRun[];
  makeupDays: DayEntry[];
}
