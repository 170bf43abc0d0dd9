import { chineseDate } from '../../platform/time.ts';
import { CalendarUnknownError } from './errors.ts';
import type { WorkCalendar } from './workCalendar.ts';

export interface PublicityEnd {
  /** The last day of the 公示期 ('YYYY-MM-DD'); the end day itself still belongs to it. */
  endsOn: string;
  days: number;
  explanation: string;
  /** True when the period runs into a year nobody has entered: counted Monday–Friday, and said so. */
  estimated: boolean;
}

/** Monday–Friday only, for a year whose holidays nobody has entered yet. */
function weekdaysOnly(start: string, days: number): string {
  const d = new Date(`${start}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

/**
 * The one rule for the end of a 公示期: it starts on the day of publication (not counted,
 * 民法典第二百零一条) and lasts N working (or calendar) days on China's working-day calendar.
 * Unlike a deadline, it does not refuse beyond the known years: a list already posted must come
 * down at some date, so the end is estimated Monday–Friday and the explanation says so.
 */
export function publicityEnd(cal: WorkCalendar, publishedOn: string, rule: { amount: number; unit: 'workday' | 'day' }): PublicityEnd {
  try {
    const result = rule.unit === 'workday' ? cal.addWorkdays(publishedOn, rule.amount) : cal.addDays(publishedOn, rule.amount);
    return { endsOn: result.due, days: rule.amount, explanation: `公示期自发布之日起算：${result.explanation}`, estimated: false };
  } catch (err) {
    if (!(err instanceof CalendarUnknownError)) throw err;
    const endsOn = weekdaysOnly(publishedOn, rule.amount);
    const explanation = `公示期自 ${chineseDate(publishedOn)} 起 ${rule.amount} 个工作日，至 ${chineseDate(endsOn)}。${err.message}，暂按周一至周五计算。`;
    return { endsOn, days: rule.amount, explanation, estimated: true };
  }
}

/** Is the 公示期 over on `today` (Beijing date)? The end day itself still belongs to it. */
export function publicityOver(endsOn: string | null, today: string): boolean {
  return endsOn !== null && today > endsOn;
}
