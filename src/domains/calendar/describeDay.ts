import type { WorkCalendar } from './workCalendar.ts';
import { formatChineseDate, isWeekend, parseIsoDate, weekdayName } from './dates.ts';

export interface DayDescription {
  date: string;
  workday: boolean;
  explanation: string;
}

/** Says in Chinese what kind of day a date is: working day, weekend, holiday or 调休 workday. */
export function describeDay(calendar: WorkCalendar, date: string): DayDescription {
  const day = parseIsoDate(date);
  const workday = calendar.isWorkday(date);
  const holiday = calendar.holidayName(date);
  const label = `${formatChineseDate(day)}（${weekdayName(day)}）`;
  const explanation = holiday
    ? `${label}是${holiday}假期，休息`
    : workday && isWeekend(day)
      ? `${label}是调休上班日，计为工作日`
      : workday
        ? `${label}是工作日`
        : `${label}是周末休息日`;
  return { date, workday, explanation };
}
