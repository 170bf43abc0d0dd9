import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import * as compliance from '../compliance/index.ts';

/**
 * The one place the record domain talks to the compliance domain. Publication and withdrawal
 * are reported inside the record's own transaction, so an obligation's status and the record
 * it points to change (or roll back) together.
 */
interface PublishedEvent {
  orgId: number;
  districtCode: string;
  itemId: number;
  itemKey: string;
  recordId: number;
  publishedAt: Date;
  obligationId?: string;
  /** null: this record is not a 公示 (the editor said so, or the item has no publicity rule). */
  publicityEndsOn?: string | null;
}

/** What the editor needs to know about the obligation a record is for. */
export interface OpenObligation {
  id: string;
  itemKey: string;
  itemId: number;
  label: string;
  dueOn: string | null;
}

/** Every publication, corrections included (compliance counts versions; the first date stays). */
export async function recordPublished(tx: Executor, deps: Deps, event: PublishedEvent): Promise<void> {
  await compliance.recordPublished(tx, deps, {
    ...event,
    obligationId: event.obligationId ? Number(event.obligationId) : undefined,
  });
}

export async function recordWithdrawn(tx: Executor, deps: Deps, event: { recordId: number; at: Date }): Promise<void> {
  await compliance.recordWithdrawn(tx, deps, event);
}

/** An open obligation of this community by id (the dashboard's “publish now” link), else null. */
export async function findOpenObligation(deps: Deps, orgId: number, id: string): Promise<OpenObligation | null> {
  if (!/^\d{1,15}$/.test(id)) return null;
  const found = await compliance.findOpenObligation(deps, Number(id));
  if (!found || found.orgId !== orgId) return null;
  return { id: String(found.id), itemKey: found.itemKey, itemId: found.itemId, label: found.label, dueOn: found.dueOn };
}
