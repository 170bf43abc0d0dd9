import { AppError, ValidationError } from '../../platform/errors.ts';

/**
 * The calculation needs a year whose holiday arrangement nobody has entered. We refuse rather
 * than guess Monday–Friday: a wrong due date published on a notice board is worse than none.
 */
export class CalendarUnknownError extends AppError {
  readonly year: number;

  constructor(year: number) {
    super(`${year}年节假日安排尚未公布或录入，无法计算准确期限`, 422, 'calendar_year_unknown');
    this.name = 'CalendarUnknownError';
    this.year = year;
  }
}

/** A date or a count given to the calendar is malformed (e.g. '2026-02-30', 'abc', -1). */
export class CalendarInputError extends ValidationError {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarInputError';
  }
}

/** Year data (built-in, JSON file, DB rows) is inconsistent or incomplete. */
export class CalendarDataError extends ValidationError {
  constructor(message: string) {
    super(message);
    this.name = 'CalendarDataError';
  }
}

/** A line of a State Council holiday notice could not be read. */
export class HolidayNoticeError extends CalendarDataError {
  readonly lineNumber: number;
  readonly line: string;

  constructor(lineNumber: number, line: string, reason: string) {
    super(`通知第${lineNumber}行无法识别：“${line}”（${reason}）`);
    this.name = 'HolidayNoticeError';
    this.lineNumber = lineNumber;
    this.line = line;
  }
}
