/**
 * Public surface of the compliance domain; other domains import from here only.
 *
 * ## For the record domain
 *
 * Call these inside the transaction that publishes, corrects or withdraws the record, so the
 * disclosure, the obligation's status and their audit entries commit (or roll back) with it:
 *
 *   recordPublished(tx, deps, { orgId, districtCode, itemId, itemKey, recordId, publishedAt,
 *                               obligationId?, publicityEndsOn? })
 *     A record went public. Call it again with the same recordId for each corrected version
 *     (only the version count changes; the first publication date stays what counts).
 *     - obligationId: the obligation the editor picked (see listOpenObligations); it must belong
 *       to the same community and item (ValidationError otherwise). Omitted: the earliest-due
 *       open obligation of the item that started on or before the publication day, if any.
 *     - The item's standing (长期公开) obligation is fulfilled too whenever it is open.
 *     - publicityEndsOn ('YYYY-MM-DD'): the 公示 end you computed; omitted: computed here from the
 *       item's publicity rule. Returned either way, with the ids of the fulfilled obligations.
 *
 *   recordWithdrawn(tx, deps, { recordId, at })
 *     A record was withdrawn. A standing item falls back on another current record of the item
 *     or reopens (it must be public at all times); a 公示 withdrawn on or before its end date
 *     reopens; otherwise the obligation stays done. Returns the ids of reopened obligations.
 *
 *   listOpenObligations(deps, orgId) → OpenObligation[]
 *     The community's open obligations (overdue first, then by due date) with Chinese labels,
 *     for the editor to pick which one a record fulfils. The dashboards' “立即公开” link is
 *     /staff/records/new?obligation=<id>; read the id back with findOpenObligation(deps, id).
 *
 * recordId is whatever identifies a record in the record domain (string or number; kept as text).
 */
export { recordPublished, recordWithdrawn, type RecordPublishedInput, type PublishedOutcome } from './disclosures.ts';
export { listOpenObligations, findOpenObligation, type OpenObligation } from './openObligations.ts';
export { ensureCalendarCurrent } from './recomputeDueDates.ts';
export { syncUnder } from './syncObligations.ts';
export { STATUS_LABELS, cellText } from './status.ts';
export type { Status } from './types.ts';
export { loadComplianceDemo, loadSupervisionDemo, type DemoPublication } from './demo.ts';
export { registerEvent } from './registerEvent.ts';
export { findObligation } from './repository.ts';
export type { CompliancePorts } from './routes.ts';
// For the command line: the daily run and the street matrix.
export { runDailyReminders } from './reminders.ts';
export { streetMatrix, matrixJson } from './streetMatrix.ts';
export { complianceStatus, statusJson, publicCounts, type StatusReport, type PublicCounts } from './summary.ts';
export { districtRollup } from './districtRollup.ts';
export { exportMatrixXlsx } from './exportMatrix.ts';
// Notices of review steps and 督办 (in-app list, e-mail copy, staff group message): written in the
// step's transaction by `notify`; staffOn finds who holds a role on exactly one organisation.
export { notify, staffOn, type Notice, type Recipient, type Delivery } from './notifications.ts';
export { runNoticeMail, NOTICE_MAIL_JOB } from './jobs.ts';
export { claimGroupNotices, settleGroupNotice, listGroupNotices, type GroupNoticeRow } from './supervisionRepository.ts';
export { complianceTodos } from './todos.ts';
/*
 * ## For the request domain
 *
 *   caseDutyChanged(tx, input, at)   inside the transaction of every change to a case: its due
 *     date and answer date, so late answers count in the figures (summary.ts, 依申请/疑义 逾期).
 *   caseOrderContext(deps, orgId), then inside the case's transaction
 *   issueCaseOrder(tx, context, actor, { caseId, orgId, title, reason, dueOn })   the street's
 *     督办 on a 查询/疑义 past its date or disputed; one per case (a second call returns the first).
 */
export { caseDutyChanged, type CaseDutyInput } from './caseDuties.ts';
export { issueCaseOrder, caseOrderContext, CASE_ORDER_WORKDAYS, type CaseOrderInput, type CaseOrderContext } from './issueCaseOrder.ts';
export type { CaseTally } from './summary.ts';
// 督办 orders as the street and the community see and answer them (the routes use the same).
export { listOrdersFor, orderDetail } from './orderViews.ts';
export { answerOrder } from './reviewOrder.ts';
export { communityDashboard } from './communityDashboard.ts';
