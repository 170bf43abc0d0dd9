import type { Deps } from '../../platform/context.ts';
import type { OrgRow, SessionUser } from '../org/index.ts';
import { presentHits } from './readRecords.ts';
import type { PublicSearchHit } from './publicView.ts';
import { publishedByIds } from './publishedRepository.ts';
import { searchHits } from './searchRepository.ts';
import { expandQuery, normaliseForSearch } from './synonyms.ts';
import { beijingDate } from '../../platform/time.ts';

export const SEARCH_PAGE_SIZE = 20;
/** Page links stop here: nobody reads page 50, and a deep OFFSET costs what it skips. */
export const SEARCH_MAX_PAGE = 50;
/**
 * Title hits come first within each run of this many hits, newest first, not across all of
 * them: a common word has a million hits in a province, and ranking every one by title would
 * read every one. Five pages per run, so the first pages still lead with titles; a search with
 * fewer hits than this is ordered title first throughout.
 */
export const SEARCH_TITLE_RUN = 100;

interface SearchResult {
  terms: string[];
  records: PublicSearchHit[];
  page: number;
  /** Whether a next page exists (one row more than a page is asked for, no count). */
  hasMore: boolean;
}

/** Hits (newest first) reordered title first inside each run of SEARCH_TITLE_RUN; stable for paging. */
export function titleFirstInRuns<T extends { inTitle: boolean }>(hits: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < hits.length; i += SEARCH_TITLE_RUN) {
    const run = hits.slice(i, i + SEARCH_TITLE_RUN);
    out.push(...run.filter((h) => h.inTitle), ...run.filter((h) => !h.inTitle));
  }
  return out;
}

/**
 * Searches what this viewer may read in a community, street or district (or the whole portal):
 * the words and their synonyms in one query over record_search (see searchRepository.searchHits),
 * one page at a time. Terms come back for highlighting.
 */
export async function searchRecords(deps: Deps, scope: Pick<OrgRow, 'path'>, query: string, viewer: SessionUser | null, page = 1): Promise<SearchResult> {
  const terms = expandQuery(query.slice(0, 50));
  const at = Math.min(Math.max(1, Math.trunc(page)), SEARCH_MAX_PAGE);
  if (terms.length === 0) return { terms, records: [], page: at, hasMore: false };
  const now = deps.clock.now();
  const end = at * SEARCH_PAGE_SIZE;
  // Every hit up to the end of this page's run, and one more to know whether a next page exists.
  const hits = await searchHits(deps.db.orm, {
    path: scope.path,
    terms: [...new Set(terms.map(normaliseForSearch))],
    now,
    today: beijingDate(now),
    residentOrgIds: viewer ? [viewer.orgId] : [],
    limit: Math.ceil(end / SEARCH_TITLE_RUN) * SEARCH_TITLE_RUN + 1,
  });
  const ordered = titleFirstInRuns(hits);
  const pageIds = ordered.slice(end - SEARCH_PAGE_SIZE, end).map((h) => h.recordId);
  const hasMore = ordered.length > end && at < SEARCH_MAX_PAGE;
  return { terms, records: await presentHits(deps, await publishedByIds(deps.db.orm, pageIds), viewer), page: at, hasMore };
}
