/**
 * Evidence for dashboards of other domains: per record, which of the channels its item requires
 * have proof of posting. `ids` are the record domain's numeric ids (as compliance keeps them);
 * records the viewer may not see are left out. A fixed number of statements for any number of ids.
 */
import type { Deps } from '../../../platform/context.ts';
import type { SessionUser } from '../../org/index.ts';
import { recordChannels } from '../../record/index.ts';
import { evidenceFor, type RecordEvidence } from './evidence.ts';

export async function evidenceForRecords(deps: Deps, viewer: SessionUser, ids: (string | number)[]): Promise<Map<string, RecordEvidence>> {
  const numeric = [...new Set(ids.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0))];
  const records = await recordChannels(deps, viewer, numeric);
  const evidence = await evidenceFor(deps, [...records.values()].map((r) => ({ id: r.publicId, requiredChannels: r.requiredChannels })));
  return new Map([...records].map(([id, r]) => [String(id), evidence.get(r.publicId)!]));
}
