import type { Deps } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import { appendAudit, type AuditActor } from '../../platform/audit/index.ts';
import { CalendarUnknownError } from '../calendar/index.ts';
import { complianceNow, districtCodes, SYSTEM_ACTOR, type ComplianceNow } from './context.ts';
import { calendarReason, moveNote, recompute } from './materialise.ts';
import * as repo from './repository.ts';
import * as orders from './supervisionRepository.ts';
import { beijingDate } from '../../platform/time.ts';

/*
 * When an admin corrects the calendar or enters a new year, every due date computed with the
 * older calendar is computed again; a date that moves keeps a note of why (the holidays the old
 * and the new calculation crossed). The calendar version last applied is kept in the database,
 * so any instance (or a CLI import while the server was down) triggers it at the next look.
 */

// Per district: each district's calendar has its own version.
const stateKey = (districtCode: string) => `calendar_version:${districtCode}`;
const BATCH = 2000;

interface RecomputeResult {
  checked: number;
  moved: number;
}

async function recomputeBatch(tx: Executor, now: ComplianceNow, rows: repo.ObligationRow[]): Promise<number> {
  let moved = 0;
  for (const row of rows) {
    const r = recompute(now, row);
    if (!r.moved) {
      await repo.updateObligation(tx, row.id, { calendarVersion: now.calendarVersion, computedFrom: r.values.computedFrom!, explanation: r.values.explanation!, trace: r.values.trace ?? null });
      continue;
    }
    const note = moveNote(r.fromDue, r.toDue, calendarReason(row.trace, r.values.trace ?? null));
    await repo.updateObligation(tx, row.id, { ...r.values, movedNote: note, movedAt: now.now });
    await repo.insertDueChange(tx, { districtCode: row.districtCode, obligationId: row.id, fromDue: r.fromDue, toDue: r.toDue, reason: note, at: now.now });
    moved++;
  }
  return moved;
}

/** Open 督办 orders keep their own working-day deadlines on the corrected calendar too. */
async function recomputeOrders(tx: Executor, now: ComplianceNow, districtCode: string): Promise<void> {
  for (const order of await orders.listOrdersUnder(tx, `/${districtCode}/`)) {
    if (order.status === 'closed') continue;
    const from = beijingDate(order.issuedAt);
    try {
      const r = now.cal.addWorkdays(from, order.workdays);
      if (r.due !== order.dueOn) await orders.updateOrder(tx, order.id, { dueOn: r.due, dueExplanation: r.explanation });
    } catch (err) {
      if (!(err instanceof CalendarUnknownError)) throw err;
    }
  }
}

/**
 * Recomputes what each district's current calendar changes (only `districtCode`'s when given);
 * cheap (one small query per district) when nothing changed.
 */
export async function ensureCalendarCurrent(deps: Deps, actor: AuditActor = SYSTEM_ACTOR, districtCode?: string): Promise<RecomputeResult> {
  const total = { checked: 0, moved: 0 };
  for (const district of districtCode ? [districtCode] : await districtCodes(deps)) {
    const r = await ensureDistrictCurrent(deps, actor, district);
    total.checked += r.checked;
    total.moved += r.moved;
  }
  return total;
}

async function ensureDistrictCurrent(deps: Deps, actor: AuditActor, districtCode: string): Promise<RecomputeResult> {
  const now = await complianceNow(deps, districtCode);
  const version = String(now.calendarVersion);
  if ((await repo.getState(deps.db.orm, stateKey(districtCode))) === version) return { checked: 0, moved: 0 };
  const result = { checked: 0, moved: 0 };
  let afterId = 0;
  for (;;) {
    const done = await deps.db.transaction(async (tx) => {
      await repo.lockRecompute(tx);
      const rows = await repo.listStaleForCalendar(tx, districtCode, now.calendarVersion, afterId, BATCH);
      if (rows.length === 0) return true;
      result.checked += rows.length;
      result.moved += await recomputeBatch(tx, now, rows);
      afterId = rows.at(-1)!.id;
      return false;
    });
    if (done) break;
  }
  await deps.db.transaction(async (tx) => {
    await repo.lockRecompute(tx);
    await recomputeOrders(tx, now, districtCode);
    await repo.setState(tx, stateKey(districtCode), version);
    // Bookkeeping alone (a fresh database, nothing computed yet) is not worth an audit entry.
    if (result.checked > 0) {
      await appendAudit(tx, actor, { action: 'compliance.recompute', subjectType: 'calendar', subjectId: version, districtCode, data: { reason: 'calendar', ...result } }, now.now);
    }
  });
  return result;
}
