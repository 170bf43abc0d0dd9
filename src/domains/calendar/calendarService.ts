import type { Deps } from '../../platform/context.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { createWorkCalendar, type WorkCalendar } from './workCalendar.ts';
import { parseYearDataText } from './notice.ts';
import type { YearData } from './types.ts';
import * as repo from './repository.ts';

// One calendar per process, rebuilt (a few milliseconds) only when an admin has entered a year
// since it was built; every instance notices through the newest row id.
let cached: { db: unknown; latestId: number; calendar: WorkCalendar } | null = null;

/** The working-day calendar: built-in chinese-days data plus every year an admin entered. */
export async function getCalendar(deps: Pick<Deps, 'db'>): Promise<WorkCalendar> {
  const latestId = await repo.latestCalendarYearId(deps.db.orm);
  if (cached && cached.db === deps.db && cached.latestId === latestId) return cached.calendar;
  const rows = await repo.listCalendarYears(deps.db.orm);
  const calendar = createWorkCalendar(rows.map((r) => r.data));
  cached = { db: deps.db, latestId, calendar };
  return calendar;
}

// The calendar as of a version, per database. Unlike getCalendar this reads through the given
// executor, so it also works inside a caller's transaction (PGlite has a single connection: a
// query outside the open transaction would wait for it forever).
const calendars = new WeakMap<Database, { version: number; cal: WorkCalendar }>();

/** The calendar and its version (the newest entry id), read through `ex` (a transaction or the pool). */
export async function calendarThrough(db: Database, ex: Executor): Promise<{ version: number; cal: WorkCalendar }> {
  const version = await repo.latestCalendarYearId(ex);
  const cachedEntry = calendars.get(db);
  if (cachedEntry && cachedEntry.version === version) return cachedEntry;
  const rows = await repo.listCalendarYears(ex);
  const entry = { version, cal: createWorkCalendar(rows.map((r) => r.data)) };
  calendars.set(db, entry);
  return entry;
}

/** Records a year (a notice's text or JSON); the change and its audit entry commit together. */
export async function importCalendarYear(deps: Deps, actor: AuditActor, input: { text: string; source: string; year?: number }): Promise<YearData[]> {
  const years = parseYearDataText(input.text, input.year ? { year: input.year } : {});
  createWorkCalendar(years); // validates the result builds before anything is stored
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    for (const data of years) {
      const row = await repo.insertCalendarYear(tx, { year: data.year, data, source: input.source.slice(0, 200), enteredBy: actor.name, createdAt: now });
      await appendAudit(
        tx,
        actor,
        { action: 'calendar.year_import', subjectType: 'calendar_year', subjectId: row.id, data: { year: data.year, holidays: data.holidays.length, workdays: data.workdays.length, source: row.source } },
        now,
      );
    }
  });
  return years;
}
