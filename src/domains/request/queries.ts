import type { Deps } from '../../platform/context.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { SessionUser } from '../../platform/principal.ts';
import { assertCanHandle } from './policy.ts';
import { objectionTrail, trackingView, type ObjectionTrail, type TrackingView } from './present.ts';
import * as repo from './repository.ts';
import { caseFileNames } from './caseFiles.ts';

const CODE = /^[2-9A-HJ-NP-Z]{10}$/;

/** /q/<code>: state and dates of a case, nothing personal. An unknown code is just not found. */
export async function trackCase(deps: Deps, code: string): Promise<TrackingView> {
  const normalised = code.trim().toUpperCase();
  const row = CODE.test(normalised) ? await repo.findByTracking(deps.db.orm, normalised) : null;
  if (!row) throw new NotFoundError('没有找到这个查询码对应的申请，请核对后重新输入。');
  return { ...trackingView(row, await repo.listSteps(deps.db.orm, [row.id])), fileCount: (await caseFileNames(deps, row.id)).length };
}

/** A resident's own cases, newest first, for their 我的 page: the tracking view and what they asked about. */
export async function casesOfResident(deps: Deps, user: SessionUser): Promise<(TrackingView & { subject: string })[]> {
  if (user.role !== 'resident') return [];
  const rows = await repo.listCasesOfResident(deps.db.orm, user.id);
  return rows.map((row) => ({ ...trackingView(row, []), subject: row.subject }));
}

/** The 疑义 raised against a record and what became of them, for the record's public trail. */
export async function recordObjections(deps: Deps, recordId: string): Promise<ObjectionTrail[]> {
  const rows = await repo.listCasesOfRecord(deps.db.orm, recordId);
  const steps = await repo.listSteps(deps.db.orm, rows.map((r) => r.id));
  return rows.map((r) => objectionTrail(r, steps));
}

/** The staff queue: every case of the user's subtree, open ones first by due date. */
export async function caseQueue(deps: Deps, user: SessionUser): Promise<repo.CaseRow[]> {
  return repo.listCasesUnder(deps.db.orm, user.orgPath);
}

/** One case with its trail, for a staff member allowed to handle it. */
export async function caseForStaff(deps: Deps, user: SessionUser, id: number): Promise<{ row: repo.CaseRow; steps: repo.StepRow[] }> {
  const row = await repo.findCase(deps.db.orm, id);
  if (!row) throw new NotFoundError('没有找到这件申请。');
  assertCanHandle(user, row);
  return { row, steps: await repo.listSteps(deps.db.orm, [row.id]) };
}
