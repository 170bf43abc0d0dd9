// All SQL of the request domain.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, like, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db.ts';
import { caseAttachments, cases, caseSteps, querySettings } from './schema.ts';
import type { CaseKind, CaseState } from './types.ts';

export type CaseRow = typeof cases.$inferSelect;
export type StepRow = typeof caseSteps.$inferSelect;
export type QuerySettingRow = typeof querySettings.$inferSelect;
export type CaseAttachmentRow = typeof caseAttachments.$inferSelect;

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

/**
 * 查询 and 疑义 the street must supervise and has not yet: unanswered past the due date, or
 * escalated / disputed by staff. A case with an order (order_id) is never picked again.
 */
export async function listCasesToSupervise(ex: Executor, today: string): Promise<CaseRow[]> {
  return ex
    .select()
    .from(cases)
    .where(
      and(
        inArray(cases.kind, ['query', 'objection']),
        isNull(cases.orderId),
        or(and(eq(cases.state, 'received'), lt(cases.dueOn, today)), eq(cases.state, 'escalated'), isNotNull(cases.disputedOn)),
      ),
    )
    .orderBy(asc(cases.id));
}

/**
 * The applicant's 依申请公开 requests in the district in the calendar month of this one, up to
 * and including it (国办函〔2020〕109号 按件计收 counts per applicant per month); the applicant is
 * known by the phone number given. An anonymous case counts as the first.
 */
export async function countApplicantMonth(ex: Executor, row: CaseRow): Promise<number> {
  if (!row.applicantPhone) return 1;
  const month = row.receivedOn.slice(0, 7);
  const [r] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(cases)
    .where(
      and(
        eq(cases.districtCode, row.districtCode),
        eq(cases.kind, 'disclosure'),
        eq(cases.applicantPhone, row.applicantPhone),
        sql`to_char(${cases.receivedOn}, 'YYYY-MM') = ${month}`,
        lte(cases.id, row.id),
      ),
    );
  return Math.max(1, Number(r?.n ?? 1));
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

/**
 * Cases waiting on someone, oldest due first, with the full count: those sent to the
 * organisation still to answer, and (for an admin) 查询/疑义 below it escalated for being late.
 */
export async function casesWaiting(ex: Executor, scope: { orgId: number; kinds: readonly CaseKind[]; path?: string }, limit: number) {
  const own = and(eq(cases.orgId, scope.orgId), inArray(cases.kind, [...scope.kinds]), inArray(cases.state, ['received', 'consulting', 'escalated']));
  const below = scope.path ? and(like(cases.orgPath, `${scope.path}%`), eq(cases.state, 'escalated')) : undefined;
  const rows = await ex
    .select({ c: cases, total: sql<number>`count(*) over ()` })
    .from(cases)
    .where(below ? sql`(${own}) or (${below})` : own)
    .orderBy(asc(sql`coalesce(${cases.extendedDueOn}, ${cases.dueOn})`), asc(cases.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.c, total: Number(r.total) }));
}

/**
 * The 政府信息公开申请 to one organisation that were open at some time in [from, to]: received by
 * `to` and not finished before `from`. The finishing day of an abandoned request is a timestamp,
 * so the bound is loose by a day there; annualReport.ts decides exactly.
 */
export async function listDisclosuresOpenIn(ex: Executor, orgId: number, from: string, to: string): Promise<CaseRow[]> {
  const dayBefore = new Date(Date.parse(`${from}T00:00:00+08:00`) - 86_400_000);
  return ex
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.orgId, orgId),
        eq(cases.kind, 'disclosure'),
        lte(cases.receivedOn, to),
        or(gte(cases.repliedOn, from), and(isNull(cases.repliedOn), or(isNull(cases.closedAt), gte(cases.closedAt, dayBefore)))),
      ),
    )
    .orderBy(asc(cases.id));
}

/** 查询 and 疑义 received in [from, to] by the communities under `path`. */
export async function listQueriesReceivedIn(ex: Executor, path: string, from: string, to: string): Promise<CaseRow[]> {
  return ex
    .select()
    .from(cases)
    .where(and(like(cases.orgPath, `${path}%`), inArray(cases.kind, ['query', 'objection']), gte(cases.receivedOn, from), lte(cases.receivedOn, to)))
    .orderBy(asc(cases.id));
}

export async function insertCaseAttachment(ex: Executor, values: typeof caseAttachments.$inferInsert): Promise<CaseAttachmentRow> {
  const [row] = await ex.insert(caseAttachments).values(values).returning();
  return row!;
}

export async function listCaseAttachments(ex: Executor, caseId: number): Promise<CaseAttachmentRow[]> {
  return ex.select().from(caseAttachments).where(eq(caseAttachments.caseId, caseId)).orderBy(asc(caseAttachments.id));
}

export async function deleteCaseAttachment(ex: Executor, caseId: number, id: number): Promise<CaseAttachmentRow | null> {
  const [row] = await ex.delete(caseAttachments).where(and(eq(caseAttachments.caseId, caseId), eq(caseAttachments.id, id))).returning();
  return row ?? null;
}
