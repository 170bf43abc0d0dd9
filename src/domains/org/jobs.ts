import type { Deps } from '../../platform/context.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { foldPublicSchedule } from './publicVersions.ts';

export const PUBLIC_SCHEDULE_JOB = 'public-schedule-fold';

/**
 * Hourly: scheduled publications (定时发布) gone live are folded into the version counters, so
 * the key read on every public request counts only the few not folded yet.
 */
export function orgJobs(deps: Deps): JobDefinition[] {
  return [{ name: PUBLIC_SCHEDULE_JOB, cron: '7 * * * *', tz: 'Asia/Shanghai', handler: () => foldPublicSchedule(deps) }];
}
