import type { Executor } from '../../platform/db.ts';
import { caseDutyChanged } from '../compliance/index.ts';
import type { CaseRow } from './repository.ts';
import { KIND_LABELS } from './types.ts';

/**
 * The date a case's answer is owed by: an Art. 35 deferral told to the applicant, else the
 * extended date once extended, else the due date (null while the calendar cannot tell).
 */
export function answerDueOf(row: Pick<CaseRow, 'dueOn' | 'extended' | 'extendedDueOn' | 'volume'>): string | null {
  if (row.volume?.deferTo) return row.volume.deferTo;
  return row.extended ? row.extendedDueOn : row.dueOn;
}

/** What the order list and the figures call a case: “疑义：2026年低保名单” (no applicant data). */
export function caseTitle(row: Pick<CaseRow, 'kind' | 'subject' | 'recordTitle'>): string {
  return `${KIND_LABELS[row.kind]}：${row.recordTitle ?? row.subject}`.slice(0, 120);
}

/**
 * Tells compliance the case's due and answer dates inside the transaction of the change, so a
 * late answer (or an open case past its date) counts in the organisation's figures at once.
 */
export async function tellCompliance(tx: Executor, row: CaseRow, at: Date): Promise<void> {
  await caseDutyChanged(
    tx,
    {
      caseId: row.id,
      districtCode: row.districtCode,
      orgId: row.orgId,
      orgPath: row.orgPath,
      kind: row.kind,
      title: caseTitle(row),
      receivedOn: row.receivedOn,
      dueOn: answerDueOf(row),
      answeredOn: row.repliedOn,
      dropped: row.state === 'abandoned',
    },
    at,
  );
}
