import type { Deps } from '../../platform/context.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { createMailer } from '../../platform/mail.ts';
import { runDailyReminders, type ReminderRun } from './reminders.ts';
import { ensureCalendarCurrent } from './recomputeDueDates.ts';
import { syncUnder } from './syncObligations.ts';
import { deliverNoticeMail, type MailRun } from './noticeMail.ts';

export const DAILY_JOB = 'compliance-daily';
export const NOTICE_MAIL_JOB = 'notice-mail';

/** E-mail copies of notices, every minute, after the steps that made them have committed. */
export async function runNoticeMail(deps: Deps): Promise<MailRun> {
  const mailer = createMailer(deps.config);
  try {
    return await deliverNoticeMail(deps, mailer);
  } finally {
    mailer?.close();
  }
}

/**
 * The daily run: recompute due dates after calendar corrections, bring every community's
 * obligations in line with its catalog, then send reminders. At start-up it catches up: the
 * sync always, the reminders only when today's reminder hour has passed (a repeat is harmless).
 */
async function dailyRun(deps: Deps, opts: { startup?: boolean; signal?: AbortSignal } = {}): Promise<ReminderRun | null> {
  await ensureCalendarCurrent(deps);
  await syncUnder(deps, '/', { onlyStale: true, signal: opts.signal });
  const beijingHour = (deps.clock.now().getUTCHours() + 8) % 24;
  if (opts.startup && beijingHour < deps.config.reminderHour) return null;
  const mailer = createMailer(deps.config);
  try {
    return await runDailyReminders(deps, mailer);
  } finally {
    mailer?.close();
  }
}

export function complianceJobs(deps: Deps): JobDefinition[] {
  return [
    {
      name: DAILY_JOB,
      cron: `0 ${deps.config.reminderHour} * * *`,
      tz: 'Asia/Shanghai',
      runAtStart: true,
      handler: (data, signal) => dailyRun(deps, { startup: data.startup === true, signal }),
    },
    { name: NOTICE_MAIL_JOB, cron: '* * * * *', tz: 'Asia/Shanghai', handler: () => runNoticeMail(deps) },
  ];
}
