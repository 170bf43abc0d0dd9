/**
 * Evidence for dashboards of other domains: per record, which of the channels its item requires
 * have proof of posting. `ids` may be public ids ('k7d2m9q4') or the record domain's numeric ids
 * (as compliance keeps them); records the viewer may not see are left out.
 */
import type { Deps } from '../../../platform/context.ts';
import type { SessionUser } from '../../org/index.ts';
import { loadRecord } from '../../record/index.ts';
import { recordSource } from '../source.ts';
import { evidenceFor, type RecordEvidence } from './evidence.ts';

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
