// Public surface of the request domain (依申请公开 and 疑义); later floors import from here only.
export { requestClock, mergePauses, REPLY_WORKDAYS, EXTENSION_WORKDAYS, CORRECTION_NOTICE_WORKDAYS } from './clock.ts';
export type { Pause, RequestClock, RequestClockInput } from './clock.ts';
export { submitCase, newTrackingCode, type SubmitTarget } from './submitCase.ts';
export { handleCase } from './handleCase.ts';
export { STEPS, stepsFor, type StepName } from './steps.ts';
export { trackCase, recordObjections, caseQueue, caseForStaff, casesOfResident } from './queries.ts';
export { setQuerySetting, querySettingFor, QUERY_PRESETS, type QueryPreset } from './settings.ts';
export { perItemFee, perVolumeFee, CHARGE_BASIS } from './charges.ts';
export { issueFormToken, checkFormToken } from './formToken.ts';
export { KIND_LABELS, STATE_LABELS, REPLY_KINDS, OUTCOMES, DEFAULT_QUERY_CLOCK } from './types.ts';
export type { CaseKind, CaseState, ReplyKind, Outcome, QueryClockSetting } from './types.ts';
export type { TrackingView, ObjectionTrail, StaffContact } from './present.ts';
export { runRequestDaily, type RequestDailyRun } from './dailyRun.ts';
export { loadRequestDemo } from './demo.ts';
export { requestTodos } from './todos.ts';
export { annualReport, annualReportJson, type AnnualReport } from './annualReport.ts';
export { yearSummary, type YearSummary } from './communitySummary.ts';
export { annualReportXlsx } from './reportExport.ts';
