import type { Deps } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validate.ts';
import type { SessionUser } from '../org/index.ts';
import { assertEditor } from './policy.ts';
import type { PublicRecordView } from './publicView.ts';
import { draftInput, tablesFromForm } from './saveDraft.ts';
import { previewOf, staffRecord, type StaffRecord } from './staffView.ts';

/**
 * What the public would see of the form as typed, without saving it: the live preview. The
 * same present.ts builds it as builds the public page, so the masking shown is the real one.
 */
export async function previewDraft(deps: Deps, user: SessionUser, recordId: number, form: Record<string, unknown>): Promise<{ data: StaffRecord; view: PublicRecordView | null; error?: string }> {
  const data = await staffRecord(deps, user, recordId);
  assertEditor(user, data.record);
  const open = data.open;
  if (!open) return { data, view: data.preview };
  try {
    const input = parseInput(draftInput, form);
    const typed = { ...open, title: input.title, bodyMd: input.bodyMd, tables: tablesFromForm(form, open.tables), informationFormedOn: input.informationFormedOn, periodFrom: input.periodFrom, periodTo: input.periodTo };
    return { data, view: previewOf(data.record, typed, data.versions, data.attachments, data.org, data.item, deps.clock.now()) };
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500) return { data, view: data.preview, error: err.message };
    throw err;
  }
}
