import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { SessionUser } from '../../platform/principal.ts';
import { beijingDate } from '../../platform/time.ts';
import { complianceStatus, publicCounts, type PublicCounts } from '../compliance/index.ts';
import { findOrganisation, type OrgRow } from '../org/index.ts';
import { parseYear } from './annualReport.ts';
import { assertCanReport } from './policy.ts';
import * as repo from './repository.ts';
import type { Outcome } from './types.ts';

/*
 * The yearly 居务公开 summary of each community: its obligations as compliance counts them
 * (summary.ts is the one definition: the year's obligations plus earlier ones still open), and
 * the 查询 and 疑义 it received in the year with what became of them.
 */

export interface CaseTally {
  queries: number;
  objections: number;
  outcomes: Record<Outcome, number>;
  /** Received in the year and not yet answered. */
  open: number;
  /** Answered after their due date. */
  answeredLate: number;
}

export interface CommunityLine {
  code: string;
  name: string;
  /** Obligations counted for the year; `due` = all of them but those not yet due. */
  obligations: PublicCounts & { due: number };
  cases: CaseTally;
}

export interface YearSummary {
  org: Pick<OrgRow, 'code' | 'name' | 'kind'>;
  year: number;
  madeOn: string;
  lines: CommunityLine[];
  total: CommunityLine;
}

const emptyCases = (): CaseTally => ({ queries: 0, objections: 0, outcomes: { uphold: 0, correct: 0, withdraw: 0 }, open: 0, answeredLate: 0 });

function countCase(t: CaseTally, c: repo.CaseRow): void {
  if (c.kind === 'query') t.queries += 1;
  else t.objections += 1;
  if (c.outcome) t.outcomes[c.outcome] += 1;
  if (!c.repliedOn) t.open += 1;
  else if (c.dueOn && c.repliedOn > c.dueOn) t.answeredLate += 1;
}

function withDue(counts: PublicCounts): CommunityLine['obligations'] {
  return { ...counts, due: counts.due_soon + counts.overdue + counts.on_time + counts.late };
}

function addLine(total: CommunityLine, line: CommunityLine): void {
  for (const k of Object.keys(total.obligations) as (keyof CommunityLine['obligations'])[]) total.obligations[k] += line.obligations[k];
  const t = total.cases;
  t.queries += line.cases.queries;
  t.objections += line.cases.objections;
  t.open += line.cases.open;
  t.answeredLate += line.cases.answeredLate;
  for (const o of Object.keys(t.outcomes) as Outcome[]) t.outcomes[o] += line.cases.outcomes[o];
}

/** The summary of one community, or of every community under a street or district, for a year. */
export async function yearSummary(deps: Deps, user: SessionUser, orgCode: string, yearInput: unknown): Promise<YearSummary> {
  const year = parseYear(yearInput);
  const org = await findOrganisation(deps, orgCode);
  if (!org) throw new NotFoundError('没有找到这个组织。');
  assertCanReport(user, org);
  const status = await complianceStatus(deps, user, org, String(year));
  const cases = await repo.listQueriesReceivedIn(deps.db.orm, org.path, `${year}-01-01`, `${year}-12-31`);
  const lines = status.communities.map(({ org: c, tally }): CommunityLine => {
    const tallyCases = emptyCases();
    for (const row of cases) if (row.orgId === c.id) countCase(tallyCases, row);
    return { code: c.code, name: c.name, obligations: withDue(publicCounts(tally.counts)), cases: tallyCases };
  });
  const total: CommunityLine = { code: org.code, name: '合计', obligations: withDue(publicCounts({})), cases: emptyCases() };
  for (const line of lines) addLine(total, line);
  return { org: { code: org.code, name: org.name, kind: org.kind }, year, madeOn: beijingDate(deps.clock.now()), lines, total };
}

/** The summary's columns, in order, for the page and the .xlsx. */
export const SUMMARY_COLUMNS: { head: string; value: (l: CommunityLine) => number }[] = [
  { head: '应公开（已到期）', value: (l) => l.obligations.due },
  { head: '按时公开', value: (l) => l.obligations.on_time },
  { head: '逾期公开', value: (l) => l.obligations.late },
  { head: '逾期未公开', value: (l) => l.obligations.overdue },
  { head: '即将到期', value: (l) => l.obligations.due_soon },
  { head: '未到期', value: (l) => l.obligations.not_due },
  { head: '查询', value: (l) => l.cases.queries },
  { head: '疑义', value: (l) => l.cases.objections },
  { head: '维持', value: (l) => l.cases.outcomes.uphold },
  { head: '更正', value: (l) => l.cases.outcomes.correct },
  { head: '撤回', value: (l) => l.cases.outcomes.withdraw },
  { head: '尚未答复', value: (l) => l.cases.open },
  { head: '逾期答复', value: (l) => l.cases.answeredLate },
];
