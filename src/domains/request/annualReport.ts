import type { Deps } from '../../platform/context.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { SessionUser } from '../../platform/principal.ts';
import { beijingDate } from '../../platform/time.ts';
import { findOrganisation, listOrgsFlat, type OrgRow } from '../org/index.ts';
import { publishedBetween } from '../record/index.ts';
import { assertCanReport } from './policy.ts';
import * as repo from './repository.ts';
import { APPLICANT_TYPE_KEYS, feeOf, RESULT_ROWS, resultRowOf, type ResultKey } from './reportRows.ts';

/*
 * The 政府信息公开工作年度报告 of a street or district for one year (国办公开办函〔2021〕30号):
 * table 三 counted from the requests sent to that organisation, the year's charges, and the
 * 居务公开 records published under it. Every figure is a count of cases; the totals are sums of
 * the rows, so 上年结转 + 本年新收 = 办结 + 结转下年 holds by construction (and is tested).
 */

/** Seven figures: one per applicant type (自然人, 商业企业 … 其他), then 总计. */
export type Figures = number[];
const WIDTH = APPLICANT_TYPE_KEYS.length + 1;
const zeros = (): Figures => Array.from({ length: WIDTH }, () => 0);

export interface RequestTable {
  received: Figures;
  carriedIn: Figures;
  results: Record<ResultKey, Figures>;
  total: Figures;
  carriedOut: Figures;
}

export interface RequestFacts {
  table: RequestTable;
  /** Replies made after their due date (extended due date when extended). */
  late: number;
  /** Replies counted under （六）3 only because no reason was recorded with them. */
  withoutReason: number;
  fees: { yuan: number; requests: number };
}

export interface AnnualReport {
  org: Pick<OrgRow, 'code' | 'name' | 'kind'>;
  year: number;
  madeOn: string;
  requests: RequestFacts;
  published: { total: number; publicity: number; byOrg: { name: string; count: number }[] };
}

function add(f: Figures, col: number): void {
  f[col]! += 1;
  f[WIDTH - 1]! += 1;
}

/** The day a request stopped being handled: the reply, or the day it was closed as 逾期不补正. */
export function finishedOn(c: repo.CaseRow): string | null {
  if (c.repliedOn) return c.repliedOn;
  if (c.state === 'abandoned' && c.closedAt) return beijingDate(c.closedAt);
  return null;
}

function replyLate(c: repo.CaseRow): boolean {
  const due = c.extended ? c.extendedDueOn : c.dueOn;
  return Boolean(c.repliedOn && due && c.repliedOn > due);
}

/** Table 三 and the facts around it, from the requests open at some time in the year. */
export function tallyRequests(cases: repo.CaseRow[], year: number): RequestFacts {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const results = Object.fromEntries(RESULT_ROWS.map((r) => [r.key, zeros()])) as Record<ResultKey, Figures>;
  const table: RequestTable = { received: zeros(), carriedIn: zeros(), results, total: zeros(), carriedOut: zeros() };
  const facts: RequestFacts = { table, late: 0, withoutReason: 0, fees: { yuan: 0, requests: 0 } };
  for (const c of cases) {
    const done = finishedOn(c);
    if (c.receivedOn > to || (done !== null && done < from)) continue;
    const col = Math.max(0, APPLICANT_TYPE_KEYS.indexOf(c.applicantType));
    add(c.receivedOn >= from ? table.received : table.carriedIn, col);
    if (done === null || done > to) {
      add(table.carriedOut, col);
      continue;
    }
    const row = resultRowOf(c) ?? 'other_other';
    if (row === 'other_other' && c.replyKind) facts.withoutReason += 1;
    add(results[row]!, col);
    add(table.total, col);
    if (replyLate(c)) facts.late += 1;
    const fee = feeOf(c);
    if (fee > 0) {
      facts.fees.yuan += fee;
      facts.fees.requests += 1;
    }
  }
  return facts;
}

export function parseYear(value: unknown): number {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 2008 || year > 2100) throw new ValidationError('年份应为 2008 至 2100 之间的四位数字。');
  return year;
}

/** Records first published in the year under the organisation, as the staff member may read them. */
async function publishedIn(deps: Deps, user: SessionUser, org: OrgRow, year: number): Promise<AnnualReport['published']> {
  const period = { from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year + 1}-01-01T00:00:00+08:00`) };
  const views = await publishedBetween(deps, org, user, period);
  const names = new Map((await listOrgsFlat(deps, org.path)).map((o) => [o.code, o.name]));
  const counts = new Map<string, number>();
  for (const v of views) counts.set(v.communityCode, (counts.get(v.communityCode) ?? 0) + 1);
  const byOrg = [...counts].map(([code, count]) => ({ name: names.get(code) ?? code, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
  return { total: views.length, publicity: views.filter((v) => v.publicityEndsOn).length, byOrg };
}

/** The annual report of a street or district, for its own admins and the admins above it. */
export async function annualReport(deps: Deps, user: SessionUser, orgCode: string, yearInput: unknown): Promise<AnnualReport> {
  const year = parseYear(yearInput);
  const org = await findOrganisation(deps, orgCode);
  if (!org) throw new NotFoundError('没有找到这个组织。');
  if (org.kind === 'community') throw new ValidationError('政府信息公开工作年度报告由街道（乡镇）或区县编制；社区（村）请查看居务公开年度汇总。');
  assertCanReport(user, org);
  const cases = await repo.listDisclosuresOpenIn(deps.db.orm, org.id, `${year}-01-01`, `${year}-12-31`);
  return {
    org: { code: org.code, name: org.name, kind: org.kind },
    year,
    madeOn: beijingDate(deps.clock.now()),
    requests: tallyRequests(cases, year),
    published: await publishedIn(deps, user, org, year),
  };
}

/** The report command's JSON: figures keyed by applicant type (person … other, total). */
export function annualReportJson(r: AnnualReport) {
  const keyed = (f: Figures) => Object.fromEntries([...APPLICANT_TYPE_KEYS, 'total'].map((k, i) => [k, f[i] ?? 0]));
  const t = r.requests.table;
  return {
    org: r.org.code,
    year: r.year,
    received: keyed(t.received),
    carriedIn: keyed(t.carriedIn),
    results: Object.fromEntries(RESULT_ROWS.map((row) => [row.key, keyed(t.results[row.key]!)])),
    total: keyed(t.total),
    carriedOut: keyed(t.carriedOut),
    late: r.requests.late,
    fees: r.requests.fees,
    published: { total: r.published.total, publicity: r.published.publicity },
  };
}
