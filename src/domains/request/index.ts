// Public surface of the request domain (依申请公开 and 疑义); later floors import from here only.
export { requestClock, mergePauses, REPLY_WORKDAYS, EXTENSION_WORKDAYS, CORRECTION_NOTICE_WORKDAYS } from './clock.ts';
export type { Pause, RequestClock, RequestClockInput } from './clock.ts';
