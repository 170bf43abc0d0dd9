// All SQL of the request domain.
import { and, asc, desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { cases, caseSteps, querySettings } from './schema.ts';
import type { CaseState } from './types.ts';

export type CaseRow = typeof cases.$inferSelect;
export type StepRow = typeof caseSteps.$inferSelect;
export type QuerySettingRow = typeof querySettings.$inferSelect;

export async function insertCase(ex: Executor, values: typeof cases.$inferInsert): Promise<CaseRow> {
  const [row] = await ex.insert(cases).values(values).returning();
  return row!;
}

export async function findCase(ex: Executor, id: number): Promise<CaseRow | null> {
  const [row] = await ex.select().from(cases).where(eq(cases.id, id)).limit(1);
  return row ?? null;
}

/** The row locked for the rest of the transaction, so two staff steps on one case run one after the other. */
export async function lockCase(ex: Executor, id: number): Promise<CaseRow | null> {
  const [row] = await ex.select().from(cases).where(eq(cases.id, id)).for('update').limit(1);
  return row ?? null;
}

export async function findByTracking(ex: Executor, code: string): Promise<CaseRow | null> {
  const [row] = await ex.select().from(cases).where(eq(cases.trackingCode, code)).limit(1);
  return row ?? null;
}

export async function updateCase(ex: Executor, id: number, values: Partial<typeof cases.$inferInsert>): Promise<CaseRow> {
  const [row] = await ex.update(cases).set(values).where(eq(cases.id, id)).returning();
  return row!;
}

/** Cases of the subtree at `path`, open ones first, by due date. */
export async function listCasesUnder(ex: Executor, path: string, limit = 500): Promise<CaseRow[]> {
  return ex
    .select()
    .from(cases)
    .where(like(cases.orgPath, `${path}%`))
    .orderBy(sql`case when ${cases.state} in ('closed','abandoned') then 1 else 0 end`, asc(cases.dueOn), desc(cases.id))
    .limit(limit);
}

export async function listCasesOfResident(ex: Executor, userId: number, limit = 100): Promise<CaseRow[]> {
  return ex.select().from(cases).where(eq(cases.submittedBy, userId)).orderBy(desc(cases.id)).limit(limit);
}

export async function listOpenCases(ex: Executor, states: readonly CaseState[]): Promise<CaseRow[]> {
  return ex.select().from(cases).where(inArray(cases.state, [...states])).orderBy(asc(cases.id));
}

export async function listCasesOfRecord(ex: Executor, recordId: string): Promise<CaseRow[]> {
  return ex.select().from(cases).where(and(eq(cases.recordId, recordId), eq(cases.kind, 'objection'))).orderBy(asc(cases.id));
}

export async function insertStep(ex: Executor, values: typeof caseSteps.$inferInsert): Promise<void> {
  await ex.insert(caseSteps).values(values);
}

export async function listSteps(ex: Executor, caseIds: number[]): Promise<StepRow[]> {
  if (caseIds.length === 0) return [];
  return ex.select().from(caseSteps).where(inArray(caseSteps.caseId, caseIds)).orderBy(asc(caseSteps.id));
}

export async function findQuerySetting(ex: Executor, districtCode: string): Promise<QuerySettingRow | null> {
  const [row] = await ex.select().from(querySettings).where(eq(querySettings.districtCode, districtCode)).limit(1);
  return row ?? null;
}

export async function upsertQuerySetting(ex: Executor, values: typeof querySettings.$inferInsert): Promise<void> {
  await ex
    .insert(querySettings)
    .values(values)
    .onConflictDoUpdate({ target: querySettings.districtCode, set: { days: values.days, unit: values.unit, basis: values.basis, allowAnonymous: values.allowAnonymous, updatedAt: values.updatedAt } });
}
