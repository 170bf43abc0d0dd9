import type { Deps } from '../../platform/context.ts';
import type { Database, Executor } from '../../platform/db.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import type { SessionUser } from '../../platform/principal.ts';
import { createWorkCalendar, type WorkCalendar } from './workCalendar.ts';
import { parseYearDataText } from './notice.ts';
import type { YearData } from './types.ts';
import * as repo from './repository.ts';

// One calendar per (database, district), rebuilt (a few milliseconds) only when an admin has
// entered a year since it was built; every instance notices through the newest row id. Reads
// through `ex`, so it also works inside a caller's transaction (PGlite has a single connection:
// a query outside the open transaction would wait for it forever).
const calendars = new WeakMap<Database, Map<string, { version: number; cal: WorkCalendar }>>();

/**
 * The working-day calendar of a district (built-in chinese-days data, the entries for every
 * district, then the district's own) and its version (the newest entry id it sees). A null
 * district sees the entries for every district only.
 */
export async function calendarThrough(db: Database, ex: Executor, districtCode: string | null): Promise<{ version: number; cal: WorkCalendar }> {
  const version = await repo.latestCalendarYearId(ex, districtCode);
  const perDistrict = calendars.get(db) ?? new Map<string, { version: number; cal: WorkCalendar }>();
  calendars.set(db, perDistrict);
  const key = districtCode ?? '';
  const cached = perDistrict.get(key);
  if (cached && cached.version === version) return cached;
  const rows = await repo.listCalendarYears(ex, districtCode);
  const entry = { version, cal: createWorkCalendar(rows.map((r) => r.data)) };
  perDistrict.set(key, entry);
  return entry;
}

/** The working-day calendar of a district (see calendarThrough). */
export async function getCalendar(deps: Pick<Deps, 'db'>, districtCode: string | null): Promise<WorkCalendar> {
  return (await calendarThrough(deps.db, deps.db.orm, districtCode)).cal;
}

/**
 * Records a year (a notice's text or JSON) for the acting admin's district, or for every
 * district when no one is signed in (the operator's command line); the change and its audit
 * entry commit together.
 */
export async function importCalendarYear(deps: Deps, actor: AuditActor & { user?: SessionUser | null }, input: { text: string; source: string; year?: number }): Promise<YearData[]> {
  const districtCode = actor.user?.districtCode ?? null;
  const years = parseYearDataText(input.text, input.year ? { year: input.year } : {});
  createWorkCalendar(years); // validates the result builds before anything is stored
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    for (const data of years) {
      const row = await repo.insertCalendarYear(tx, { year: data.year, data, source: input.source.slice(0, 200), enteredBy: actor.name, createdAt: now, districtCode });
      await appendAudit(
        tx,
        actor,
        { action: 'calendar.year_import', subjectType: 'calendar_year', subjectId: row.id, districtCode, data: { year: data.year, holidays: data.holidays.length, workdays: data.workdays.length, source: row.source } },
        now,
      );
    }
  });
  return years;
}
