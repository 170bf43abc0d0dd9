import type { Deps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Executor } from '../../platform/db.ts';
import { getCalendar, formatChineseDate, parseIsoDate, type WorkCalendar } from '../calendar/index.ts';
import { requestClock, type Pause } from './clock.ts';
import * as repo from './repository.ts';
import { DEFAULT_QUERY_CLOCK, type CaseKind, type QueryClockSetting } from './types.ts';

export interface CaseDates {
  dueOn: string | null;
  extendedDueOn: string | null;
  dueExplanation: string;
}

/** The district's 查询/疑义 clock, or the default (15 calendar days) until the district sets its own. */
export async function querySettingOf(ex: Executor, districtCode: string): Promise<QueryClockSetting> {
  const row = await repo.findQuerySetting(ex, districtCode);
  return row ? { days: row.days, unit: row.unit, basis: row.basis, allowAnonymous: row.allowAnonymous } : DEFAULT_QUERY_CLOCK;
}

/**
 * A case's reply dates. 依申请公开 runs on the 条例's clock; 查询 and 疑义 on the district's
 * setting. A year the calendar does not know leaves the date empty with the reason, so the case
 * is still recorded and the queue shows why it has no date.
 */
export function datesOf(cal: WorkCalendar, kind: CaseKind, setting: QueryClockSetting, c: { receivedOn: string; correctedOn?: string | null; pauses?: Pause[]; extended?: boolean }): CaseDates {
  try {
    if (kind === 'disclosure') {
      const clock = requestClock(cal, { received: c.receivedOn, corrected: c.correctedOn ?? null, pauses: c.pauses ?? [], extended: c.extended ?? false });
      return { dueOn: clock.due, extendedDueOn: clock.extendedDue, dueExplanation: clock.explanation };
    }
    const result = setting.unit === 'working' ? cal.addWorkdays(c.receivedOn, setting.days) : cal.addDays(c.receivedOn, setting.days);
    const head = `收到之日起${setting.days}${setting.unit === 'working' ? '个工作日' : '日'}内答复（依据：${setting.basis}）`;
    return { dueOn: result.due, extendedDueOn: null, dueExplanation: `${head}；${result.explanation}` };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'calendar_year_unknown') throw err;
    return { dueOn: null, extendedDueOn: null, dueExplanation: `${formatChineseDate(parseIsoDate(c.receivedOn))}收到；${err.message}` };
  }
}

export async function calendarOf(deps: Deps, districtCode: string): Promise<WorkCalendar> {
  return getCalendar(deps, districtCode);
}
