import type { Deps } from '../../platform/context.ts';
import { getCalendar } from '../calendar/calendarService.ts';
import { CalendarUnknownError } from '../calendar/index.ts';
import type { PublicityRule } from '../catalog/rules/types.ts';
import { beijingDate, chineseDate } from './dates.ts';

export interface PublicityEnd {
  endsOn: string;
  days: number;
  explanation: string;
}

/** Monday–Friday only, for a year whose holidays nobody has entered yet; said so in the explanation. */
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
 * The last day of the 公示期: it starts on the day of publication (not counted, 民法典第二百零一条)
 * and lasts the rule's N working (or calendar) days, on China's working-day calendar.
 */
export async function publicityEnd(deps: Pick<Deps, 'db'>, publishedAt: Date, rule: Pick<PublicityRule, 'amount' | 'unit'>): Promise<PublicityEnd> {
  const start = beijingDate(publishedAt);
  const calendar = await getCalendar(deps);
  try {
    const result = rule.unit === 'workday' ? calendar.addWorkdays(start, rule.amount) : calendar.addDays(start, rule.amount);
    return { endsOn: result.due, days: rule.amount, explanation: `公示期自发布之日起算：${result.explanation}` };
  } catch (err) {
    if (!(err instanceof CalendarUnknownError)) throw err;
    const endsOn = weekdaysOnly(start, rule.amount);
    return {
      endsOn,
      days: rule.amount,
      explanation: `公示期自 ${chineseDate(start)} 起 ${rule.amount} 个工作日，至 ${chineseDate(endsOn)}。${err.message}，暂按周一至周五计算。`,
    };
  }
}

/** Is the 公示期 over on `today` (Beijing date)? The end day itself still belongs to it. */
export function publicityOver(endsOn: string | null, today: string): boolean {
  return endsOn !== null && today > endsOn;
}
