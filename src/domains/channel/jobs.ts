/** The push worker on pg-boss: every minute, new deliveries are made and due ones sent. */
import type { Deps } from '../../platform/context.ts';
import type { JobDefinition } from '../../platform/jobs.ts';
import { processDue } from './push/deliver.ts';
import { dispatchNew } from './push/dispatch.ts';
import { deliverGroupNotices } from './push/staffGroup.ts';
import { sendersFor, type Senders } from './mail/senders.ts';
import { recordSource, type RecordSource } from './source.ts';

export const PUSH_JOB = 'channel-push';
export const STAFF_GROUP_JOB = 'staff-group';

export async function runPushes(deps: Deps, source: RecordSource = recordSource, senders?: Senders): Promise<{ created: number; attempted: number }> {
  const own = senders ?? sendersFor(deps.config);
  try {
    const created = await dispatchNew(deps, source);
    const attempted = await processDue(deps, source, own);
    return { created, attempted };
  } finally {
    if (!senders) own.email?.close();
  }
}

export function channelJobs(deps: Deps): JobDefinition[] {
  return [
    { name: PUSH_JOB, cron: '* * * * *', tz: 'Asia/Shanghai', runAtStart: true, handler: () => runPushes(deps) },
    // Review steps and 督办 to the community's staff group, after the steps committed.
    { name: STAFF_GROUP_JOB, cron: '* * * * *', tz: 'Asia/Shanghai', handler: () => deliverGroupNotices(deps) },
  ];
}
