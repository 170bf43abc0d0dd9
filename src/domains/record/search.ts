import type { Deps } from '../../platform/context.ts';
import type { OrgRow, SessionUser } from '../org/index.ts';
import { presentAll } from './readRecords.ts';
import type { PublicRecordView } from './publicView.ts';
import * as repo from './repository.ts';
import { expandQuery } from './synonyms.ts';
import { beijingDate } from '../../platform/time.ts';

interface SearchResult {
  terms: string[];
  records: PublicRecordView[];
}

/**
 * Searches what this viewer may read in a community, street or district: pg_trgm over the
 * masked title and text, with the synonym list. Terms come back for highlighting.
 */
export async function searchRecords(deps: Deps, scope: Pick<OrgRow, "path">, query: string, viewer: SessionUser | null): Promise<SearchResult> {
  const terms = expandQuery(query.slice(0, 50));
  if (terms.length === 0) return { terms, records: [] };
  const now = deps.clock.now();
  const rows = await repo.searchPublished(deps.db.orm, {
    path: scope.path,
    terms,
    now,
    today: beijingDate(now),
    residentOrgIds: viewer ? [viewer.orgId] : [],
    limit: 50,
  });
  return { terms, records: await presentAll(deps, rows, viewer) };
}
