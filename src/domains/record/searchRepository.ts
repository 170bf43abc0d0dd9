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

/**
 * The scope, spelled so the walk's btree (schema SCOPE_DEPTHS) serves it. Codes are unique, so the
 * code at the scope's depth names its subtree exactly; a LIKE beside it only made the planner
 * multiply two estimates of the same condition (a street's 20,000 rows estimated at 2) and read
 * and sort the whole street instead of walking its newest rows (450 → 20 ms on the province).
 */
function inScope(path: string): SQL | undefined {
  const codes = path.split('/').filter(Boolean);
  if (codes.length === 0) return undefined;
  if (!(SCOPE_DEPTHS as readonly number[]).includes(codes.length)) return like(s.orgPath, `${path}%`);
  return sql`${scopeSegment(s.orgPath, codes.length)} = ${codes.at(-1)!}`;
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

type HitRow = { record_id: unknown; published_at: unknown; in_title: unknown };

const toHit = (r: HitRow): SearchHit => ({
  recordId: Number(r.record_id),
  publishedAt: new Date(r.published_at as string),
  inTitle: r.in_title === true || r.in_title === 't',
});

/**
 * Whether the scope holds fewer rows than the walk's budget, so the walk saw every row (a
 * community's 公示 had 38 hits in its 1,000 rows, then the GIN index read 76,000 entries of 公示
 * across the province to find the same 38: 40 ms). Counted from the scope's index alone.
 */
async function smallerThan(ex: Executor, f: SearchFilter, budget: number): Promise<boolean> {
  const rows = await queryRows<{ n: unknown }>(ex, sql`
    select count(*)::int as n from (select 1 from ${s} where ${and(inScope(f.path), lte(s.publishedAt, f.now))} order by ${NEWEST} limit ${budget}) as scope`);
  return Number(rows[0]?.n ?? 0) < budget;
}

/**
 * The first `limit` hits under `path`, newest first (then id: a stable order for paging).
 * Walk first; the budget's LIMIT sits inside, so the outer LIMIT stops the walk at its last hit.
 * The walk checks the texts alone: testing `grams` too unpacked a ~1 KB array per row walked
 * (a portal 低保 walk of 5,000 rows: 41 → 12 ms); the grams only serve the GIN index.
 */
export async function searchHits(ex: Executor, f: SearchFilter): Promise<SearchHit[]> {
  if (f.terms.length === 0 || f.limit <= 0) return [];
  const { narrowed, matches, inTitle } = matching(f);
  const budget = Math.max(1, Math.trunc(f.walkBudget ?? SEARCH_WALK_BUDGET));
  const walked = await queryRows<HitRow>(ex, sql`
    select ${s.recordId}, ${s.publishedAt}, ${inTitle} as in_title from (
      select * from ${s} where ${visible(f)} order by ${NEWEST} limit ${budget}
    ) as ${s} where ${matches} order by ${NEWEST} limit ${f.limit}`);
  if (walked.length >= f.limit || (await smallerThan(ex, f, budget))) return walked.map(toHit);
  // Too few in the budget of a larger scope: the word is rare there, and the index collects
  // every hit, which are few by that very fact.
  const indexed = await queryRows<HitRow>(ex, sql`
    select ${s.recordId}, ${s.publishedAt}, ${inTitle} as in_title from ${s}
    where ${visible(f)} and ${narrowed} and ${matches} order by ${NEWEST} limit ${f.limit}`);
  return indexed.map(toHit);
}
