/**
 * Public surface of the channel domain (screens, printed sheets, feeds, pushes, subscriptions,
 * proof of posting); other domains import from here only.
 *
 * - channelRoutes(deps): register in the app (platform/http.ts).
 * - channelJobs(deps): the pg-boss push worker, every minute (platform/server.ts).
 * - evidenceForRecords(deps, viewer, ids): for dashboards — per record, which of the channels its
 *   item requires have proof of posting (staff photo/note, screen play log, robot delivery,
 *   subscriber mail); `complete` is true only when every required channel has some. `ids` may be
 *   public ids ('k7d2m9q4') or the record domain's numeric ids (as compliance keeps them).
 */
import type { Deps } from '../../platform/context.ts';
import type { SessionUser } from '../org/repository.ts';
import { loadRecord } from '../record/access.ts';
import { evidenceFor, type RecordEvidence } from './evidence.ts';
import { recordSource } from './source.ts';

export { channelRoutes } from './routes.ts';
export { channelJobs, runPushes, PUSH_JOB } from './jobs.ts';
export { evidenceFor, type RecordEvidence, type ChannelEvidence, type Evidence } from './evidence.ts';

export async function evidenceForRecords(deps: Deps, viewer: SessionUser, ids: (string | number)[]): Promise<Map<string, RecordEvidence>> {
  const views: { key: string; id: string; requiredChannels: string[] }[] = [];
  for (const raw of ids) {
    const key = String(raw);
    const publicId = /^\d+$/.test(key) ? (await loadRecord(deps, Number(key)).catch(() => null))?.publicId : key;
    const found = publicId ? await recordSource.find(deps, publicId, viewer) : null;
    if (found?.kind === 'ok') views.push({ key, id: found.view.id, requiredChannels: found.view.requiredChannels });
  }
  const evidence = await evidenceFor(deps, views);
  return new Map(views.map((v) => [v.key, evidence.get(v.id)!]));
}
