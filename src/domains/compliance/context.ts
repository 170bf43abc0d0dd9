import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import type { AuditActor } from '../../platform/audit/index.ts';
import { calendarThrough, type WorkCalendar } from '../calendar/index.ts';
import { listOrgsFlat } from '../org/index.ts';
import { statusDay, type StatusDay } from './status.ts';
import { beijingDate } from '../../platform/time.ts';

/** What every compliance computation needs about “now”: the calendar, its version and today. */
export interface ComplianceNow {
  cal: WorkCalendar;
  /** The newest calendar entry id: due dates computed with an older one are recomputed. */
  calendarVersion: number;
  now: Date;
  today: string;
  day: StatusDay;
}

/**
 * “Now” for the obligations of one district: its calendar (each district's admin corrects its
 * own) and that calendar's version. `ex` is the caller's transaction when there is one.
 */
export async function complianceNow(deps: Deps, districtCode: string, ex: Executor = deps.db.orm): Promise<ComplianceNow> {
  const { version, cal } = await calendarThrough(deps.db, ex, districtCode);
  const now = deps.clock.now();
  const today = beijingDate(now);
  return { cal, calendarVersion: version, now, today, day: statusDay(cal, today) };
}

/** Every district's code: work that spans districts runs once per district, on its calendar. */
export async function districtCodes(deps: Deps): Promise<string[]> {
  return (await listOrgsFlat(deps, '/')).filter((o) => o.kind === 'district').map((o) => o.code);
}

/** Changes made by the system itself (sync, recomputation, reminders) are audited under this name. */
export const SYSTEM_ACTOR: AuditActor = { id: null, name: 'system:compliance', ip: null };
