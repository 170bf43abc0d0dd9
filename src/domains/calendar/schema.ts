import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { YearData } from './types.ts';

/**
 * Years and corrections entered by a district admin (the State Council's notice for a year the
 * built-in data does not know, or a fix to it). Applied in id order over the built-in data, so
 * the latest entry for a date wins and the history of what was entered stays.
 *
 * `district_code` scopes an entry to the district whose admin entered it: a correction in one
 * district (a local holiday, a mistake) never moves another district's due dates. Entries
 * without a district (the operator's `gongkai calendar import`) apply everywhere.
 */
export const calendarYears = pgTable(
  'calendar_years',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    year: integer('year').notNull(),
    data: jsonb('data').$type<YearData>().notNull(),
    source: text('source').notNull(),
    enteredBy: text('entered_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    districtCode: text('district_code'),
  },
  (t) => [index('calendar_years_year_idx').on(t.year), index('calendar_years_district_idx').on(t.districtCode, t.id)],
);
