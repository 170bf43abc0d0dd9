import { asc, desc, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { calendarYears } from './schema.ts';

export type CalendarYearRow = typeof calendarYears.$inferSelect;

export async function listCalendarYears(ex: Executor): Promise<CalendarYearRow[]> {
  return ex.select().from(calendarYears).orderBy(asc(calendarYears.id));
}

/** The newest entry id: a cheap way for any instance to tell that its cached calendar is stale. */
export async function latestCalendarYearId(ex: Executor): Promise<number> {
  const [row] = await ex.select({ id: sql<number>`coalesce(max(${calendarYears.id}), 0)::int` }).from(calendarYears);
  return Number(row?.id ?? 0);
}

export async function insertCalendarYear(ex: Executor, values: typeof calendarYears.$inferInsert): Promise<CalendarYearRow> {
  const [row] = await ex.insert(calendarYears).values(values).returning();
  return row!;
}

export async function recentCalendarYears(ex: Executor, limit = 20): Promise<CalendarYearRow[]> {
  return ex.select().from(calendarYears).orderBy(desc(calendarYears.id)).limit(limit);
}
