import type { Deps } from '../../platform/context.ts';
import { findOrganisationById } from '../org/index.ts';
import { complianceNow } from './context.ts';
import { presentObligation } from './present.ts';
import * as repo from './repository.ts';
import { statusOf, STATUS_LABELS } from './status.ts';
import { syncCommunity } from './syncObligations.ts';
import { STATUSES, type Status } from './types.ts';
import { chineseDate } from '../../platform/time.ts';

export interface OpenObligation {
  id: number;
  orgId: number;
  itemId: number;
  itemKey: string;
  itemName: string;
  dueOn: string | null;
  status: Status;
  /** “社会简介 · 信息形成（2026年9月28日） · 应于2026年10月30日前公开（已逾期）” */
  label: string;
  explanation: string;
}

function toOpen(row: repo.ObligationRow, status: Status, event?: repo.EventRow): OpenObligation {
  const view = presentObligation(row, status, event);
  const due = row.dueOn ? `应于${chineseDate(row.dueOn)}前公开` : view.dueText;
  return {
    id: row.id,
    orgId: row.orgId,
    itemId: row.itemId,
    itemKey: row.itemKey,
    itemName: row.itemName,
    dueOn: row.dueOn,
    status,
    label: `${row.itemName} · ${view.occasion} · ${due}（${STATUS_LABELS[status]}）`,
    explanation: row.explanation,
  };
}

/** A community's open obligations, overdue first, then by due date; synced first when stale. */
export async function listOpenObligations(deps: Deps, orgId: number): Promise<OpenObligation[]> {
  const org = await findOrganisationById(deps, orgId);
  if (!org) return [];
  const now = await complianceNow(deps, org.districtCode);
  const sync = await repo.findSync(deps.db.orm, orgId);
  if (!sync || sync.syncedOn !== now.today) {
    const org = await findOrganisationById(deps, orgId);
    if (org) await syncCommunity(deps, org, { now });
  }
  const rows = await repo.listOpen(deps.db.orm, orgId);
  const events = await repo.eventsByIds(deps.db.orm, rows.map((r) => r.eventId).filter((id): id is number => id != null));
  const open = rows.map((r) => toOpen(r, statusOf(r, now.day), r.eventId ? events.get(r.eventId) : undefined));
  return open.sort((a, b) => STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status));
}

/** One open obligation by id (e.g. from ?obligation=), or null when it is not open any more. */
export async function findOpenObligation(deps: Deps, id: number): Promise<OpenObligation | null> {
  const row = await repo.findObligation(deps.db.orm, id);
  if (!row) return null;
  const now = await complianceNow(deps, row.districtCode);
  const status = statusOf(row, now.day);
  if (row.waivedAt || row.fulfilledOn) return null;
  const event = row.eventId ? (await repo.eventsByIds(deps.db.orm, [row.eventId])).get(row.eventId) : undefined;
  return toOpen(row, status, event);
}
