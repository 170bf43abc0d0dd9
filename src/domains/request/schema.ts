import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ApplicantType, CaseKind, CaseState, Charge, Outcome, Pause, ReplyKind, VolumeMeasure } from './types.ts';

/**
 * A resident's 依申请公开 request, 查询 or 疑义. The applicant's contact details live here and
 * nowhere else; public surfaces read only the tracking view (present.ts), which never has them.
 * The clock fields are recomputed from received/corrected/pauses whenever one of them changes.
 */
export const cases = pgTable(
  'request_cases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    orgId: bigint('org_id', { mode: 'number' }).notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').$type<CaseKind>().notNull(),
    trackingCode: text('tracking_code').notNull(),
    state: text('state').$type<CaseState>().notNull(),
    subject: text('subject').notNull(),
    details: text('details').notNull(),
    recordId: text('record_id'),
    recordTitle: text('record_title'),
    anonymous: boolean('anonymous').notNull().default(false),
    applicantName: text('applicant_name'),
    applicantPhone: text('applicant_phone'),
    applicantContact: text('applicant_contact'),
    /** 自然人 or the kind of 法人或其他组织: a column of the annual report's table 三. */
    applicantType: text('applicant_type').$type<ApplicantType>().notNull().default('person'),
    receivedOn: date('received_on').notNull(),
    correctionDeadline: date('correction_deadline'),
    correctedOn: date('corrected_on'),
    pauses: jsonb('pauses').$type<Pause[]>().notNull().default([]),
    openPauseFrom: date('open_pause_from'),
    extended: boolean('extended').notNull().default(false),
    dueOn: date('due_on'),
    extendedDueOn: date('extended_due_on'),
    dueExplanation: text('due_explanation').notNull(),
    assignedToId: bigint('assigned_to_id', { mode: 'number' }),
    assignedToName: text('assigned_to_name'),
    replyKind: text('reply_kind').$type<ReplyKind>(),
    /** The annual report's row for this reply (reportRows.ts), e.g. which 不予公开 reason. */
    replyReason: text('reply_reason'),
    outcome: text('outcome').$type<Outcome>(),
    replyText: text('reply_text'),
    repliedOn: date('replied_on'),
    /** 信息处理费 recorded with the reply (Art. 42, 国办函〔2020〕109号): pages, fee, basis. */
    charge: jsonb('charge').$type<Charge>(),
    /** Art. 35: the volume or frequency was unreasonable; reasons asked, or a later reply date set. */
    volume: jsonb('volume').$type<VolumeMeasure>(),
    /** The street's 督办 on a 查询/疑义 past its date or disputed (compliance order id); once per case. */
    orderId: bigint('order_id', { mode: 'number' }),
    /** The resident disputes the answer (recorded by staff): the daily job then orders the street's 督办. */
    disputedOn: date('disputed_on'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    /** The signed-in resident who sent it, so it is listed on their 我的 page; null for everyone else. */
    submittedBy: bigint('submitted_by', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('request_cases_tracking_uq').on(t.trackingCode),
    index('request_cases_submitted_by_idx').on(t.submittedBy),
    index('request_cases_org_idx').on(t.districtCode, t.orgPath, t.state),
    index('request_cases_record_idx').on(t.recordId),
  ],
);

/** Each step of a case, in order: what the tracking page and the record's trail show (no personal data). */
export const caseSteps = pgTable(
  'request_steps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    caseId: bigint('case_id', { mode: 'number' }).notNull(),
    action: text('action').notNull(),
    onDay: date('on_day').notNull(),
    note: text('note').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('request_steps_case_idx').on(t.caseId)],
);

/** The district's reply clock for 查询 and 疑义 (provincial rules differ), with its legal basis. */
export const querySettings = pgTable('request_query_settings', {
  districtCode: text('district_code').primaryKey(),
  days: integer('days').notNull(),
  unit: text('unit').$type<'calendar' | 'working'>().notNull(),
  basis: text('basis').notNull(),
  allowAnonymous: boolean('allow_anonymous').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * A file staff attach to a case's reply (the bytes live in platform storage by hash). Only staff
 * who handle the case download it; the applicant's tracking page and letter name it only. A file
 * whose scan found personal numbers is stored only after staff confirmed it may go to the
 * applicant (confirmedBy), since the applicant's own numbers are fine but a third party's are not.
 */
export const caseAttachments = pgTable(
  'request_attachments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    districtCode: text('district_code').notNull(),
    caseId: bigint('case_id', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    findings: jsonb('findings').$type<{ kind: string; masked: string }[]>().notNull(),
    confirmedBy: text('confirmed_by'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('request_attachments_case_idx').on(t.caseId)],
);
