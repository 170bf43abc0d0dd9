import type { Deps } from '../../platform/context.ts';
import type { OrgRow, SessionUser } from '../org/index.ts';
import { presentAll } from './readRecords.ts';
import type { PublicRecordView } from './publicView.ts';
import * as repo from './repository.ts';
import { expandQuery, normaliseForSearch } from './synonyms.ts';
import { beijingDate } from '../../platform/time.ts';

export const SEARCH_PAGE_SIZE = 20;
/** Page links stop here: nobody reads page 50, and a deep OFFSET costs what it skips. */
export const SEARCH_MAX_PAGE = 50;

interface SearchResult {
  terms: string[];
  records: PublicRecordView[];
  page: number;
  /** Whether a next page exists (one row more than a page is asked for, no count). */
  hasMore: boolean;
}

/**
 * Searches what this viewer may read in a community, street or district: the words and their
 * synonyms in one indexed query over record_search (see repository.searchPublished), one page
 * at a time. Terms come back for highlighting.
 */
export async function searchRecords(deps: Deps, scope: Pick<OrgRow, 'path'>, query: string, viewer: SessionUser | null, page = 1): Promise<SearchResult> {
  const terms = expandQuery(query.slice(0, 50));
  const at = Math.min(Math.max(1, Math.trunc(page)), SEARCH_MAX_PAGE);
  if (terms.length === 0) return { terms, records: [], page: at, hasMore: false };
  const now = deps.clock.now();
  const rows = await repo.searchPublished(deps.db.orm, {
    path: scope.path,
    terms: [...new Set(terms.map(normaliseForSearch))],
    now,
    today: beijingDate(now),
    residentOrgIds: viewer ? [viewer.orgId] : [],
    limit: SEARCH_PAGE_SIZE + 1,
    offset: (at - 1) * SEARCH_PAGE_SIZE,
  });
  const hasMore = rows.length > SEARCH_PAGE_SIZE && at < SEARCH_MAX_PAGE;
  return { terms, records: await presentAll(deps, rows.slice(0, SEARCH_PAGE_SIZE), viewer), page: at, hasMore };
}
