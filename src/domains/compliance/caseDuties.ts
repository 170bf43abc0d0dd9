import type { Executor } from '../../platform/db.ts';
import { upsertCaseDuty } from './caseDutyRepository.ts';
import type { CaseDutyKind } from './types.ts';

export interface CaseDutyInput {
  caseId: number;
  districtCode: string;
  orgId: number;
  orgPath: string;
  kind: CaseDutyKind;
  title: string;
  receivedOn: string;
  /** The date the answer is owed by (the extended one once extended); null while the calendar cannot tell. */
  dueOn: string | null;
  answeredOn: string | null;
  dropped: boolean;
}

/**
 * The request domain tells compliance, inside the transaction of every change to a case, when
 * its answer is due and when it came, so late answers count in the organisation's figures
 * (summary.ts) without compliance reading the request domain's tables.
 */
export async function caseDutyChanged(tx: Executor, input: CaseDutyInput, at: Date): Promise<void> {
  await upsertCaseDuty(tx, { ...input, refOn: input.dueOn ?? input.receivedOn, updatedAt: at });
}
