import { asc, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { calendarYears } from './schema.ts';

export type CalendarYearRow = typeof calendarYears.$inferSelect;

/** What a district sees: the entries for every district and its own; null: the entries for every district only. */
function visibleTo(districtCode: string | null): SQL | undefined {
  return districtCode === null ? isNull(calendarYears.districtCode) : or(isNull(calendarYears.districtCode), eq(calendarYears.districtCode, districtCode));
}

export async function listCalendarYears(ex: Executor, districtCode: string | null): Promise<CalendarYearRow[]> {
  return ex.select().from(calendarYears).where(visibleTo(districtCode)).orderBy(asc(calendarYears.id));
}

/** The newest entry id a district sees: a cheap way for any instance to tell that its cached calendar is stale. */
export async function latestCalendarYearId(ex: Executor, districtCode: string | null): Promise<number> {
  const [row] = await ex.select({ id: sql<number>`coalesce(max(${calendarYears.id}), 0)::int` }).from(calendarYears).where(visibleTo(districtCode));
  return Number(row?.id ?? 0);
}

export async function insertCalendarYear(ex: Executor, values: typeof calendarYears.$inferInsert): Promise<CalendarYearRow> {
  const [row] = await ex.insert(calendarYears).values(values).returning();
  return row!;
}

export async function recentCalendarYears(ex: Executor, districtCode: string | null, limit = 20): Promise<CalendarYearRow[]> {
  return ex.select().from(calendarYears).where(visibleTo(districtCode)).orderBy(desc(calendarYears.id)).limit(limit);
}
