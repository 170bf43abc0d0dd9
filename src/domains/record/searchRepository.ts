import { and, inArray, like, lte, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db.ts';
import { recordSearch, SCOPE_DEPTHS, scopeSegment } from './schema.ts';

export interface SearchFilter {
  path: string;
  /** Normalised (NFKC, lower case) words, any of which may match. */
  terms: string[];
  now: Date;
  today: string;
  /** Organisations whose 特定群体 records this viewer may see. */
  residentOrgIds: number[];
  /** How many hits, newest first. */
  limit: number;
  /** Rows of the scope the newest-first walk reads before the GIN index takes over (tests make it small). */
  walkBudget?: number;
}

export interface SearchHit {
  recordId: number;
  publishedAt: Date;
  inTitle: boolean;
}

/*
 * A common word (低保 in every eighth record) is found in the newest few hundred rows of any scope,
 * but it has a million hits in a province: collecting them through the GIN index and sorting
 * took seconds. So the newest rows of the scope are walked through a btree in order and checked
 * one by one, stopping at `limit` hits; only when that budget of rows holds too few hits (a rare
 * word, which has few hits by that very fact) does the GIN index collect and sort them all.
 */
export const SEARCH_WALK_BUDGET = 20_000;

/** The index keys a text holding `term` must have: the term itself if one character, else its pairs. */
export function termGrams(term: string): string[] {
  const chars = Array.from(term);
  if (chars.length === 1) return chars;
  const pairs = new Set(chars.slice(1).map((c, i) => chars[i]! + c));
  // A few pairs narrow enough; strpos() below checks the whole term on the rows they leave.
  return [...pairs].slice(0, 8);
}

const s = recordSearch;
const NEWEST = sql`${s.publishedAt} desc nulls last, ${s.recordId} desc nulls last`;

/** The scope, spelled so the walk's btree (schema SCOPE_DEPTHS) serves it; LIKE keeps it exact. */
function inScope(path: string): SQL | undefined {
  const codes = path.split('/').filter(Boolean);
  if (codes.length === 0) return undefined;
  const within = like(s.orgPath, `${path}%`);
  if (!(SCOPE_DEPTHS as readonly number[]).includes(codes.length)) return within;
  return and(sql`${scopeSegment(s.orgPath, codes.length)} = ${codes.at(-1)!}`, within);
}

/** Rows this viewer may find at all: in scope, published by now, public or of their own community. */
function visible(f: SearchFilter): SQL {
  const audience = f.residentOrgIds.length > 0 ? sql`(${s.audience} = 'public' or ${inArray(s.orgId, f.residentOrgIds)})` : sql`${s.audience} = 'public'`;
  return and(inScope(f.path), lte(s.publishedAt, f.now), audience)!;
}

/** A match: the title holds a term, or the body does (a personal list's only inside its 公示期). */
function matching(f: SearchFilter): { narrowed: SQL; matches: SQL; inTitle: SQL } {
  const narrowed = sql.join(f.terms.map((t) => sql`${s.grams} @> array[${sql.join(termGrams(t).map((g) => sql`${g}`), sql`, `)}]::text[]`), sql` or `);
  const inBody = sql.join(f.terms.map((t) => sql`strpos(${s.body}, ${t}) > 0`), sql` or `);
  const inTitle = sql`(${sql.join(f.terms.map((t) => sql`strpos(${s.title}, ${t}) > 0`), sql` or `)})`;
  const bodyVisible = sql`(${s.listEndsOn} is null or ${s.listEndsOn} >= ${f.today})`;
  return { narrowed: sql`(${narrowed})`, matches: sql`(${inTitle} or (${bodyVisible} and (${inBody})))`, inTitle };
}

const toHit = (r: { record_id: unknown; published_at: unknown; in_title: unknown }): SearchHit => ({
  recordId: Number(r.record_id),
  publishedAt: new Date(r.published_at as string),
  inTitle: r.in_title === true || r.in_title === 't',
});

/**
 * The first `limit` hits under `path`, newest first (then id: a stable order for paging).
 * Walk first; the budget's LIMIT sits inside, so the outer LIMIT stops the walk at its last hit.
 */
export async function searchHits(ex: Executor, f: SearchFilter): Promise<SearchHit[]> {
  if (f.terms.length === 0 || f.limit <= 0) return [];
  const { narrowed, matches, inTitle } = matching(f);
  const budget = Math.max(1, Math.trunc(f.walkBudget ?? SEARCH_WALK_BUDGET));
  const walked = await queryRows<{ record_id: unknown; published_at: unknown; in_title: unknown }>(ex, sql`
    select ${s.recordId}, ${s.publishedAt}, ${inTitle} as in_title from (
      select * from ${s} where ${visible(f)} order by ${NEWEST} limit ${budget}
    ) as ${s} where ${narrowed} and ${matches} order by ${NEWEST} limit ${f.limit}`);
  if (walked.length >= f.limit) return walked.map(toHit);
  // Too few in the budget: either the scope is smaller than it (the walk saw it all) or the
  // word is rare there; the index then collects every hit, which are few in both cases.
  const indexed = await queryRows<{ record_id: unknown; published_at: unknown; in_title: unknown }>(ex, sql`
    select ${s.recordId}, ${s.publishedAt}, ${inTitle} as in_title from ${s}
    where ${visible(f)} and ${narrowed} and ${matches} order by ${NEWEST} limit ${f.limit}`);
  return indexed.map(toHit);
}
