import type { CaseRow } from './repository.ts';

/** What a step sees and returns; its own file so step helpers (volume.ts) need not import steps.ts. */
export interface StepContext {
  today: string;
  row: CaseRow;
  actor: { id: number; name: string };
  /** The applicant's 依申请公开 requests this calendar month up to this one (按件计收). */
  monthCount: number;
}

export interface StepResult {
  changes: Partial<CaseRow>;
  note: string;
  /** The day the step happened (a letter's date may be earlier than today). */
  onDay?: string;
  recompute?: boolean;
}
