import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { appendAudit } from '../../platform/audit/index.ts';
import { ValidationError } from '../../platform/errors.ts';
import { complianceNow, SYSTEM_ACTOR, type ComplianceNow } from './context.ts';
import { publicityEndOf } from './deadlines.ts';
import * as repo from './repository.ts';
import { beijingDate, chineseDate } from '../../platform/time.ts';

/*
 * What the record domain tells compliance. Both run inside the record domain's transaction, so
 * the disclosure, the obligation's fulfilment and their audit entries commit with the record.
 */

export interface RecordPublishedInput {
  orgId: number;
  districtCode: string;
  itemId: number;
  itemKey: string;
  recordId: string | number;
  publishedAt: Date;
  /** The obligation the editor chose (listOpenObligations); omitted: the earliest open one of the item. */
  obligationId?: number | null;
  /** The record domain's own 公示 end date; omitted: computed from the item's publicity rule. */
  publicityEndsOn?: string | null;
}

export interface PublishedOutcome {
  /** Obligations this publication fulfilled (the chosen or matched one, and the standing one). */
  fulfilled: number[];
  publicityEndsOn: string | null;
}

async function chosenObligation(tx: Executor, input: RecordPublishedInput, publishedOn: string): Promise<repo.ObligationRow | null> {
  if (input.obligationId != null) {
    const row = await repo.lockObligation(tx, input.obligationId);
    if (!row || row.orgId !== input.orgId || row.itemKey !== input.itemKey) throw new ValidationError('所选的公开义务不属于该社区的这个公开事项。');
    return row.waivedAt || row.fulfilledOn ? null : row;
  }
  const open = await repo.listOpen(tx, input.orgId, input.itemKey);
  return open.find((r) => r.kind !== 'standing' && r.anchorOn <= publishedOn) ?? null;
}

async function fulfil(tx: Executor, now: ComplianceNow, row: repo.ObligationRow, input: RecordPublishedInput, publicityEndsOn: string | null): Promise<void> {
  const publishedOn = beijingDate(input.publishedAt);
  const recordId = String(input.recordId);
  await repo.updateObligation(tx, row.id, { fulfilledRecordId: recordId, fulfilledOn: publishedOn, fulfilledAt: input.publishedAt, publicityEndsOn, reopenedNote: null });
  const onTime = row.dueOn == null || publishedOn <= row.dueOn;
  const data = { record: recordId, item: row.itemKey, dueOn: row.dueOn, publishedOn, onTime };
  await appendAudit(tx, SYSTEM_ACTOR, { action: 'compliance.fulfil', subjectType: 'compliance_obligation', subjectId: row.id, districtCode: row.districtCode, data }, now.now);
}

/** A record was published (or a new version of it: then only its version count changes). */
export async function recordPublished(tx: Executor, deps: Deps, input: RecordPublishedInput): Promise<PublishedOutcome> {
  const recordId = String(input.recordId);
  const existing = await repo.findDisclosure(tx, recordId);
  if (existing && !existing.withdrawnAt) {
    const ends = input.publicityEndsOn === undefined ? existing.publicityEndsOn : input.publicityEndsOn;
    await repo.updateDisclosure(tx, recordId, { versions: existing.versions + 1, correctedAt: input.publishedAt, publicityEndsOn: ends });
    return { fulfilled: [], publicityEndsOn: ends };
  }
  const now = await complianceNow(deps, input.districtCode, tx);
  const publishedOn = beijingDate(input.publishedAt);
  const chosen = await chosenObligation(tx, input, publishedOn);
  const standing = (await repo.listOpen(tx, input.orgId, input.itemKey)).find((r) => r.kind === 'standing') ?? null;
  const basis = (chosen ?? standing)?.basis;
  const publicityEndsOn = input.publicityEndsOn !== undefined ? input.publicityEndsOn : basis ? publicityEndOf(now.cal, basis, publishedOn) : null;
  const fulfilled: number[] = [];
  for (const row of [chosen, standing]) {
    if (!row || fulfilled.includes(row.id)) continue;
    await fulfil(tx, now, row, input, row === chosen ? publicityEndsOn : null);
    fulfilled.push(row.id);
  }
  const values = { districtCode: input.districtCode, orgId: input.orgId, itemKey: input.itemKey, itemId: input.itemId, obligationId: chosen?.id ?? standing?.id ?? null, publishedAt: input.publishedAt, publishedOn, publicityEndsOn };
  if (existing) await repo.updateDisclosure(tx, recordId, { ...values, withdrawnAt: null, versions: existing.versions + 1 });
  else await repo.insertDisclosure(tx, { recordId, ...values });
  return { fulfilled, publicityEndsOn };
}

async function reopen(tx: Executor, now: ComplianceNow, row: repo.ObligationRow, note: string, recordId: string): Promise<void> {
  await repo.updateObligation(tx, row.id, { fulfilledRecordId: null, fulfilledOn: null, fulfilledAt: null, publicityEndsOn: null, reopenedNote: note });
  await appendAudit(tx, SYSTEM_ACTOR, { action: 'compliance.reopen', subjectType: 'compliance_obligation', subjectId: row.id, districtCode: row.districtCode, data: { record: recordId, note } }, now.now);
}

/**
 * A record was withdrawn. A standing item falls back on another current record or reopens; a
 * 公示 taken down before its period ended reopens; otherwise the disclosure has served its time.
 */
export async function recordWithdrawn(tx: Executor, deps: Deps, input: { recordId: string | number; at: Date }): Promise<{ reopened: number[] }> {
  const recordId = String(input.recordId);
  const disclosure = await repo.findDisclosure(tx, recordId);
  if (!disclosure || disclosure.withdrawnAt) return { reopened: [] };
  await repo.updateDisclosure(tx, recordId, { withdrawnAt: input.at });
  const now = await complianceNow(deps, disclosure.districtCode, tx);
  const withdrawnOn = beijingDate(input.at);
  const reopened: number[] = [];
  for (const row of await repo.listObligationsFulfilledBy(tx, recordId)) {
    if (row.kind === 'standing') {
      const other = (await repo.currentDisclosures(tx, row.orgId, row.itemKey)).find((d) => d.recordId !== recordId);
      if (other) {
        await repo.updateObligation(tx, row.id, { fulfilledRecordId: other.recordId });
        continue;
      }
      await reopen(tx, now, row, `${chineseDate(withdrawnOn)}撤下了公开内容；长期公开事项须始终保持有效内容，请重新公开。`, recordId);
      reopened.push(row.id);
    } else if (row.publicityEndsOn && withdrawnOn <= row.publicityEndsOn) {
      await reopen(tx, now, row, `公示期应至${chineseDate(row.publicityEndsOn)}，但${chineseDate(withdrawnOn)}即已撤下，请重新公示。`, recordId);
      reopened.push(row.id);
    }
  }
  return { reopened };
}
