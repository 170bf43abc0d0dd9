import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db.ts';
import { caseDuties } from './schema.ts';

/* All SQL of case duties: what compliance counts of residents' requests, 查询 and 疑义. */

export type CaseDutyRow = typeof caseDuties.$inferSelect;

export async function upsertCaseDuty(ex: Executor, values: typeof caseDuties.$inferInsert): Promise<void> {
  const { caseId: _key, ...set } = values;
  await ex.insert(caseDuties).values(values).onConflictDoUpdate({ target: caseDuties.caseId, set });
}

/** Per organisation of a subtree: the cases it had to answer, how many late, how many still open past their date. */
export interface CaseFigureRow {
  orgId: number;
  orgPath: string;
  total: number;
  late: number;
  overdue: number;
}

/**
 * The same scope as the obligations' (summary.ts): cases dated (due, or received while there is
 * no due date) in [from, to], plus earlier ones still unanswered. Late: answered after the due
 * date; overdue: unanswered and the due date has passed. 逾期不补正 (dropped) counts nowhere.
 */
export async function caseFigures(ex: Executor, path: string, from: string, to: string, today: string): Promise<CaseFigureRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    ex,
    sql`select d.org_id::int as "orgId", max(d.org_path) as "orgPath", count(*)::int as total,
        count(*) filter (where d.answered_on is not null and d.due_on is not null and d.answered_on > d.due_on)::int as late,
        count(*) filter (where d.answered_on is null and d.due_on is not null and d.due_on < ${today})::int as overdue
      from ${caseDuties} d
      where d.org_path like ${`${path}%`} and not d.dropped
        and (d.ref_on between ${from} and ${to} or (d.ref_on < ${from} and d.answered_on is null))
      group by d.org_id`,
  );
  return rows.map((r) => ({ orgId: Number(r.orgId), orgPath: String(r.orgPath), total: Number(r.total), late: Number(r.late), overdue: Number(r.overdue) }));
}
