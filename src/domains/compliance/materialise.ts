import { describeRule } from '../catalog/index.ts';
import type { ComplianceNow } from './context.ts';
import { computeDue, fingerprint, planOf, type DueInput } from './deadlines.ts';
import type { NewObligation, ObligationRow } from './repository.ts';
import type { DueBasis, DueResult, DueTrace, ObligationKind } from './types.ts';
import { chineseDate } from '../../platform/time.ts';

/** What identifies an obligation before its due date is computed. */
export interface ObligationSeed {
  districtCode: string;
  orgId: number;
  item: { id: number; itemKey: string; name: string; seq: number };
  kind: ObligationKind;
  naturalKey: string;
  eventId?: number | null;
  periodKey?: string | null;
  anchorOn: string;
  basis: DueBasis;
}

function dueColumns(now: ComplianceNow, input: DueInput, due: DueResult) {
  return {
    dueState: due.state,
    dueOn: due.dueOn,
    refOn: due.dueOn ?? input.anchorOn,
    explanation: due.explanation,
    trace: due.trace,
    calendarVersion: now.calendarVersion,
    computedFrom: fingerprint(input, now.calendarVersion),
  };
}

/** A new obligation row with its due date and explanation. */
export function materialise(now: ComplianceNow, seed: ObligationSeed): NewObligation {
  const input: DueInput = { kind: seed.kind, basis: seed.basis, anchorOn: seed.anchorOn, periodKey: seed.periodKey ?? null };
  return {
    districtCode: seed.districtCode,
    orgId: seed.orgId,
    itemKey: seed.item.itemKey,
    itemId: seed.item.id,
    itemName: seed.item.name,
    itemSeq: seed.item.seq,
    kind: seed.kind,
    naturalKey: seed.naturalKey,
    eventId: seed.eventId ?? null,
    periodKey: seed.periodKey ?? null,
    anchorOn: seed.anchorOn,
    basis: seed.basis,
    ...dueColumns(now, input, computeDue(now.cal, input)),
    createdAt: now.now,
  };
}

interface Recomputed {
  values: Partial<NewObligation>;
  /** The due date (or whether there is one) changed. */
  moved: boolean;
  fromDue: string | null;
  toDue: string | null;
}

/** The row's due date computed again from `basis` (default: its own) and today's calendar. */
export function recompute(now: ComplianceNow, row: ObligationRow, basis: DueBasis = row.basis): Recomputed {
  const input: DueInput = { kind: row.kind, basis, anchorOn: row.anchorOn, periodKey: row.periodKey };
  const due = computeDue(now.cal, input);
  const moved = due.dueOn !== row.dueOn || due.state !== row.dueState;
  return { values: { basis, ...dueColumns(now, input, due) }, moved, fromDue: row.dueOn, toDue: due.dueOn };
}

const dueText = (iso: string | null) => (iso ? chineseDate(iso) : '“时限待定”');

function traceText(trace: DueTrace | null): string {
  if (!trace) return '当时无法计算';
  const parts = trace.holidays.map((h) => `${h.name}假期${chineseDate(h.from)}至${chineseDate(h.to)}`);
  parts.push(...trace.makeupDays.map((d) => `${chineseDate(d.date)}调休上班`));
  return parts.length > 0 ? parts.join('、') : '无节假日';
}

/** “工作日历已更正（原按…计算，更正后为…）” from the holidays the two calculations crossed. */
export function calendarReason(before: DueTrace | null, after: DueTrace | null): string {
  if (!before) return '所需年份的节假日安排已录入，期限可以计算了';
  if (!after) return '工作日历已更正，所需年份的节假日安排尚未录入';
  return `工作日历已更正（原计算涉及：${traceText(before)}；更正后涉及：${traceText(after)}）`;
}

const rulesText = (basis: DueBasis) =>
  basis.rules
    .filter((r) => r.kind !== 'override')
    .map((r) => (r.kind === 'prompt' && basis.promptDays != null ? `及时公开（按 ${basis.promptDays} 个工作日计算）` : describeRule(r)))
    .join('，') || '无';

/** “公开时限规则已修改（原为…，现为…）”. */
export function ruleReason(before: DueBasis, after: DueBasis): string {
  const wasPending = planOf(before.rules).prompt && before.promptDays == null && after.promptDays != null;
  if (wasPending) return `管理员已设定“及时公开”的天数（${after.promptDays} 个工作日）`;
  return `公开时限规则已修改（原为“${rulesText(before)}”，现为“${rulesText(after)}”）`;
}

/** The sentence shown beside a moved date. */
export function moveNote(fromDue: string | null, toDue: string | null, reason: string): string {
  return `应公开日期由${dueText(fromDue)}改为${dueText(toDue)}，原因：${reason}。`;
}
