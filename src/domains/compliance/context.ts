import type { Deps } from '../../platform/context.ts';
import type { Database, Executor } from '../../platform/db.ts';
import type { AuditActor } from '../../platform/audit/index.ts';
import { latestCalendarYearId, listCalendarYears } from '../calendar/repository.ts';
import { createWorkCalendar, type WorkCalendar } from '../calendar/index.ts';
import { beijingDate } from './dates.ts';
import { statusDay, type StatusDay } from './status.ts';

/** What every compliance computation needs about “now”: the calendar, its version and today. */
export interface ComplianceNow {
  cal: WorkCalendar;
  /** The newest calendar entry id: due dates computed with an older one are recomputed. */
  calendarVersion: number;
  now: Date;
  today: string;
  day: StatusDay;
}

// The calendar as of a version, per database. Unlike getCalendar this reads through the given
// executor, so it also works inside a caller's transaction (PGlite has a single connection: a
// query outside the open transaction would wait for it forever).
const calendars = new WeakMap<Database, { version: number; cal: WorkCalendar }>();

async function calendarThrough(db: Database, ex: Executor): Promise<{ version: number; cal: WorkCalendar }> {
  const version = await latestCalendarYearId(ex);
  const cached = calendars.get(db);
  if (cached && cached.version === version) return cached;
  const rows = await listCalendarYears(ex);
  const entry = { version, cal: createWorkCalendar(rows.map((r) => r.data)) };
  calendars.set(db, entry);
  return entry;
}

/** `ex` is the caller's transaction when there is one. */
export async function complianceNow(deps: Deps, ex: Executor = deps.db.orm): Promise<ComplianceNow> {
  const { version, cal } = await calendarThrough(deps.db, ex);
  const now = deps.clock.now();
  const today = beijingDate(now);
  return { cal, calendarVersion: version, now, today, day: statusDay(cal, today) };
}

/** Changes made by the system itself (sync, recomputation, reminders) are audited under this name. */
export const SYSTEM_ACTOR: AuditActor = { id: null, name: 'system:compliance', ip: null };
