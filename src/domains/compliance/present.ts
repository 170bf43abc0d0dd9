import { periodOfKey } from './periods.ts';
import { EVENT_KINDS, type EventKind } from './registerEvent.ts';
import type { EventRow, ObligationRow } from './repository.ts';
import { isOpen, STATUS_LABELS } from './status.ts';
import type { OrderRow } from './supervisionRepository.ts';
import type { Status } from './types.ts';
import { chineseDate, chineseDateTime } from '../../platform/time.ts';

/*
 * What staff see of an obligation and an order. Obligations are staff-only (the portal shows
 * records, not compliance), so nothing here is masked; everything is already in Chinese.
 */

export interface ObligationView {
  id: number;
  itemName: string;
  itemKey: string;
  /** 长期公开 / 2026年第3季度 / 信息形成（2026年9月28日） */
  occasion: string;
  /** The date the obligation is filed under (due date, else its start): before the period shown = 往期未结. */
  refOn: string;
  eventNote: string | null;
  status: Status;
  statusLabel: string;
  dueText: string;
  explanation: string;
  movedNote: string | null;
  reopenedNote: string | null;
  doneText: string | null;
  waivedText: string | null;
  open: boolean;
  /** Where the records domain lets an editor publish against this obligation. */
  publishLink: string;
  /** The record that fulfilled it (the records domain's id), for channel evidence. */
  recordId: string | null;
  /** Filled by the route from the channel domain: proof of posting per required channel. */
  evidence?: { covered: number; required: number; complete: boolean } | null;
}

const DUE_TEXT = { pending: '时限待定', unknown_year: '期限暂无法计算', none: '无明确期限' } as const;

function occasionOf(row: ObligationRow, event: EventRow | undefined): string {
  if (row.kind === 'standing') return '长期公开';
  if (row.kind === 'periodic' && row.periodKey) return periodOfKey(row.periodKey).label;
  const kind = event ? (EVENT_KINDS[event.kind as EventKind] ?? '事项发生') : '事项发生';
  return `${kind}（${chineseDate(row.anchorOn)}）`;
}

function doneText(row: ObligationRow, status: Status): string | null {
  if (!row.fulfilledOn) return null;
  const when = `${chineseDate(row.fulfilledOn)}公开${status === 'done_late' ? '（晚于期限）' : ''}`;
  return row.publicityEndsOn ? `${when}，公示期至${chineseDate(row.publicityEndsOn)}` : when;
}

export function presentObligation(row: ObligationRow, status: Status, event?: EventRow): ObligationView {
  return {
    id: row.id,
    itemName: row.itemName,
    itemKey: row.itemKey,
    occasion: occasionOf(row, event),
    refOn: row.refOn,
    eventNote: event?.note || null,
    status,
    statusLabel: STATUS_LABELS[status],
    dueText: row.dueOn ? chineseDate(row.dueOn) : DUE_TEXT[row.dueState === 'dated' ? 'none' : row.dueState],
    explanation: row.explanation,
    movedNote: row.movedNote,
    reopenedNote: row.reopenedNote,
    doneText: doneText(row, status),
    waivedText: row.waivedAt ? `${row.waivedBy ?? ''}于${chineseDateTime(row.waivedAt)}批准免除，理由：${row.waiverReason ?? ''}` : null,
    open: isOpen(status),
    publishLink: `/staff/records/new?obligation=${row.id}`,
    recordId: row.fulfilledRecordId,
  };
}

const ORDER_STATUS_LABELS = { open: '待整改', answered: '已答复，待审核', closed: '已办结' } as const;

export interface OrderView {
  id: number;
  statusLabel: string;
  status: OrderRow['status'];
  overdue: boolean;
  dueText: string;
  issuedText: string;
}

export function presentOrder(order: OrderRow, today: string): OrderView {
  return {
    id: order.id,
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    overdue: order.status === 'open' && order.dueOn != null && order.dueOn < today,
    dueText: order.dueOn ? chineseDate(order.dueOn) : '期限暂无法计算',
    issuedText: `${order.issuerOrgName} ${order.issuedByName}，${chineseDateTime(order.issuedAt)}`,
  };
}
