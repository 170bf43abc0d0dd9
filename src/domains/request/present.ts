import type { SessionUser } from '../../platform/principal.ts';
import { maskText } from '../record/index.ts';
import { seesContact } from './policy.ts';
import type { CaseRow, StepRow } from './repository.ts';
import { KIND_LABELS, OUTCOMES, REPLY_KINDS, STATE_LABELS } from './types.ts';

/*
 * What each audience sees of a case. The public views are built field by field from the row
 * and never carry the applicant's name, phone, address or the request's own text (a resident
 * may write personal matters into it): only kind, state, dates and the public trail.
 */

export interface PublicStep {
  onDay: string;
  note: string;
}

export interface TrackingView {
  trackingCode: string;
  kindLabel: string;
  stateLabel: string;
  receivedOn: string;
  dueOn: string | null;
  extendedDueOn: string | null;
  extended: boolean;
  repliedOn: string | null;
  replyLabel: string | null;
  recordTitle: string | null;
  steps: PublicStep[];
  /** How many files went with the reply: no names, no link (this page is public by code, and a file name may carry a person's name). */
  fileCount?: number;
}

export function trackingView(row: CaseRow, steps: StepRow[]): TrackingView {
  return {
    trackingCode: row.trackingCode,
    kindLabel: KIND_LABELS[row.kind],
    stateLabel: STATE_LABELS[row.state],
    receivedOn: row.receivedOn,
    dueOn: row.dueOn,
    extendedDueOn: row.extended ? row.extendedDueOn : null,
    extended: row.extended,
    repliedOn: row.repliedOn,
    replyLabel: row.replyKind ? REPLY_KINDS[row.replyKind].label : row.outcome ? OUTCOMES[row.outcome] : null,
    recordTitle: row.recordTitle,
    steps: steps.filter((s) => s.caseId === row.id).map((s) => ({ onDay: s.onDay, note: s.note })),
  };
}

/** One 疑义 on a record's public trail: 疑义 → 答复 (维持/更正/撤回), with the answer's text masked. */
export interface ObjectionTrail {
  receivedOn: string;
  stateLabel: string;
  outcome: string | null;
  repliedOn: string | null;
  answer: string | null;
  steps: PublicStep[];
}

export function objectionTrail(row: CaseRow, steps: StepRow[]): ObjectionTrail {
  return {
    receivedOn: row.receivedOn,
    stateLabel: STATE_LABELS[row.state],
    outcome: row.outcome ? OUTCOMES[row.outcome] : null,
    repliedOn: row.repliedOn,
    answer: row.replyText ? publicAnswer(row) : null,
    steps: steps.filter((s) => s.caseId === row.id).map((s) => ({ onDay: s.onDay, note: s.note })),
  };
}

/** The answer as the public reads it: personal numbers masked, the applicant's name and phone removed. */
function publicAnswer(row: CaseRow): string {
  let text = maskText(row.replyText ?? '').text;
  for (const secret of [row.applicantName, row.applicantPhone]) {
    if (secret && secret.length >= 2) text = text.split(secret).join(maskName(secret));
  }
  return text;
}

export function maskName(name: string): string {
  return name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 3))}`;
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export interface StaffContact {
  name: string;
  phone: string;
  contact: string;
  masked: boolean;
}

/** The applicant as a staff member sees them: in full for the handler, masked for everyone else. */
export function staffContact(user: SessionUser, row: CaseRow): StaffContact {
  if (row.anonymous) return { name: '匿名', phone: '—', contact: '—', masked: false };
  const full = seesContact(user, row);
  return {
    name: full ? (row.applicantName ?? '') : maskName(row.applicantName ?? ''),
    phone: full ? (row.applicantPhone ?? '') : maskPhone(row.applicantPhone ?? ''),
    contact: full ? (row.applicantContact ?? '') : row.applicantContact ? '（仅承办人可见）' : '',
    masked: !full,
  };
}
