import type { Deps } from '../../platform/context.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { runRequestDaily } from './dailyRun.ts';

export const REQUEST_DAILY_JOB = 'request-daily';

/** Once a day at the reminder hour (and at start-up, to catch up): escalate overdue 查询 and 疑义. */
export function requestJobs(deps: Deps): JobDefinition[] {
  return [{ name: REQUEST_DAILY_JOB, cron: `5 ${deps.config.reminderHour} * * *`, tz: 'Asia/Shanghai', runAtStart: true, handler: () => runRequestDaily(deps) }];
}
